export * from './claims'
