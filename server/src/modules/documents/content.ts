/**
 * The text of each document kind, from the case's data (DOMAIN.md, Documents of a case). Pure:
 * everything it prints arrives in `DocumentFacts`. Privacy (劳动保障监察条例 Art. 9, PIPL): no
 * document prints a phone or ID number; a document addressed to the employer names the
 * complainant only when the claim is not confidential.
 */
import {
  CLAIM_STATUS_LABELS,
  DOCUMENT_KIND_RULES,
  formatFen,
  shanghaiDate,
  townName,
  type ClaimStatus,
  type DocumentKind,
} from '@huxin/shared'
import type { ClaimRow, RecoveredFen } from '../claims/index'
import type { TextBlock, TextDocumentSpec } from '../../lib/pdf/text-document'

/** The inputs a request carries beyond the claim (stored with the document). */
export interface DocumentDetails {
  payWithinDays?: number
  rectifyWithinDays?: number
  appearAt?: string
  place?: string
  findings?: string
  note?: string
}

export interface DocumentFacts {
  kind: DocumentKind
  number: string
  issuedAt: Date
  bureauName: string
  claim: ClaimRow
  recovered: RecoveredFen
  details: DocumentDetails
  /** 不予受理: the ground in plain words, and where the complainant is referred or transferred. */
  rejection?: { ground: string; referTo?: string | undefined; transferTo?: string | undefined }
  /** The latest served order to pay, cited by decisions and transfers. */
  paymentOrder?: { number: string; servedAt: Date; payDueAt: Date } | undefined
  /** The supervisor's approval of a kind that needs one. */
  approval?: { at: Date; note?: string | undefined } | undefined
}

/** 2026-12-07 → 2026年12月7日 (Shanghai day of an instant). */
export function chineseDate(at: Date): string {
  const [y, m, d] = shanghaiDate(at).split('-')
  return `${y}年${Number(m)}月${Number(d)}日`
}

/** 2026-03 → 2026年3月 */
const chineseMonth = (month: string) => `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`

const yuan = (fen: number) => `${formatFen(fen)}元`

/** Wages still owed: owed − recovered wages, never below zero (docs/casework.md, Ledger). */
export const outstandingOf = (claim: ClaimRow, recovered: RecoveredFen) => Math.max(0, claim.amountOwedFen - recovered.wages)

export function buildDocument(facts: DocumentFacts): TextDocumentSpec {
  const { claim, bureauName } = facts
  const rule = DOCUMENT_KIND_RULES[facts.kind]
  const period =
    claim.periodFrom === claim.periodTo
      ? chineseMonth(claim.periodFrom)
      : `${chineseMonth(claim.periodFrom)}至${chineseMonth(claim.periodTo)}`
  const employer = claim.employerName + (claim.projectName ? `（${claim.projectName}）` : '')
  // Who the employer is told about: the complainant by name only when the claim is not confidential.
  const workers =
    claim.confidential || rule.recipient !== 'employer'
      ? `${claim.workersCount}名劳动者`
      : `${claim.claimantName}${claim.workersCount > 1 ? `等${claim.workersCount}名劳动者` : ''}`
  const outstanding = outstandingOf(claim, facts.recovered)
  const order = facts.paymentOrder
  const p = (text: string): TextBlock => ({ kind: 'paragraph', text })
  const signature: TextBlock = { kind: 'signature', lines: [bureauName, chineseDate(facts.issuedAt)] }
  const blocks: TextBlock[] = []

  switch (facts.kind) {
    case 'acceptance_notice':
      blocks.push(
        { kind: 'addressee', text: `${claim.claimantName}：` },
        p(
          `你于${chineseDate(claim.createdAt)}反映${employer}拖欠${period}期间工资${yuan(claim.amountOwedFen)}一事，经审查，` +
            `符合《劳动保障监察条例》和《关于实施〈劳动保障监察条例〉若干规定》规定的受理条件，本部门决定予以受理` +
            `（立案日期：${chineseDate(claim.acceptedAt ?? facts.issuedAt)}，案件编号：${claim.reference}）。`,
        ),
        p(
          `本部门将自立案之日起六十个工作日内依法调查处理${claim.closeDueAt ? `（${chineseDate(claim.closeDueAt)}前）` : ''}；` +
            '情况复杂的，经批准可以延长三十个工作日。处理结果将告知你。',
        ),
        p('本通知书是你已向劳动保障行政部门投诉的凭证，请妥善保管（《劳动争议调解仲裁法》第二十七条）。'),
        signature,
      )
      break
    case 'rejection_notice': {
      const r = facts.rejection
      blocks.push(
        { kind: 'addressee', text: `${claim.claimantName}：` },
        p(`你于${chineseDate(claim.createdAt)}反映${employer}拖欠工资一事，经审查，${r?.ground ?? '不符合受理条件'}，本部门决定不予受理。`),
      )
      if (r?.transferTo) blocks.push(p(`本部门已将该事项移交${r.transferTo}处理，你可以向其了解办理情况。`))
      if (r?.referTo) blocks.push(p(`你可以向${r.referTo}寻求帮助。`))
      blocks.push(p('如对本决定不服，可以依法申请行政复议或者提起行政诉讼。'), signature)
      break
    }
    case 'inquiry_notice':
      blocks.push(
        { kind: 'addressee', text: `${claim.employerName}：` },
        p(
          `因你单位涉嫌拖欠${workers}${period}期间工资一事，根据《劳动保障监察条例》第十五条的规定，请你单位法定代表人` +
            `或者委托代理人于${facts.details.appearAt ?? '接到本通知书之日起三个工作日内'}到${facts.details.place ?? bureauName}接受询问。`,
        ),
        p(`请携带：营业执照复印件、法定代表人身份证明或授权委托书、劳动合同、考勤记录、${period}工资支付记录及其他相关材料。`),
        signature,
      )
      break
    case 'rectification_order':
      blocks.push(
        { kind: 'addressee', text: `${claim.employerName}：` },
        p(`经查，你单位存在以下违反劳动保障法律、法规的行为：${facts.details.findings ?? `拖欠${workers}${period}期间工资`}。`),
        p(
          `根据《劳动保障监察条例》第十八条的规定，责令你单位于收到本指令书之日起${facts.details.rectifyWithinDays ?? 15}日内改正，` +
            '并将改正情况书面报送本部门。逾期不改正的，本部门将依法处理。',
        ),
        signature,
      )
      break
    case 'payment_order': {
      const days = facts.details.payWithinDays ?? 10
      blocks.push(
        { kind: 'addressee', text: `${claim.employerName}：` },
        p(`经查，你单位拖欠${workers}${period}期间工资共计${yuan(outstanding)}。${facts.details.findings ?? ''}`),
        p(
          `根据《劳动保障监察条例》第二十六条、《保障农民工工资支付条例》第五十四条的规定，责令你单位自收到本通知书之日起${days}日内支付上述工资。` +
            '逾期不支付的，本部门将责令你单位按应付金额百分之五十以上一倍以下的标准向劳动者加付赔偿金；' +
            '有能力支付而不支付，经责令支付仍不支付的，本部门将依照《中华人民共和国刑法》第二百七十六条之一的规定移送公安机关。',
        ),
        { kind: 'fields', rows: [['应付金额', yuan(outstanding)], ['支付期限', `自收到本通知书之日起${days}日内`]] },
        signature,
      )
      break
    }
    case 'administrative_decision':
      blocks.push(
        { kind: 'addressee', text: `${claim.employerName}：` },
        p(
          `经查，你单位拖欠${workers}${period}期间工资${yuan(outstanding)}` +
            (order ? `，本部门于${chineseDate(order.servedAt)}送达《责令支付通知书》（${order.number}），你单位逾期未支付` : '') +
            `。${facts.details.findings ?? ''}`,
        ),
        p(`根据《劳动保障监察条例》第二十六条的规定，本部门决定：责令你单位支付拖欠的工资${yuan(outstanding)}。`),
        p('如不服本决定，可以自收到本决定书之日起六十日内依法申请行政复议，或者六个月内依法向人民法院提起行政诉讼。'),
        signature,
      )
      break
    case 'police_transfer':
    case 'enforcement_transfer': {
      const police = facts.kind === 'police_transfer'
      blocks.push(
        { kind: 'addressee', text: police ? '公安机关：' : '综合行政执法局：' },
        p(
          `${claim.employerName}拖欠${claim.claimantName}${claim.workersCount > 1 ? `等${claim.workersCount}名劳动者` : ''}` +
            `${period}期间工资${yuan(outstanding)}一案（案件编号：${claim.reference}），` +
            (order
              ? `本部门于${chineseDate(order.servedAt)}送达《责令支付通知书》（${order.number}），支付期限至${chineseDate(new Date(order.payDueAt.getTime() - 1))}届满，该单位仍未支付。`
              : '经本部门调查属实。') +
            (facts.details.findings ?? ''),
        ),
        p(
          police
            ? '该单位涉嫌拒不支付劳动报酬罪（《中华人民共和国刑法》第二百七十六条之一），依照《行政执法机关移送涉嫌犯罪案件的规定》，现将该案移送你局，请依法处理并将结果书面告知本部门。'
            : '依照有关规定，现将该案移送你局依法处理，请将处理结果书面告知本部门。',
        ),
        { kind: 'fields', rows: [['附件', '案件调查材料、责令支付通知书及送达回证、仍未支付的证明材料']] },
        signature,
      )
      break
    }
    case 'closure_approval':
      blocks.push({
        kind: 'fields',
        rows: [
          ['案件编号', claim.reference],
          ['投诉人', claim.claimantName],
          ['被投诉单位', employer],
          ['所属镇街', townName(claim.town) ?? claim.town],
          ['案由', `拖欠${period}期间工资`],
          ['立案日期', claim.acceptedAt ? chineseDate(claim.acceptedAt) : '—'],
          ['涉及人数', `${claim.workersCount}人`],
          ['投诉金额', yuan(claim.amountOwedFen)],
          ['追回工资', yuan(facts.recovered.wages)],
          ['经济补偿', yuan(facts.recovered.compensation)],
          ['赔偿金', yuan(facts.recovered.indemnity)],
          ['处理结果', CLAIM_STATUS_LABELS[claim.status as ClaimStatus] ?? claim.status],
          ['承办人意见', facts.details.note ?? '建议结案'],
          ['审批意见', facts.approval ? `同意结案。${facts.approval.note ?? ''}（${chineseDate(facts.approval.at)}）` : '—'],
        ],
      })
      blocks.push(signature)
      break
  }
  return {
    title: rule.title,
    number: facts.number,
    blocks,
    date: facts.issuedAt,
    author: bureauName,
    footer: `${bureauName}\u3000${rule.title}\u3000${facts.number}`,
  }
}
