/** The sms module's public surface: other modules and the app import only this file. */
export * from './adapter'
export * from './simulator'
