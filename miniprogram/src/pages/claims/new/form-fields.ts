/**
 * The wizard's controls and where an error goes: each control's element id (stable, used by the
 * browser tests), the body field it fills, its step, and the placement of the server's or the
 * shared rules' errors next to them. No Taro import (test/claim-form.test.ts).
 */
import type { FieldError } from '@huxin/shared'
import type { WizardStep } from './form-draft'

/**
 * Every control of the wizard: its element `id` (stable, used by the browser tests), the path of
 * the body field it fills (the `field` of a FieldError), its label and the step that shows it.
 * Co-worker rows have ids `co-worker-<i>-name` / `co-worker-<i>-phone` (see `fieldIdForPath`).
 */
export const FORM_FIELDS = [
  { id: 'claimant-name', path: 'claimant.name', label: '姓名', step: 1 },
  { id: 'claimant-phone', path: 'claimant.phone', label: '手机号', step: 1 },
  { id: 'sensitive-consent', path: 'consent.sensitiveInfo', label: '同意处理身份证号码', step: 1 },
  { id: 'id-number', path: 'claimant.idNumber', label: '身份证号码', step: 1 },
  { id: 'employer-name', path: 'employer.name', label: '用人单位名称', step: 2 },
  { id: 'employer-credit-code', path: 'employer.creditCode', label: '统一社会信用代码', step: 2 },
  { id: 'project-name', path: 'project.name', label: '工程项目名称', step: 2 },
  { id: 'industry', path: 'industry', label: '行业', step: 2 },
  { id: 'town', path: 'town', label: '所在镇/街道', step: 2 },
  { id: 'site-map', path: 'site.lat', label: '工作地点', step: 2 },
  { id: 'site-address', path: 'site.address', label: '工作地点的地址', step: 2 },
  { id: 'period-from', path: 'periodFrom', label: '欠薪开始月份', step: 3 },
  { id: 'period-to', path: 'periodTo', label: '欠薪结束月份', step: 3 },
  { id: 'amount-yuan', path: 'amountOwedFen', label: '欠薪金额（元）', step: 3 },
  { id: 'workers-count', path: 'workersCount', label: '涉及人数', step: 3 },
  { id: 'co-workers', path: 'coWorkers', label: '一起被欠薪的工友', step: 3 },
  { id: 'description', path: 'description', label: '情况说明', step: 4 },
  { id: 'photos', path: 'photos', label: '证据照片', step: 4 },
  { id: 'confidential', path: 'confidential', label: '是否要求对身份保密', step: 5 },
  { id: 'consent', path: 'consent', label: '隐私政策同意', step: 5 },
] as const satisfies ReadonlyArray<{ id: string; path: string; label: string; step: WizardStep }>

export type StaticFieldId = (typeof FORM_FIELDS)[number]['id']
export type CoWorkerFieldId = `co-worker-${number}-name` | `co-worker-${number}-phone`
export type FieldId = StaticFieldId | CoWorkerFieldId
export type FieldMessages = Partial<Record<FieldId, string>>

export function coWorkerFieldId(index: number, part: 'name' | 'phone'): CoWorkerFieldId {
  return `co-worker-${index}-${part}`
}

const CO_WORKER_ID = /^co-worker-(\d+)-(name|phone)$/

/** The step that shows a control. */
export function stepOfField(id: FieldId): WizardStep {
  if (CO_WORKER_ID.test(id)) return 3
  return FORM_FIELDS.find((f) => f.id === id)?.step ?? 5
}

/** Form order of a control, for "first error": co-worker rows sit after the list's own slot. */
function orderOfField(id: FieldId): number {
  const row = CO_WORKER_ID.exec(id)
  if (row) {
    const base = FORM_FIELDS.findIndex((f) => f.id === 'co-workers')
    return base + 0.001 * (Number(row[1]) * 2 + (row[2] === 'phone' ? 1 : 0) + 1)
  }
  return FORM_FIELDS.findIndex((f) => f.id === id)
}

/**
 * `claimant.name`, `/claimant/name` (JSON pointer, as Ajv reports it) and `body.claimant.name` all
 * become `claimant.name`; array indexes stay (`coWorkers.0.name`).
 */
export function normaliseFieldPath(field: string): string {
  return field
    .trim()
    .replace(/^\//, '')
    .replace(/\//g, '.')
    .replace(/\[(\d+)\]/g, '.$1')
    .replace(/^body\./, '')
}

/**
 * The control an error belongs to: the field with that path, a co-worker row's own box, else the
 * field inside it (`project` → project name) or around it (`consent.privacyVersion` → consent);
 * undefined when the wizard has no such control.
 */
export function fieldIdForPath(field: string): FieldId | undefined {
  const path = normaliseFieldPath(field)
  if (path === '') return undefined
  const row = /^coWorkers\.(\d+)(?:\.(name|phone))?/.exec(path)
  if (row) return coWorkerFieldId(Number(row[1]), row[2] === 'phone' ? 'phone' : 'name')
  const exact = FORM_FIELDS.find((f) => f.path === path)
  if (exact) return exact.id
  const around = FORM_FIELDS.find((f) => path.startsWith(`${f.path}.`))
  if (around) return around.id
  const inside = FORM_FIELDS.find((f) => f.path.startsWith(`${path}.`))
  return inside?.id
}

/**
 * Places errors next to their controls (first message per control wins); errors for fields the
 * wizard does not show are returned in `other`, prefixed with nothing: their messages already say
 * what is wrong in the worker's words.
 */
export function placeFieldErrors(errors: readonly FieldError[]): { byField: FieldMessages; other: string[] } {
  const byField: FieldMessages = {}
  const other: string[] = []
  for (const error of errors) {
    const id = fieldIdForPath(error.field)
    if (id === undefined) {
      if (!other.includes(error.message)) other.push(error.message)
    } else if (byField[id] === undefined) {
      byField[id] = error.message
    }
  }
  return { byField, other }
}

/** Id of the first control, in form order, that has an error (to scroll to it). */
export function firstErrorFieldId(byField: FieldMessages): FieldId | undefined {
  const ids = (Object.keys(byField) as FieldId[]).filter((id) => byField[id] !== undefined)
  ids.sort((a, b) => orderOfField(a) - orderOfField(b))
  return ids[0]
}
