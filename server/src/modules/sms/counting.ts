/**
 * Counts every send of an SMS port by purpose and outcome (`/metrics`, `huxin_sms_sends_total`):
 * sent, a retryable error (rate limit, gateway down, timeout) or refused for good.
 */
import { SmsGatewayError, type SmsPort } from './adapter'

export type SmsSendPurpose = 'code' | 'claim_update'
export type SmsSendOutcome = 'sent' | 'retryable_error' | 'refused'

export function countingSmsPort(port: SmsPort, count: (purpose: SmsSendPurpose, outcome: SmsSendOutcome) => void): SmsPort {
  async function counted<T>(purpose: SmsSendPurpose, send: () => Promise<T>): Promise<T> {
    try {
      const result = await send()
      count(purpose, 'sent')
      return result
    } catch (error) {
      count(purpose, error instanceof SmsGatewayError && !error.retryable ? 'refused' : 'retryable_error')
      throw error
    }
  }
  return {
    sendVerificationCode: (phone, code) => counted('code', () => port.sendVerificationCode(phone, code)),
    sendClaimUpdate: (phone, update, outId) => counted('claim_update', () => port.sendClaimUpdate(phone, update, outId)),
  }
}
