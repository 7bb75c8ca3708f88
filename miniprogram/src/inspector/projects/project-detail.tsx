/**
 * One construction project (`#/inspector/projects/index?id=<uuid>`; docs/projects.md): facts, the
 * deposit and its ledger, the roster and payroll months, the site sign; admins move the deposit
 * and upload the roster and a month's payroll.
 *
 * BROWSER-TEST SELECTORS: #project-name, #project-gc, #project-deposit-status (data-status),
 * #project-deposit-balance, .deposit-event (data-action), #project-roster-count; admins:
 * #deposit-action (select), #deposit-amount, #deposit-form (select), #deposit-claim, #deposit-note,
 * #deposit-submit, #deposit-error (role=alert); #roster-csv, #roster-submit, #payroll-month,
 * #payroll-csv, #payroll-submit, #upload-result (data-ok); #project-sign, #project-sign-link
 */
import { Button, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import type { DepositAction, ProjectDetail } from '@huxin/shared/schemas/project'
import {
  DEPOSIT_ACTION_LABELS,
  DEPOSIT_ACTIONS,
  DEPOSIT_FORM_LABELS,
  DEPOSIT_FORMS,
  PROJECT_DEPOSIT_STATUS_LABELS,
  PROJECT_STATUS_LABELS,
} from '@huxin/shared/schemas/project'
import { formatFen, parseYuanToFen } from '@huxin/shared/domain/money'
import { townName } from '@huxin/shared/domain/towns'
import { ApiError } from '../../api/errors'
import { ActionButton } from '../../components/action-button'
import { Field } from '../../components/field'
import { Heading } from '../../components/heading'
import { SelectField } from '../../components/select-field'
import { TextField } from '../../components/text-field'
import { staffApi } from '../api'
import { INSPECTOR_PAGES } from '../routes'
import { postCsv, signPdfUrl, type UploadOutcome } from './uploads'

type Form = (typeof DEPOSIT_FORMS)[number]
const actionOptions = DEPOSIT_ACTIONS.map((a) => ({ value: a, label: DEPOSIT_ACTION_LABELS[a] }))
const formOptions = DEPOSIT_FORMS.map((f) => ({ value: f, label: DEPOSIT_FORM_LABELS[f] }))

export function ProjectDetailView({ id }: { id: string }) {
  const [project, setProject] = useState<ProjectDetail | undefined>()
  const [error, setError] = useState<string | undefined>()
  const [action, setAction] = useState<DepositAction>('store')
  const [amount, setAmount] = useState('')
  const [form, setForm] = useState<Form | ''>('')
  const [claimId, setClaimId] = useState('')
  const [note, setNote] = useState('')
  const [depositError, setDepositError] = useState<{ field?: string; message: string } | undefined>()
  const [rosterCsv, setRosterCsv] = useState('')
  const [payrollMonth, setPayrollMonth] = useState('')
  const [payrollCsv, setPayrollCsv] = useState('')
  const [upload, setUpload] = useState<UploadOutcome | undefined>()
  const [signUrl, setSignUrl] = useState<string | undefined>()
  const isAdmin = staffApi.session.current()?.user.role === 'admin'

  async function load() {
    try {
      setProject(await staffApi.call<ProjectDetail>('GET', `/api/v1/projects/${encodeURIComponent(id)}`))
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '加载失败，请重试')
    }
  }
  useEffect(() => {
    void load()
  }, [id])

  async function move() {
    setDepositError(undefined)
    const amountFen = amount.trim() ? parseYuanToFen(amount.trim()) : undefined
    if (amount.trim() && amountFen === undefined) {
      setDepositError({ field: 'amountFen', message: '金额格式不正确（元，最多两位小数）' })
      return
    }
    const body = {
      action,
      ...(amountFen !== undefined ? { amountFen } : {}),
      ...(form ? { form } : {}),
      ...(claimId.trim() ? { claimId: claimId.trim() } : {}),
      ...(note.trim() ? { note: note.trim() } : {}),
    }
    try {
      setProject(await staffApi.call<ProjectDetail>('POST', `/api/v1/projects/${encodeURIComponent(id)}/deposit/transitions`, body))
      setAmount('')
      setClaimId('')
      setNote('')
    } catch (e) {
      // A 400 names the field in error; a refused move (409) is said for the whole form.
      if (e instanceof ApiError) setDepositError(e.status === 400 ? { field: e.details[0]?.field, message: e.details[0]?.message ?? e.message } : { message: e.message })
      else setDepositError({ message: '操作失败，请重试' })
    }
  }

  async function uploadCsv(path: string, csv: string, done: (json: Record<string, unknown>) => string) {
    setUpload(await postCsv(path, csv, done))
    await load()
  }

  async function printSign() {
    try {
      const url = await signPdfUrl(id)
      setSignUrl(url)
      window.open(url, '_blank', 'noopener')
    } catch {
      setError('告示牌生成失败，请重试')
    }
  }

  if (!project) {
    return (
      <View className='page inspector' role='main'>
        {error ? (
          <View className='notice notice--error' role='alert'>
            {error}
          </View>
        ) : (
          <View className='inspector-muted'>加载中…</View>
        )}
      </View>
    )
  }
  const d = project.deposit
  const invalid = (field: string) => depositError?.field === field
  return (
    <View className='page inspector' role='main'>
      <View className='inspector-bar'>
        <Heading className='inspector-title' id='project-name'>
          {project.name}
        </Heading>
        <ActionButton className='inspector-link' onClick={() => void Taro.redirectTo({ url: INSPECTOR_PAGES.projects })}>
          返回项目列表
        </ActionButton>
      </View>
      {error ? (
        <View className='notice notice--error' role='alert'>
          {error}
        </View>
      ) : null}
      <View className='inspector-card'>
        <View className='inspector-muted'>
          施工许可证 {project.permitNumber}（{project.permitDate}）· {townName(project.town) ?? project.town} · {PROJECT_STATUS_LABELS[project.status]}
        </View>
        <View>建设单位：{project.builder.name}</View>
        <View id='project-gc'>施工总承包单位：{project.generalContractor.name}</View>
        {project.subcontractors.map((s) => (
          <View key={s.name} className='inspector-muted'>
            分包：{s.name}
            {s.qualified ? '' : '（不具备合法经营资格）'}
          </View>
        ))}
        <View>
          工资专用账户：{project.wageAccount ? `${project.wageAccount.bank} ${project.wageAccount.accountMasked}（${project.wageAccount.openedOn} 开立）` : '未登记'}
        </View>
        <View id='project-roster-count'>实名制名册：{project.rosterCount} 人</View>
        <View>工资发放记录：{project.payrollMonths.map((m) => `${m.month}（${m.workers} 人 ${formatFen(m.amountFen)} 元）`).join('、') || '无'}</View>
        <ActionButton id='project-sign' className='hx-button hx-button--secondary' onClick={() => void printSign()}>
          打印维权信息告示牌（A3）
        </ActionButton>
        {signUrl ? (
          <Button id='project-sign-link' className='inspector-link' data-href={signUrl} onClick={() => window.open(signUrl, '_blank', 'noopener')}>
            再次打开告示牌 PDF
          </Button>
        ) : null}
      </View>

      <View className='inspector-card'>
        <Heading level={2} className='inspector-heading'>
          农民工工资保证金
        </Heading>
        <View id='project-deposit-status' data-status={d.status}>
          状态：{PROJECT_DEPOSIT_STATUS_LABELS[d.status]}
          {d.form ? `（${DEPOSIT_FORM_LABELS[d.form]}）` : ''} · 应于 {d.dueAt.slice(0, 10)} 前存储
        </View>
        <View id='project-deposit-balance'>
          金额 {formatFen(d.amountFen)} 元 · 余额 {formatFen(d.balanceFen)} 元{d.topUpDueAt ? ` · 须于 ${d.topUpDueAt.slice(0, 10)} 前补足` : ''}
        </View>
        {project.depositEvents.map((e) => (
          <View key={e.id} className='deposit-event inspector-muted' data-action={e.action}>
            {e.createdAt.slice(0, 10)} {DEPOSIT_ACTION_LABELS[e.action]}
            {e.amountFen !== null ? ` ${formatFen(e.amountFen)} 元` : ''} → {PROJECT_DEPOSIT_STATUS_LABELS[e.toStatus]}，余额 {formatFen(e.balanceFen)} 元
            {e.note ? `（${e.note}）` : ''}
          </View>
        ))}
        {isAdmin ? (
          <View>
            <Field id='deposit-action' label='操作' error={undefined}>
              <SelectField id='deposit-action' options={actionOptions} value={action} placeholder='请选择' onChange={setAction} />
            </Field>
            <TextField id='deposit-amount' label='金额（元）' optional hint='存储、动用、补足时填写' kind='decimal' error={invalid('amountFen') ? depositError?.message : undefined} value={amount} onInput={setAmount} />
            <Field id='deposit-form' label='存储形式' optional error={invalid('form') ? depositError?.message : undefined}>
              <SelectField id='deposit-form' options={formOptions} value={form} placeholder='请选择' invalid={invalid('form')} onChange={setForm} />
            </Field>
            <TextField id='deposit-claim' label='支付的投诉 ID' optional hint='动用保证金支付欠薪时填写' error={invalid('claimId') ? depositError?.message : undefined} value={claimId} onInput={setClaimId} />
            <TextField id='deposit-note' label='备注' optional error={undefined} value={note} onInput={setNote} />
            <ActionButton id='deposit-submit' className='hx-button hx-button--primary' onClick={() => void move()}>
              确认
            </ActionButton>
            {depositError && !['amountFen', 'form', 'claimId'].includes(depositError.field ?? '') ? (
              <View id='deposit-error' className='notice notice--error' role='alert'>
                {depositError.message}
              </View>
            ) : null}
          </View>
        ) : null}
      </View>

      {isAdmin ? (
        <View className='inspector-card'>
          <Heading level={2} className='inspector-heading'>
            实名制名册与工资发放
          </Heading>
          <TextField id='roster-csv' label='实名制名册 CSV' hint='列：姓名,身份证号,工种,进场日期' error={undefined} value={rosterCsv} onInput={setRosterCsv} multiline />
          <ActionButton
            id='roster-submit'
            className='hx-button hx-button--secondary'
            onClick={() => void uploadCsv(`/api/v1/projects/${id}/roster`, rosterCsv, (j) => `名册已上传 ${String(j.imported)} 人，共 ${String(j.rosterCount)} 人`)}
          >
            上传名册
          </ActionButton>
          <TextField id='payroll-month' label='工资所属月份' hint='如 2026-03' error={undefined} value={payrollMonth} onInput={setPayrollMonth} />
          <TextField id='payroll-csv' label='工资发放记录 CSV' hint='列：姓名,身份证号,实发工资（元）,发放日期' error={undefined} value={payrollCsv} onInput={setPayrollCsv} multiline />
          <ActionButton
            id='payroll-submit'
            className='hx-button hx-button--secondary'
            onClick={() =>
              void uploadCsv(`/api/v1/projects/${id}/payroll?month=${encodeURIComponent(payrollMonth.trim())}`, payrollCsv, (j) => `已登记 ${String(j.imported)} 人 ${formatFen(Number(j.amountFen))} 元`)
            }
          >
            上传工资发放记录
          </ActionButton>
          {upload ? (
            <View id='upload-result' data-ok={upload.ok ? 'true' : 'false'} role={upload.ok ? 'status' : 'alert'} className={`notice ${upload.ok ? 'notice--info' : 'notice--error'}`}>
              {upload.message}
            </View>
          ) : null}
        </View>
      ) : null}
    </View>
  )
}
