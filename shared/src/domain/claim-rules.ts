import type { FieldError } from '../schemas/common'
import { shanghaiDate, shanghaiMonth } from './shanghai-time'
import type { CreateClaimBody } from '../schemas/claim'
import { isValidCreditCode, isValidIdNumber } from './identity'

/** 群体性案件: five or more workers against one employer or project (DOMAIN.md, Group cases). */
export const GROUP_CASE_MIN_WORKERS = 5

/** The privacy-policy version the mini-program currently shows; consent records carry it. */
export const PRIVACY_POLICY_VERSION = '2026-11'

/**
 * Rules a JSON schema cannot say: check digits, field combinations, dates against today.
 * The server enforces them; the mini-program runs the same function to warn before sending.
 */
export function validateClaimInput(body: CreateClaimBody, now: Date = new Date()): FieldError[] {
  const errors: FieldError[] = []
  const { claimant, employer, consent } = body

  if (claimant.idNumber !== undefined) {
    if (!isValidIdNumber(claimant.idNumber)) {
      errors.push({ field: 'claimant.idNumber', message: '这个身份证号码不对，请再看看；不想填可以不填' })
    } else if (!isValidIdNumber(claimant.idNumber, shanghaiDate(now))) {
      errors.push({ field: 'claimant.idNumber', message: '身份证号码里的出生日期不对，请再看看' })
    }
    // PIPL Art. 29: an ID number is sensitive personal information and needs separate consent.
    if (!consent.sensitiveInfo) {
      errors.push({ field: 'consent.sensitiveInfo', message: '要填身份证号码，请先勾选上面的同意' })
    }
  }
  if (employer.creditCode !== undefined && !isValidCreditCode(employer.creditCode)) {
    errors.push({ field: 'employer.creditCode', message: '这个信用代码不对，请再看看；不知道可以不填' })
  }
  if (claimant.name.trim() === '') {
    errors.push({ field: 'claimant.name', message: '请填写姓名' })
  }
  if (employer.name.trim() === '') {
    errors.push({ field: 'employer.name', message: '请填写用人单位名称' })
  }
  if (body.description.trim() === '') {
    errors.push({ field: 'description', message: '请简要说明欠薪情况' })
  }
  if (body.site !== undefined) {
    const { lat, lng, address } = body.site
    if ((lat === undefined) !== (lng === undefined)) {
      errors.push({ field: lat === undefined ? 'site.lat' : 'site.lng', message: '工作地点的位置不完整，请在地图上重新选一下' })
    } else if (lat === undefined && (address ?? '').trim() === '') {
      errors.push({ field: 'site.address', message: '请在地图上选工作地点，或者写下地址' })
    }
  }
  if (body.periodFrom > body.periodTo) {
    errors.push({ field: 'periodTo', message: '欠薪结束月份不能早于开始月份' })
  }
  const thisMonth = shanghaiMonth(now)
  if (body.periodTo > thisMonth) {
    errors.push({ field: 'periodTo', message: '欠薪月份不能晚于本月' })
  }
  if (body.periodFrom < '1990-01') {
    errors.push({ field: 'periodFrom', message: '开始月份不对，请再选一下' })
  }
  const coWorkers = body.coWorkers?.length ?? 0
  if (coWorkers + 1 > body.workersCount) {
    errors.push({ field: 'workersCount', message: `人数至少要填 ${coWorkers + 1}：您本人加上 ${coWorkers} 位工友` })
  }
  return errors
}
