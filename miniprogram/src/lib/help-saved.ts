/**
 * 找帮助 offline (issue 14): the last list the server gave for a place is kept on the phone, so
 * with no network the page still shows it, marked with the time it was saved. Only the unfiltered
 * list is kept (what the worker sees first). No Taro import beyond storage.
 */
import type { HelpPointChannel, HelpPointItem } from '../api/help-points-types'
import { formatShanghaiDateTime } from './dates'
import { readStorage, writeStorage } from './storage'

const KEY = 'huxin:help-last:v1'

export interface SavedHelpList {
  /** Where the list was asked for, rounded (about 100 m): a list for elsewhere is not shown. */
  place: string
  savedAt: string
  items: HelpPointItem[]
  channels: HelpPointChannel[]
}

export function placeKey(at: { lat: number; lng: number }): string {
  return `${at.lat.toFixed(3)},${at.lng.toFixed(3)}`
}

export function saveHelpList(at: { lat: number; lng: number }, items: readonly HelpPointItem[], channels: readonly HelpPointChannel[], now = new Date()): void {
  const saved: SavedHelpList = { place: placeKey(at), savedAt: now.toISOString(), items: [...items], channels: [...channels] }
  writeStorage(KEY, saved)
}

/** The list saved for this place, if any. */
export function loadHelpList(at: { lat: number; lng: number }): SavedHelpList | undefined {
  const value = readStorage(KEY)
  if (typeof value !== 'object' || value === null) return undefined
  const saved = value as Partial<SavedHelpList>
  if (saved.place !== placeKey(at) || typeof saved.savedAt !== 'string' || !Array.isArray(saved.items) || !Array.isArray(saved.channels)) return undefined
  return saved as SavedHelpList
}

/** 没有网络，下面是 2026年11月29日 10:05 保存的列表，可能不是最新的 */
export function savedNotice(savedAt: string): string {
  const when = formatShanghaiDateTime(savedAt) ?? ''
  return `现在没有网络，下面是 ${when} 保存的列表，开门情况可能有变化`
}
