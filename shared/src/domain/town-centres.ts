/**
 * Approximate centres (WGS-84) of the towns and streets in towns.ts: where the mini-program's
 * 找帮助 measures distances from when the worker picks a town instead of sharing a location, and
 * where the demo help points sit. Pure data: safe in the mini-program bundle.
 */
import type { TownCode } from './towns'

export const TOWN_CENTRES: Readonly<Record<TownCode, { lat: number; lng: number }>> = {
  yaoguan: { lat: 31.7436, lng: 120.0992 },
  henglin: { lat: 31.7402, lng: 120.1462 },
  hengshanqiao: { lat: 31.8133, lng: 120.1108 },
  lucheng: { lat: 31.7877, lng: 120.0275 },
  qishuyan: { lat: 31.7262, lng: 120.0586 },
  dingyan: { lat: 31.7571, lng: 120.0214 },
}
