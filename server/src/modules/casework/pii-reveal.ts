/**
 * A claimant's personal data in front of staff: every reveal of the full phone or ID number, and
 * every download of evidence, is written to pii_access_log (who, when, which claim, which fields)
 * before the data leaves.
 */
import type { ClaimRow } from '../claims/index'
import { mayViewFullPii, type Actor } from './access'
import type { CaseWorkContext } from './case-work'

export function piiReveal({ repo, pii: cipher, now }: CaseWorkContext) {
  return {
    /** Full phone and ID number for the staff detail view, when the actor may see them; logged first. */
    async revealPii(actor: Actor, claim: ClaimRow): Promise<{ phone?: string; idNumber?: string } | undefined> {
      if (!mayViewFullPii(actor, claim)) return undefined
      const pii: { phone?: string; idNumber?: string } = {}
      if (claim.claimantPhoneEnc) pii.phone = cipher.decrypt(claim.claimantPhoneEnc)
      if (claim.claimantIdEnc) pii.idNumber = cipher.decrypt(claim.claimantIdEnc)
      const fields = [pii.phone ? 'claimant.phone' : undefined, pii.idNumber ? 'claimant.idNumber' : undefined].filter(
        (f): f is string => f !== undefined,
      )
      if (fields.length === 0) return undefined
      await repo.logPiiAccess({ actorId: actor.id, claimId: claim.id, fields, at: now() })
      return pii
    },

    /**
     * A staff member opens a piece of evidence: pay slips, IOUs, ID cards and chat screenshots
     * carry the claimant's personal data, so each download is logged like a reveal of the full
     * phone (field `attachment:<id>`), before the file leaves.
     */
    async logEvidenceView(actor: Actor, claimId: string, attachmentId: string): Promise<void> {
      await repo.logPiiAccess({ actorId: actor.id, claimId, fields: [`attachment:${attachmentId}`], at: now() })
    },
  }
}
