import type { NonceStore } from '../signing'
import type { DispatchedClue } from '../protocol'
import type { NationalFaults } from './faults'
import type { PlatformStore } from './store'

export interface NationalSimulatorOptions {
  /** The bureau's credentials: requests must be signed with this secret. */
  appId: string
  appSecret: string
  /** Where dispatched clues are pushed (our webhook); none: pull only. */
  webhookUrl?: string
  /** Clues generated per minute (0: only on demand through `/__control/dispatch`). */
  cluesPerMinute?: number
}

/** What the control and protocol routes of one simulator share; `reset` starts it afresh. */
export interface SimulatorContext {
  options: NationalSimulatorOptions
  faults: NationalFaults
  nonces: NonceStore
  webhookUrl: string | undefined
  store: PlatformStore
  /** Aborted when the server closes: waits end, pushes stop. */
  closing: AbortSignal
  /** Stores new clues and pushes them to the webhook (if any) under the switches as they are now. */
  dispatch(overrides: Partial<DispatchedClue>[]): DispatchedClue[]
  setGenerator(perMinute: number): void
  reset(): void
}
