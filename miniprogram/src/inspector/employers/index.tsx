/**
 * 单位名录 — the register of employers under supervision (`#/inspector/employers/index`;
 * docs/register.md): the register with search (name or credit code) and town; admins enter and
 * edit entries (the credit code's check character error is shown on the field) and import the
 * market-regulation list (CSV pasted; errors by line, nothing stored when one fails); the employers
 * claims and clues name that match no entry, for supervisors and admins to link (unmatched.tsx).
 *
 * BROWSER-TEST SELECTORS: #employers-search input, #employers-town (select), #employers-search-submit,
 * .employer-row (data-name) with .employer-edit buttons, #employers-empty, #employers-more,
 * #employers-status (role=status), #employers-error; admins: #employer-form with #employer-name,
 * #employer-credit-code (error #employer-credit-code-error), #employer-town, #employer-industry,
 * #employer-size (selects), #employer-save, #employer-cancel; #employers-import-csv textarea,
 * #employers-import-submit, #employers-import-result (role=status / alert, data-ok); unmatched:
 * .unmatched-row (data-name) .unmatched-link, #link-search input, #link-search-submit,
 * .link-candidate (data-name) .link-choose, #link-error, #unmatched-empty.
 */
import { View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import { INDUSTRY_LABELS } from '@huxin/shared/domain/claim-status'
import { TOWNS, townName } from '@huxin/shared/domain/towns'
import { EMPLOYER_SIZE_LABELS, type Employer, type EmployerList } from '@huxin/shared/schemas/employer'
import { ApiError } from '../../api/errors'
import { ActionButton } from '../../components/action-button'
import { Field } from '../../components/field'
import { Heading } from '../../components/heading'
import { SelectField } from '../../components/select-field'
import { TextField } from '../../components/text-field'
import { staffApi } from '../api'
import { StaffField } from '../components/staff-field'
import { postCsv, type UploadOutcome } from '../projects/uploads'
import { INSPECTOR_PAGES } from '../routes'
import { EmployerForm } from './employer-form'
import { UnmatchedEmployers } from './unmatched'
import '../../components/form.css'
import '../inspector.css'
import './employers.css'

const ALL = 'all'
const townOptions = [{ value: ALL, label: '全部镇街' }, ...TOWNS.map((t) => ({ value: t.code as string, label: t.name }))]

export default function EmployersPage() {
  const [items, setItems] = useState<Employer[]>([])
  const [next, setNext] = useState<string | null>(null)
  const [loaded, setLoaded] = useState(false)
  const [q, setQ] = useState('')
  const [town, setTown] = useState(ALL)
  const [unmatched, setUnmatched] = useState<Employer[]>([])
  const [editing, setEditing] = useState<Employer | undefined>()
  const [status, setStatus] = useState('')
  const [error, setError] = useState<string | undefined>()
  const [csv, setCsv] = useState('')
  const [result, setResult] = useState<UploadOutcome | undefined>()
  const role = staffApi.session.current()?.user.role
  const isAdmin = role === 'admin'
  const mayLink = role === 'admin' || role === 'supervisor'

  const listPath = (cursor?: string) =>
    `/api/v1/employers?supervised=true&limit=50${q.trim() ? `&q=${encodeURIComponent(q.trim())}` : ''}${town === ALL ? '' : `&town=${town}`}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`

  async function load(cursor?: string) {
    if (!staffApi.session.isSignedIn()) {
      void Taro.redirectTo({ url: INSPECTOR_PAGES.login })
      return
    }
    try {
      const [page, open] = await Promise.all([
        staffApi.call<EmployerList>('GET', listPath(cursor)),
        cursor ? undefined : staffApi.call<EmployerList>('GET', '/api/v1/employers/unmatched?limit=100'),
      ])
      setItems((before) => (cursor ? [...before, ...page.items] : page.items))
      setNext(page.nextCursor)
      if (open) setUnmatched(open.items)
      setError(undefined)
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '加载失败，请重试')
    }
    setLoaded(true)
  }
  useDidShow(() => {
    void load()
  })

  async function saved(message: string) {
    setEditing(undefined)
    setStatus(message)
    await load()
  }

  async function importList() {
    const outcome = await postCsv('/api/v1/employers/import', csv, (json) => `已导入 ${String(json.imported)} 家单位`)
    setResult(outcome)
    if (outcome.ok) await load()
  }

  return (
    <View className='page inspector employers' role='main'>
      <View className='inspector-bar'>
        <Heading className='inspector-title'>单位名录</Heading>
        <View className='inspector-actions'>
          <ActionButton id='go-projects' className='inspector-link' onClick={() => void Taro.navigateTo({ url: INSPECTOR_PAGES.projects })}>
            工程项目
          </ActionButton>
          <ActionButton className='inspector-link' onClick={() => void Taro.redirectTo({ url: INSPECTOR_PAGES.triage })}>
            返回案件
          </ActionButton>
        </View>
      </View>
      <View id='employers-status' className='visually-hidden-status' role='status' aria-live='polite'>
        {status}
      </View>
      {status ? <View className='notice notice--info'>{status}</View> : null}
      {error ? (
        <View className='notice notice--error' id='employers-error' role='alert'>
          {error}
        </View>
      ) : null}
      <View className='employers-columns'>
        <View className='employers-main'>
          <View className='inspector-card' role='search'>
            <StaffField id='employers-search' label='搜索名录' hint='单位名称（部分）或统一社会信用代码' error={undefined} value={q} onInput={setQ} onConfirm={() => void load()} />
            <Field id='employers-town' label='镇（街道）' error={undefined}>
              <SelectField id='employers-town' options={townOptions} value={town} placeholder='全部镇街' onChange={setTown} />
            </Field>
            <ActionButton id='employers-search-submit' className='hx-button hx-button--secondary' onClick={() => void load()}>
              搜索
            </ActionButton>
          </View>
          <View className='inspector-card'>
            <Heading level={2} className='inspector-heading'>
              名录单位
            </Heading>
            {loaded && items.length === 0 ? (
              <View id='employers-empty' className='inspector-muted'>
                名录中没有符合条件的单位
              </View>
            ) : null}
            {items.map((e) => (
              <View key={e.id} className='account-row employer-row' data-name={e.name}>
                <View className='employer-text'>
                  <View className='triage-reference'>{e.name}</View>
                  <View className='inspector-muted'>
                    {e.creditCode ?? '无信用代码'} · {e.town ? (townName(e.town) ?? e.town) : '未填镇街'}
                    {e.industry ? ` · ${INDUSTRY_LABELS[e.industry]}` : ''}
                    {e.size ? ` · ${EMPLOYER_SIZE_LABELS[e.size]}` : ''} · {e.claims} 件投诉
                  </View>
                </View>
                {isAdmin ? (
                  <ActionButton className='inspector-link employer-edit' label={`编辑：${e.name}`} onClick={() => setEditing(e)}>
                    编辑
                  </ActionButton>
                ) : null}
              </View>
            ))}
            {next ? (
              <ActionButton id='employers-more' className='hx-button hx-button--secondary' onClick={() => void load(next)}>
                加载更多
              </ActionButton>
            ) : null}
          </View>
          <UnmatchedEmployers
            items={unmatched}
            mayLink={mayLink}
            onLinked={async (message) => {
              setStatus(message)
              await load()
            }}
          />
        </View>
        {isAdmin ? (
          <View className='employers-side'>
            <EmployerForm editing={editing} onSaved={(m) => void saved(m)} onCancel={() => setEditing(undefined)} />
            <View className='inspector-card'>
              <Heading level={2} className='inspector-heading'>
                导入市场监管名录（CSV）
              </Heading>
              <TextField
                id='employers-import-csv'
                label='CSV 内容'
                hint='首行为列名：单位名称,统一社会信用代码,镇街,行业,规模（或 name,creditCode,town,industry,size）；有一行出错则整份不导入'
                error={undefined}
                value={csv}
                onInput={setCsv}
                multiline
              />
              <ActionButton id='employers-import-submit' className='hx-button hx-button--primary' onClick={() => void importList()}>
                导入
              </ActionButton>
              {result ? (
                <View
                  id='employers-import-result'
                  data-ok={result.ok ? 'true' : 'false'}
                  role={result.ok ? 'status' : 'alert'}
                  className={`notice ${result.ok ? 'notice--info' : 'notice--error'} pre-line`}
                >
                  {result.message}
                </View>
              ) : null}
            </View>
          </View>
        ) : null}
      </View>
    </View>
  )
}
