/**
 * Towns and streets (镇/街道) of the Changzhou Economic Development Zone, the jurisdiction units
 * that inspectors serve. Codes are stable ASCII identifiers used in the API and database; names are
 * what people see.
 */
export const TOWNS = [
  { code: 'yaoguan', name: '遥观镇' },
  { code: 'henglin', name: '横林镇' },
  { code: 'hengshanqiao', name: '横山桥镇' },
  { code: 'lucheng', name: '潞城街道' },
  { code: 'qishuyan', name: '戚墅堰街道' },
  { code: 'dingyan', name: '丁堰街道' },
] as const

export type TownCode = (typeof TOWNS)[number]['code']

export const TOWN_CODES = TOWNS.map((t) => t.code) as unknown as readonly [TownCode, ...TownCode[]]

export function townName(code: string): string | undefined {
  return TOWNS.find((t) => t.code === code)?.name
}
