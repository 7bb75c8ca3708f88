/**
 * The field blocks the three intake forms share (a claim for a caller, a report, an inspection):
 * the town (limited to the staff member's jurisdiction, preset when it is one town), the channel,
 * the kind, the employer, the description, and the line under the form with its 打开 button.
 * Each block takes the form's id prefix, so the selectors stay `#intake-<form>-<field>`.
 */
import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { TOWNS } from '@huxin/shared/domain/towns'
import type { StaffIntakeChannel } from '@huxin/shared/domain/claim-status'
import type { ReportKind } from '@huxin/shared/domain/report-kinds'
import { Field } from '../../components/field'
import { ActionButton } from '../../components/action-button'
import { SelectField } from '../../components/select-field'
import { inspectorClaimUrl } from '../routes'
import { channelOptions, FormMessage, kindOptions, TextBox } from './form-bits'

/**
 * The towns a staff member may file in, as the server sees the account (`GET /triage/counts`
 * answers the jurisdiction: an inspector's towns, every town for staff without towns).
 */
export interface StaffTowns {
  /** Town codes of the jurisdiction; empty when it could not be read (every town is offered). */
  codes: readonly string[]
}

/** The town a form starts with: the staff member's own when they have exactly one, else none. */
export function defaultTown(towns: StaffTowns): string {
  return towns.codes.length === 1 ? (towns.codes[0] ?? '') : ''
}

function townOptionsFor(towns: StaffTowns) {
  const offered = towns.codes.length > 0 ? TOWNS.filter((t) => towns.codes.includes(t.code)) : TOWNS
  return offered.map((t) => ({ value: t.code as string, label: t.name }))
}

export function TownSelect(props: { prefix: string; label?: string; towns: StaffTowns; value: string; onChange: (town: string) => void; error?: string | undefined }) {
  const id = `${props.prefix}-town`
  return (
    <Field id={id} label={props.label ?? '所在街镇'} error={props.error}>
      <SelectField id={id} options={townOptionsFor(props.towns)} value={props.value} placeholder='请选择街镇' invalid={props.error !== undefined} onChange={props.onChange} />
    </Field>
  )
}

export function ChannelSelect(props: { prefix: string; value: StaffIntakeChannel; onChange: (channel: StaffIntakeChannel) => void }) {
  const id = `${props.prefix}-channel`
  return (
    <Field id={id} label='来件渠道' error={undefined}>
      <SelectField id={id} options={channelOptions} value={props.value} placeholder='请选择' onChange={props.onChange} />
    </Field>
  )
}

export function KindSelect(props: { prefix: string; label: string; value: ReportKind; onChange: (kind: ReportKind) => void }) {
  const id = `${props.prefix}-kind`
  return (
    <Field id={id} label={props.label} error={undefined}>
      <SelectField id={id} options={kindOptions} value={props.value} placeholder='请选择' onChange={props.onChange} />
    </Field>
  )
}

export function EmployerBox(props: { prefix: string; label: string; value: string; onInput: (name: string) => void; error?: string | undefined }) {
  return <TextBox id={`${props.prefix}-employer`} label={props.label} value={props.value} onInput={props.onInput} error={props.error} maxlength={100} />
}

export function DescriptionBox(props: { prefix: string; label: string; value: string; onInput: (text: string) => void; error?: string | undefined }) {
  return <TextBox id={`${props.prefix}-description`} label={props.label} multiline value={props.value} onInput={props.onInput} error={props.error} maxlength={2000} />
}

/** The refusal or the reference of what was filed, the 打开 button, then the form's submit button. */
export function FormEnd(props: {
  prefix: string
  error: string | undefined
  done: { id: string; reference: string } | undefined
  doneText: (reference: string) => string
  openLabel: string
  submitLabel: string
  busy: boolean
  onSubmit: () => void
}) {
  const { prefix, done } = props
  return (
    <View>
      <FormMessage id={prefix} error={props.error} done={done ? props.doneText(done.reference) : undefined} />
      {done ? (
        <ActionButton id={`${prefix}-open`} className='hx-button hx-button--secondary' onClick={() => void Taro.navigateTo({ url: inspectorClaimUrl(done.id) })}>
          {props.openLabel}
        </ActionButton>
      ) : null}
      <ActionButton id={`${prefix}-submit`} className={`hx-button hx-button--primary${props.busy ? ' hx-button--busy' : ''}`} onClick={props.onSubmit}>
        {props.submitLabel}
      </ActionButton>
    </View>
  )
}
