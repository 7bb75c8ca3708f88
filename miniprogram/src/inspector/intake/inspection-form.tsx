/**
 * 主动检查 — cases the bureau opens itself: one employer entered by hand, or (supervisors) a random
 * draw of N employers from the register, whose seed and list are kept so the draw can be shown
 * to be fair (anyone can repeat it from the seed).
 *
 * BROWSER-TEST SELECTORS: #intake-inspection-kind, #intake-inspection-town (selects),
 * #intake-inspection-employer, #intake-inspection-description, #intake-inspection-submit,
 * #intake-inspection-done, #intake-inspection-error; #intake-draw-count, #intake-draw-seed,
 * #intake-draw-submit, #intake-draw-result (.draw-employer rows), #intake-draw-error
 */
import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import type { CreateInspectionBody, Draw } from '@huxin/shared/schemas/report'
import { townName } from '@huxin/shared/domain/towns'
import { Field } from '../../components/field'
import { ActionButton } from '../../components/action-button'
import { Heading } from '../../components/heading'
import { SelectField } from '../../components/select-field'
import { newIdempotencyKey } from '../../lib/idempotency'
import { intakeApi } from '../intake-api'
import { inspectorClaimUrl } from '../routes'
import { FormMessage, kindOptions, refusal, TextBox, townOptions } from './form-bits'

export function InspectionIntakeForm({ towns, mayDraw }: { towns: readonly string[]; mayDraw: boolean }) {
  const [kind, setKind] = useState<NonNullable<CreateInspectionBody['kind']>>('wages')
  const [town, setTown] = useState<string>(towns[0] ?? '')
  const [employer, setEmployer] = useState('')
  const [description, setDescription] = useState('')
  const [error, setError] = useState<string | undefined>()
  const [done, setDone] = useState<{ id: string; reference: string } | undefined>()
  const [count, setCount] = useState('3')
  const [seed, setSeed] = useState('')
  const [draw, setDraw] = useState<Draw | undefined>()
  const [drawError, setDrawError] = useState<string | undefined>()
  const [busy, setBusy] = useState(false)

  async function open() {
    if (busy) return
    if (!employer.trim() || !description.trim()) return setError('请填写被检查单位和检查事由')
    setBusy(true)
    setError(undefined)
    try {
      const body: CreateInspectionBody = { kind, town: town as CreateInspectionBody['town'], employer: { name: employer.trim() }, description: description.trim() }
      const c = await intakeApi.openInspection(body, newIdempotencyKey())
      setDone({ id: c.id, reference: c.reference })
    } catch (e) {
      setError(refusal(e).text)
    } finally {
      setBusy(false)
    }
  }

  async function runDraw() {
    if (busy) return
    setBusy(true)
    setDrawError(undefined)
    try {
      const body = { count: Number(count) || 1, kind, ...(town ? { town: town as CreateInspectionBody['town'] } : {}), ...(seed.trim() ? { seed: seed.trim() } : {}) }
      setDraw(await intakeApi.draw(body, newIdempotencyKey()))
    } catch (e) {
      setDrawError(refusal(e).text)
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className='inspector-card'>
      <Heading level={2} className='inspector-heading'>
        主动检查
      </Heading>
      <Field id='intake-inspection-kind' label='检查事项' error={undefined}>
        <SelectField id='intake-inspection-kind' options={kindOptions} value={kind} placeholder='请选择' onChange={setKind} />
      </Field>
      <Field id='intake-inspection-town' label='街镇' error={undefined}>
        <SelectField id='intake-inspection-town' options={townOptions} value={town} placeholder='请选择' onChange={setTown} />
      </Field>
      <Heading level={3} className='inspector-subheading'>
        人工确定检查对象
      </Heading>
      <TextBox id='intake-inspection-employer' label='被检查单位' value={employer} onInput={setEmployer} maxlength={100} />
      <TextBox id='intake-inspection-description' label='检查事由' multiline value={description} onInput={setDescription} maxlength={2000} />
      <FormMessage id='intake-inspection' error={error} done={done ? `已立检查案件，编号 ${done.reference}` : undefined} />
      {done ? (
        <ActionButton id='intake-inspection-open' className='hx-button hx-button--secondary' onClick={() => void Taro.navigateTo({ url: inspectorClaimUrl(done.id) })}>
          打开检查案件
        </ActionButton>
      ) : null}
      <ActionButton id='intake-inspection-submit' className='hx-button hx-button--primary' onClick={() => void open()}>
        立检查案件
      </ActionButton>
      {mayDraw ? (
        <>
          <Heading level={3} className='inspector-subheading'>
            随机抽取检查对象（双随机）
          </Heading>
          <TextBox id='intake-draw-count' label='抽取户数' type='number' value={count} onInput={setCount} maxlength={3} />
          <TextBox id='intake-draw-seed' label='随机种子' optional hint='不填则由系统生成；种子和名单都会保存，可据此复核抽取结果' value={seed} onInput={setSeed} maxlength={64} />
          <FormMessage id='intake-draw' error={drawError} />
          <ActionButton id='intake-draw-submit' className='hx-button hx-button--primary' onClick={() => void runDraw()}>
            随机抽取
          </ActionButton>
          {draw ? (
            <View id='intake-draw-result' role='status'>
              <View className='inspector-muted'>
                种子 {draw.seed} · 库中 {draw.poolSize} 户 · 抽取 {draw.cases.length} 户
              </View>
              {draw.cases.map((c) => (
                <ActionButton key={c.id} className='inspector-link draw-employer' onClick={() => void Taro.navigateTo({ url: inspectorClaimUrl(c.id) })}>
                  {c.reference} {c.employer.name}（{townName(c.town) ?? c.town}）
                </ActionButton>
              ))}
            </View>
          ) : null}
        </>
      ) : null}
    </View>
  )
}
