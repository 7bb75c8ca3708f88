/**
 * 新增／编辑名录单位 (admins; docs/register.md): name, unified social credit code (check character
 * verified here and by the server — either error is shown on the field), town, industry, size. The
 * credit code of an entry cannot change (claims join on it): shown, not editable, when editing.
 */
import { View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import { INDUSTRIES, INDUSTRY_LABELS } from '@huxin/shared/domain/claim-status'
import { isValidCreditCode } from '@huxin/shared/domain/identity'
import { TOWNS } from '@huxin/shared/domain/towns'
import { EMPLOYER_SIZES, EMPLOYER_SIZE_LABELS, type Employer } from '@huxin/shared/schemas/employer'
import { ApiError } from '../../api/errors'
import { ActionButton } from '../../components/action-button'
import { Field } from '../../components/field'
import { Heading } from '../../components/heading'
import { SelectField } from '../../components/select-field'
import { StaffField } from '../components/staff-field'
import { staffApi } from '../api'

type Errors = Partial<Record<'name' | 'creditCode' | 'town' | 'industry' | 'form', string>>

const townOptions = TOWNS.map((t) => ({ value: t.code as string, label: t.name }))
const industryOptions = INDUSTRIES.map((i) => ({ value: i as string, label: INDUSTRY_LABELS[i] }))
const sizeOptions = [{ value: 'none', label: '不填' }, ...EMPLOYER_SIZES.map((s) => ({ value: s as string, label: EMPLOYER_SIZE_LABELS[s] }))]

/** The server's field paths (`creditCode`, `body.creditCode`, `/creditCode`) → the form's field. */
function fieldErrors(e: unknown): Errors {
  if (!(e instanceof ApiError)) return { form: '网络异常，请重试' }
  const out: Errors = {}
  for (const d of e.details) {
    const field = d.field.split(/[./]/).pop() as keyof Errors
    if (field === 'name' || field === 'creditCode' || field === 'town' || field === 'industry') out[field] ??= d.message
  }
  if (Object.keys(out).length === 0) out.form = e.message
  return out
}

export function EmployerForm({ editing, onSaved, onCancel }: { editing: Employer | undefined; onSaved: (message: string) => void; onCancel: () => void }) {
  const [name, setName] = useState('')
  const [code, setCode] = useState('')
  const [town, setTown] = useState('')
  const [industry, setIndustry] = useState('')
  const [size, setSize] = useState('none')
  const [errors, setErrors] = useState<Errors>({})
  const [busy, setBusy] = useState(false)

  useEffect(() => {
    setName(editing?.name ?? '')
    setCode(editing?.creditCode ?? '')
    setTown(editing?.town ?? '')
    setIndustry(editing?.industry ?? '')
    setSize(editing?.size ?? 'none')
    setErrors({})
  }, [editing])

  async function save() {
    const found: Errors = {}
    if (name.trim().length < 2) found.name = '请填写单位名称（至少 2 个字）'
    const creditCode = code.trim().toUpperCase()
    if (!editing && creditCode && !(creditCode.length === 18 && isValidCreditCode(creditCode))) {
      found.creditCode = creditCode.length === 18 ? '统一社会信用代码校验位不符，请核对' : '统一社会信用代码应为 18 位'
    }
    if (!town) found.town = '请选择镇（街道）'
    if (!industry) found.industry = '请选择行业'
    setErrors(found)
    if (Object.keys(found).length > 0) return
    setBusy(true)
    try {
      const common = { name: name.trim(), town, industry, size: size === 'none' ? undefined : size }
      if (editing) {
        await staffApi.call('PATCH', `/api/v1/employers/${editing.id}`, { ...common, size: size === 'none' ? null : size })
        onSaved(`已保存“${name.trim()}”`)
      } else {
        await staffApi.call('POST', '/api/v1/employers', { ...common, ...(creditCode ? { creditCode } : {}) })
        setName('')
        setCode('')
        onSaved(`已将“${name.trim()}”加入名录`)
      }
    } catch (e) {
      setErrors(fieldErrors(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className='inspector-card' id='employer-form'>
      <Heading level={2} className='inspector-heading'>
        {editing ? `编辑单位：${editing.name}` : '新增名录单位'}
      </Heading>
      <StaffField id='employer-name' label='单位名称' error={errors.name} value={name} onInput={setName} maxLength={200} />
      {editing ? (
        <View className='inspector-muted' id='employer-credit-code-fixed'>
          统一社会信用代码：{editing.creditCode ?? '未登记'}（不可修改）
        </View>
      ) : (
        <StaffField
          id='employer-credit-code'
          label='统一社会信用代码'
          optional
          hint='18 位，末位为校验码'
          error={errors.creditCode}
          value={code}
          onInput={setCode}
          maxLength={18}
        />
      )}
      <Field id='employer-town' label='镇（街道）' error={errors.town}>
        <SelectField id='employer-town' options={townOptions} value={town} placeholder='请选择' invalid={Boolean(errors.town)} onChange={setTown} />
      </Field>
      <Field id='employer-industry' label='行业' error={errors.industry}>
        <SelectField id='employer-industry' options={industryOptions} value={industry} placeholder='请选择' invalid={Boolean(errors.industry)} onChange={setIndustry} />
      </Field>
      <Field id='employer-size' label='企业规模' optional error={undefined}>
        <SelectField id='employer-size' options={sizeOptions} value={size} placeholder='请选择' onChange={setSize} />
      </Field>
      {errors.form ? (
        <View id='employer-form-error' className='notice notice--error' role='alert'>
          {errors.form}
        </View>
      ) : null}
      <View className='inspector-actions'>
        <ActionButton id='employer-save' className='hx-button hx-button--primary' busy={busy} onClick={() => void save()}>
          {editing ? '保存修改' : '加入名录'}
        </ActionButton>
        {editing ? (
          <ActionButton id='employer-cancel' className='inspector-link' onClick={onCancel}>
            取消编辑
          </ActionButton>
        ) : null}
      </View>
    </View>
  )
}
