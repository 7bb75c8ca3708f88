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
import { ActionButton } from '../../components/action-button'
import { Heading } from '../../components/heading'
import { newIdempotencyKey } from '../../lib/idempotency'
import { intakeApi } from '../intake-api'
import { inspectorClaimUrl } from '../routes'
import { defaultTown, DescriptionBox, EmployerBox, FormEnd, KindSelect, TownSelect, type StaffTowns } from './field-blocks'
import { FormMessage, refusal, TextBox } from './form-bits'

export function InspectionIntakeForm({ towns, mayDraw }: { towns: StaffTowns; mayDraw: boolean }) {
  const [kind, setKind] = useState<NonNullable<CreateInspectionBody['kind']>>('wages')
  const [town, setTown] = useState<string>(defaultTown(towns))
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
    if (!town) return setError('请选择街镇')
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
      <KindSelect prefix='intake-inspection' label='检查事项' value={kind} onChange={setKind} />
      <TownSelect prefix='intake-inspection' label='街镇' towns={towns} value={town} onChange={setTown} />
      <Heading level={3} className='inspector-subheading'>
        人工确定检查对象
      </Heading>
      <EmployerBox prefix='intake-inspection' label='被检查单位' value={employer} onInput={setEmployer} />
      <DescriptionBox prefix='intake-inspection' label='检查事由' value={description} onInput={setDescription} />
      <FormEnd
        prefix='intake-inspection'
        error={error}
        done={done}
        doneText={(reference) => `已立检查案件，编号 ${reference}`}
        openLabel='打开检查案件'
        submitLabel='立检查案件'
        busy={busy}
        onSubmit={() => void open()}
      />
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
