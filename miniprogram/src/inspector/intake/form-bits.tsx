/** Small pieces the intake forms share: options, a labelled text box, the result line (the field blocks: field-blocks.tsx). */
import { View } from '@tarojs/components'
import { INDUSTRIES, INDUSTRY_LABELS, STAFF_INTAKE_CHANNELS, CLAIM_SOURCE_LABELS } from '@huxin/shared/domain/claim-status'
import { REPORT_KINDS, REPORT_KIND_LABELS } from '@huxin/shared/domain/report-kinds'
import { ApiError } from '../../api/errors'
import { TextField } from '../../components/text-field'

export const industryOptions = INDUSTRIES.map((value) => ({ value, label: INDUSTRY_LABELS[value] }))
export const channelOptions = STAFF_INTAKE_CHANNELS.map((value) => ({ value, label: CLAIM_SOURCE_LABELS[value] }))
export const kindOptions = REPORT_KINDS.map((value) => ({ value, label: REPORT_KIND_LABELS[value] }))

/** The server's answer to a refused form: its message and the fields it names. */
export function refusal(e: unknown): { text: string; fields: string[] } {
  if (!(e instanceof ApiError)) return { text: '提交失败，请重试', fields: [] }
  return { text: e.message, fields: (e.details ?? []).map((d) => d.field) }
}

export function TextBox(props: {
  id: string
  label: string
  value: string
  onInput: (value: string) => void
  error?: string | undefined
  optional?: boolean
  hint?: string
  multiline?: boolean
  type?: 'text' | 'number' | 'digit'
  maxlength?: number
}) {
  const kind = props.type === 'number' ? 'digits' : props.type === 'digit' ? 'decimal' : 'text'
  return (
    <TextField
      id={props.id}
      label={props.label}
      optional={props.optional}
      hint={props.hint}
      error={props.error}
      value={props.value}
      onInput={props.onInput}
      kind={kind}
      multiline={props.multiline}
      maxLength={props.maxlength ?? 200}
    />
  )
}

export function FormMessage({ id, error, done }: { id: string; error?: string | undefined; done?: string | undefined }) {
  return (
    <View aria-live='polite'>
      {error ? (
        <View className='notice notice--error' id={`${id}-error`} role='alert'>
          {error}
        </View>
      ) : null}
      {done ? (
        <View className='notice notice--info' id={`${id}-done`} role='status'>
          {done}
        </View>
      ) : null}
    </View>
  )
}
