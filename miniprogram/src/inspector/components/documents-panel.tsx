/**
 * 文书 — the documents of a case on the staff claim page (docs/documents.md): the list with number,
 * date, approval and service; issue a kind the case's status allows; open the PDF; record service
 * (how, when, to whom); a supervisor approves or refuses what waits for approval (not their own).
 *
 * BROWSER-TEST SELECTORS: #documents, .document-item[data-kind][data-status] with .document-number,
 * .document-served, .evidence-file-open (the PDF), .document-serve (opens #service-form),
 * .document-approve, .document-refuse; #document-kind (select), #document-pay-days input,
 * #document-findings textarea, #document-issue, #documents-error; #service-method (select),
 * #service-date input, #service-to input, #service-confirm; #police-gate (police-gate.tsx)
 */
import { View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import type { Claim } from '@huxin/shared/schemas/claim'
import type { CaseDocument } from '@huxin/shared/schemas/document'
import { DOCUMENT_KIND_RULES, DOCUMENT_KINDS, SERVICE_METHOD_LABELS, SERVICE_METHODS, type DocumentKind, type ServiceMethod } from '@huxin/shared/domain/case-documents'
import type { ClaimStatus } from '@huxin/shared/domain/claim-status'
import { shanghaiNoon } from '@huxin/shared/domain/shanghai-time'
import { ApiError } from '../../api/errors'
import { EvidenceFile } from '../../components/evidence-file'
import { Field } from '../../components/field'
import { ActionButton } from '../../components/action-button'
import { Heading } from '../../components/heading'
import { SelectField } from '../../components/select-field'
import { TextField } from '../../components/text-field'
import { formatShanghaiDate } from '../../lib/dates'
import { newIdempotencyKey } from '../../lib/idempotency'
import { staffApi } from '../api'
import { shanghaiToday } from '../case'
import { intakeApi } from '../intake-api'
import { PoliceGate } from './police-gate'
import './case-kind.css'

const STATUS_WORDS: Record<CaseDocument['status'], string> = { pending_approval: '待负责人审批', issued: '已签发', refused: '未获批准' }
const methodOptions = SERVICE_METHODS.map((value) => ({ value, label: SERVICE_METHOD_LABELS[value] }))
const message = (e: unknown) => (e instanceof ApiError ? e.message : '操作失败，请重试')

export function DocumentsPanel({ claim, onChanged }: { claim: Claim; onChanged: () => Promise<void> | void }) {
  const [items, setItems] = useState<CaseDocument[]>([])
  const [kind, setKind] = useState<DocumentKind | ''>('')
  const [payDays, setPayDays] = useState('10')
  const [findings, setFindings] = useState('')
  const [error, setError] = useState<string | undefined>()
  const [busy, setBusy] = useState(false)
  const [serving, setServing] = useState<string | undefined>()
  const [method, setMethod] = useState<ServiceMethod>('in_person')
  const [servedOn, setServedOn] = useState(shanghaiToday())
  const [servedTo, setServedTo] = useState('')
  const me = staffApi.session.current()?.user

  async function load() {
    try {
      setItems((await intakeApi.documents(claim.id)).items)
    } catch (e) {
      setError(message(e))
    }
  }
  useEffect(() => {
    void load()
    // Reload when the case moves on (a new status allows other kinds).
  }, [claim.id, claim.status, claim.events?.length])

  async function work(task: () => Promise<unknown>) {
    if (busy) return false
    setBusy(true)
    setError(undefined)
    try {
      await task()
      await load()
      await onChanged()
      return true
    } catch (e) {
      setError(message(e))
      return false
    } finally {
      setBusy(false)
    }
  }

  const noComplainant = claim.caseType !== undefined && claim.caseType !== 'complaint'
  const allowed = DOCUMENT_KINDS.filter(
    (k) => DOCUMENT_KIND_RULES[k].statuses.includes(claim.status as ClaimStatus) && !(noComplainant && DOCUMENT_KIND_RULES[k].recipient === 'complainant'),
  )
  const kindOptions = allowed.map((value) => ({ value, label: DOCUMENT_KIND_RULES[value].title }))

  async function issue() {
    if (!kind) return setError('请选择文书种类')
    const body: { kind: string; payWithinDays?: number; findings?: string } = { kind }
    if (kind === 'payment_order') body.payWithinDays = Number(payDays) || 10
    if (findings.trim()) body.findings = findings.trim()
    if (await work(() => intakeApi.issueDocument(claim.id, body, newIdempotencyKey()))) setFindings('')
  }

  async function serve(documentId: string) {
    if (servedTo.trim() === '') return setError('请填写受送达人')
    const servedAt = new Date(Math.min(shanghaiNoon(servedOn).getTime(), Date.now())).toISOString()
    if (await work(() => intakeApi.serve(documentId, { method, servedAt, servedTo: servedTo.trim() }))) setServing(undefined)
  }

  const supervisor = me?.role === 'supervisor' || me?.role === 'admin'
  return (
    <View className='inspector-card' id='documents'>
      <Heading level={2} className='inspector-heading'>
        文书（{items.length} 份）
      </Heading>
      {items.map((doc) => (
        <View key={doc.id} className='document-item' data-kind={doc.kind} data-status={doc.status}>
          <View className='document-head'>
            <View className='staff-event-label'>{doc.title}</View>
            <View className='document-number'>{doc.number ?? '（未编号）'}</View>
            <View className='inspector-muted'>
              {STATUS_WORDS[doc.status]}
              {doc.issuedAt ? ` · ${formatShanghaiDate(doc.issuedAt) ?? ''}` : ''}
              {doc.payDueAt ? ` · 支付期限至 ${formatShanghaiDate(new Date(new Date(doc.payDueAt).getTime() - 1).toISOString()) ?? ''}` : ''}
            </View>
          </View>
          {doc.servedAt ? (
            <View className='inspector-muted document-served'>
              已送达：{formatShanghaiDate(doc.servedAt)} · {doc.serviceMethod ? SERVICE_METHOD_LABELS[doc.serviceMethod] : ''} · {doc.servedTo ?? ''}
            </View>
          ) : null}
          <View className='inspector-actions'>
            {doc.status === 'issued' && doc.size ? (
              <EvidenceFile
                claimId={claim.id}
                attachment={{ id: doc.id, sha256: '0'.repeat(64), mime: 'application/pdf', size: doc.size, fileName: doc.number ?? doc.title, createdAt: doc.requestedAt }}
                download={(_claimId, documentId) => intakeApi.downloadDocument(documentId)}
              />
            ) : null}
            {doc.status === 'issued' && !doc.servedAt ? (
              <ActionButton className='inspector-link document-serve' onClick={() => setServing(doc.id)}>
                记录送达
              </ActionButton>
            ) : null}
            {doc.status === 'pending_approval' && supervisor && doc.requestedBy !== me?.id ? (
              <>
                <ActionButton className='inspector-link document-approve' onClick={() => void work(() => intakeApi.approve(doc.id, true))}>
                  批准签发
                </ActionButton>
                <ActionButton className='inspector-link document-refuse' onClick={() => void work(() => intakeApi.approve(doc.id, false, '不予批准'))}>
                  不批准
                </ActionButton>
              </>
            ) : null}
          </View>
          {serving === doc.id ? (
            <View className='document-form' id='service-form'>
              <Field id='service-method' label='送达方式' error={undefined}>
                <SelectField id='service-method' options={methodOptions} value={method} placeholder='请选择' onChange={setMethod} />
              </Field>
              <TextField id='service-date' label='送达日期（年-月-日）' error={undefined} value={servedOn} maxLength={10} onInput={setServedOn} />
              <TextField id='service-to' label='受送达人' error={undefined} value={servedTo} maxLength={100} onInput={setServedTo} />
              <ActionButton id='service-confirm' className='hx-button hx-button--primary' onClick={() => void serve(doc.id)}>
                保存送达记录
              </ActionButton>
            </View>
          ) : null}
        </View>
      ))}
      <PoliceGate claim={claim} />
      {kindOptions.length > 0 ? (
        <View className='document-form'>
          <Field id='document-kind' label='制作文书' error={undefined}>
            <SelectField id='document-kind' options={kindOptions} value={kind} placeholder='请选择文书种类' onChange={setKind} />
          </Field>
          {kind === 'payment_order' ? (
            <TextField id='document-pay-days' label='支付期限（送达后天数）' error={undefined} kind='digits' value={payDays} maxLength={2} onInput={setPayDays} />
          ) : null}
          {kind && DOCUMENT_KIND_RULES[kind].recipient !== 'complainant' ? (
            <TextField id='document-findings' label='查明的事实' optional error={undefined} value={findings} multiline maxLength={2000} onInput={setFindings} />
          ) : null}
          {kind && DOCUMENT_KIND_RULES[kind].needsApproval ? <View className='inspector-muted'>此文书须经负责人批准后签发</View> : null}
          <ActionButton id='document-issue' className={`hx-button hx-button--primary${busy ? ' hx-button--busy' : ''}`} onClick={() => void issue()}>
            生成文书
          </ActionButton>
        </View>
      ) : null}
      {error ? (
        <View className='notice notice--error' id='documents-error' role='alert'>
          {error}
        </View>
      ) : null}
    </View>
  )
}
