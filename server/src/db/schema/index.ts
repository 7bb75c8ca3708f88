export * from './auth'
export * from './claims'
export * from './calendar'
export * from './national'
