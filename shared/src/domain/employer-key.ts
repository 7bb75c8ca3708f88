/**
 * Keys that bring claims against one employer (and one project) together (DOMAIN.md, Group
 * cases): the 统一社会信用代码 when known, else the employer's name normalised so that the ways
 * workers type one name meet.
 */

/**
 * Normalises a company or project name: full-width → half-width (NFKC), case folded, spaces and
 * punctuation (both widths) removed, and the limited-company suffix written one way —
 * 有限责任公司, 有限公司 and a bare 公司 mean the same employer to a worker. 股份有限公司 stays
 * apart: a company limited by shares is a different legal person from a 有限公司 of the same
 * trade name.
 */
export function normaliseName(name: string): string {
  let s = name.normalize('NFKC').toLowerCase().replace(/[\s\p{P}\p{S}]+/gu, '')
  if (s.endsWith('股份有限公司')) s = `${s.slice(0, -'股份有限公司'.length)}#股份`
  else if (s.endsWith('有限责任公司')) s = `${s.slice(0, -'有限责任公司'.length)}#公司`
  else if (s.endsWith('有限公司')) s = `${s.slice(0, -'有限公司'.length)}#公司`
  else if (s.endsWith('公司')) s = `${s.slice(0, -'公司'.length)}#公司`
  return s
}

/** `cc:<credit code>` or `nm:<normalised name>`. */
export function employerKey(employer: { name: string; creditCode?: string | null | undefined }): string {
  const code = employer.creditCode?.trim().toUpperCase()
  return code ? `cc:${code}` : `nm:${normaliseName(employer.name)}`
}

/** The group a claim joins: one employer and one project (no project = the employer's group). */
export function groupKey(employerKeyValue: string, projectName: string | null | undefined): string {
  return `${employerKeyValue}|${projectName ? normaliseName(projectName) : ''}`
}
