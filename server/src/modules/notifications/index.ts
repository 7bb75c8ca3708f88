/** The notifications module's public surface: the drainer that server.ts and worker.ts start. */
export { startNotificationDrainer } from './service'
