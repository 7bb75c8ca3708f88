/** The national-sync module's public surface: other modules and the app import only this file. */
export { createNationalHttpAdapter, type NationalPort } from './adapter'
export { createSyncEngine, type SyncEngine } from './engine'
export { syncEngineOptions } from './engine-options'
export { progressPayload, registerPayload } from './outbox'
export { NATIONAL_WEBHOOK_PATH } from './protocol'
export { enqueueNationalMessage, type NationalMessageInput } from './repository/index'
export { signMessage } from './signing'
export { nationalSimulator, type NationalSimulatorOptions } from './simulator/index'
