export * from './auth'
export * from './claims'
