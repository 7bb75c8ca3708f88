/** The SMS gateway's port: its HTTP adapter and its simulator. */
export { createSmsHttpAdapter, SmsErrorCode, SmsGatewayError, type SmsPort } from './adapter'
export { smsSimulator, type SimulatedSms, type SmsSimulatorOptions } from './simulator'
export { countingSmsPort, type SmsSendOutcome, type SmsSendPurpose } from './counting'
