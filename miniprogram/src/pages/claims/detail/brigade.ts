/**
 * The labour-inspection brigade's phone for a claim's town: the nearest help point of kind
 * `labour_inspection` to the town's centre (the bureau's help points are the one place the
 * numbers are configured; none is written in code).
 */
import { TOWN_CENTRES } from '@huxin/shared/domain/town-centres'
import type { TownCode } from '@huxin/shared/domain/towns'
import type { ApiClient } from '../../../api/client'

export interface BrigadeContact {
  name: string
  phone: string
}

export async function brigadeContact(api: Pick<ApiClient, 'nearbyHelpPoints'>, town: string): Promise<BrigadeContact | undefined> {
  const centre = TOWN_CENTRES[town as TownCode]
  if (!centre) return undefined
  const { items } = await api.nearbyHelpPoints({ lat: centre.lat, lng: centre.lng, limit: 1, kind: 'labour_inspection' })
  const point = items[0]
  const phone = point?.phones[0]
  return point && phone ? { name: point.name, phone } : undefined
}
