import { randomUUID } from 'node:crypto'
import type { CreateClaimBody } from '@huxin/shared'

export function validClaimBody(overrides: Partial<CreateClaimBody> = {}): CreateClaimBody {
  return {
    claimant: { name: '王建国', phone: '13812341234' },
    employer: { name: '常州某某建筑劳务有限公司', creditCode: '91440300708461136T' },
    project: { name: '遥观镇某小区三期工程' },
    industry: 'construction',
    site: { lat: 31.7416, lng: 120.0932, address: '遥观镇某路' },
    town: 'yaoguan',
    periodFrom: '2026-03',
    periodTo: '2026-06',
    amountOwedFen: 2_345_678,
    workersCount: 3,
    coWorkers: [{ name: '李四', phone: '13900001111' }, { name: '赵五' }],
    description: '三月到六月在工地干活，老板一直拖着不发工资。',
    confidential: true,
    consent: { privacyVersion: '2026-11', sensitiveInfo: false },
    ...overrides,
  }
}

export const newKey = () => randomUUID()
