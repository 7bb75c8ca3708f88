/**
 * 数据统计 — the bureau's figures from the data (`#/inspector/dashboard/index`): for a year or a
 * part of it and a town (or all of the caller's), every figure of /stats with its definition (the
 * list: @huxin/shared/domain/figures), one chosen figure drawn per town and per month (H5: charts
 * with a table each as their text alternative; weapp: the tables alone), and the CSV / xlsx
 * downloads of the same rows (H5).
 *
 * BROWSER-TEST SELECTORS: #stats-year, #stats-part, #stats-town, #stats-figure (selects),
 * .figure-card (data-key) with .figure-value and .figure-definition, #chart-towns, #chart-months
 * (H5 charts), #table-towns, #table-months (their tables), #stats-csv, #stats-xlsx, #stats-error
 */
import { View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useMemo, useState } from 'react'
import type { StatsBreakdown } from '@huxin/shared/schemas/stats'
import { TOWNS } from '@huxin/shared/domain/towns'
import { ApiError } from '../../api/errors'
import { ActionButton } from '../../components/action-button'
import { Field } from '../../components/field'
import { Heading } from '../../components/heading'
import { SelectField } from '../../components/select-field'
import { staffApi } from '../api'
import { FigureChart } from '../components/figure-chart'
import { FigureTable } from '../components/figure-table'
import { chartableFigures, figureCards, monthSeries, PERIOD_PARTS, periodOf, townSeries, type Period } from '../figures'
import { INSPECTOR_PAGES } from '../routes'
import '../../components/form.css'
import '../inspector.css'
import './dashboard.css'

const ALL = 'all'
const thisYear = new Date().getFullYear()
const yearOptions = Array.from({ length: 5 }, (_, i) => String(thisYear - i)).map((y) => ({ value: y, label: `${y} 年` }))
const townOptions = [{ value: ALL, label: '全部街镇' }, ...TOWNS.map((t) => ({ value: t.code as string, label: t.name }))]

function statsPath(kind: '/breakdown' | '.csv' | '.xlsx', period: Period, town: string): string {
  return `/api/v1/stats${kind}?from=${period.from}&to=${period.to}${town === ALL ? '' : `&town=${town}`}`
}

export default function DashboardPage() {
  const [year, setYear] = useState(String(thisYear))
  const [part, setPart] = useState('year')
  const [town, setTown] = useState(ALL)
  const [figure, setFigure] = useState('complaintsAccepted')
  const [data, setData] = useState<StatsBreakdown | undefined>()
  const [error, setError] = useState<string | undefined>()
  const [busy, setBusy] = useState(false)

  async function load(y = year, p = part, t = town) {
    if (!staffApi.session.isSignedIn()) {
      void Taro.redirectTo({ url: INSPECTOR_PAGES.login })
      return
    }
    setError(undefined)
    setBusy(true)
    try {
      setData(await staffApi.call<StatsBreakdown>('GET', statsPath('/breakdown', periodOf(Number(y), p), t)))
    } catch (e) {
      setData(undefined)
      setError(e instanceof ApiError ? e.message : '加载失败，请重试')
    } finally {
      setBusy(false)
    }
  }
  useDidShow(() => {
    void load()
  })

  async function download(kind: '.csv' | '.xlsx') {
    // Desktop H5: fetch with the token, hand the file to the browser.
    setError(undefined)
    const token = await staffApi.session.validAccessToken()
    const response = await fetch(`${HUXIN_API_BASE}${statsPath(kind, periodOf(Number(year), part), town)}`, {
      headers: token ? { Authorization: `Bearer ${token}` } : {},
    })
    if (!response.ok) {
      setError('导出失败，请重试')
      return
    }
    const url = URL.createObjectURL(await response.blob())
    const link = document.createElement('a')
    link.href = url
    link.download = `huxin-stats-${year}-${part}${town === ALL ? '' : `-${town}`}${kind}`
    link.click()
    setTimeout(() => URL.revokeObjectURL(url), 10_000)
  }

  const figures = chartableFigures(data?.total)
  const chosen = figures.find((f) => f.key === figure) ?? figures[0]
  const byTown = useMemo(() => (data && chosen ? townSeries(chosen, data) : undefined), [data, chosen])
  const byMonth = useMemo(() => (data && chosen ? monthSeries(chosen, data) : undefined), [data, chosen])
  const cards = data ? figureCards(data.total) : []

  return (
    <View className='page inspector dashboard' role='main'>
      <View className='inspector-bar'>
        <Heading className='inspector-title'>数据统计</Heading>
        <ActionButton id='stats-back' className='inspector-link' onClick={() => void Taro.redirectTo({ url: INSPECTOR_PAGES.triage })}>
          返回案件
        </ActionButton>
      </View>
      <View className='inspector-filters dashboard-filters'>
        <Field id='stats-year' label='年份' error={undefined}>
          <SelectField
            id='stats-year'
            options={yearOptions}
            value={year}
            placeholder='年份'
            onChange={(y) => {
              setYear(y)
              void load(y, part, town)
            }}
          />
        </Field>
        <Field id='stats-part' label='期间' error={undefined}>
          <SelectField
            id='stats-part'
            options={PERIOD_PARTS}
            value={part}
            placeholder='全年'
            onChange={(p) => {
              setPart(p)
              void load(year, p, town)
            }}
          />
        </Field>
        <Field id='stats-town' label='街镇' error={undefined}>
          <SelectField
            id='stats-town'
            options={townOptions}
            value={town}
            placeholder='全部街镇'
            onChange={(t) => {
              setTown(t)
              void load(year, part, t)
            }}
          />
        </Field>
        {process.env.TARO_ENV === 'h5' ? (
          <View className='dashboard-downloads'>
            <ActionButton id='stats-csv' className='inspector-link' onClick={() => void download('.csv')}>
              下载 CSV
            </ActionButton>
            <ActionButton id='stats-xlsx' className='inspector-link' onClick={() => void download('.xlsx')}>
              下载 Excel
            </ActionButton>
          </View>
        ) : null}
      </View>
      <View aria-live='polite' className='dashboard-status'>
        {busy ? '正在加载…' : data ? `${data.total.from} 至 ${data.total.to}` : ''}
      </View>
      {error ? (
        <View className='notice notice--error' id='stats-error' role='alert'>
          {error}
        </View>
      ) : null}
      {data ? (
        <>
          <Heading level={2} className='inspector-heading'>
            各项指标
          </Heading>
          <View className='figure-grid'>
            {cards.map((card) => (
              <View key={card.key} className={`figure-card${card.reported ? ' figure-card--reported' : ''}`} data-key={card.key}>
                <View className='figure-label'>{card.label}</View>
                <View className='figure-value'>{card.value}</View>
                <View className='figure-definition'>{card.definition}</View>
              </View>
            ))}
          </View>
          {chosen && byTown && byMonth ? (
            <View className='inspector-card'>
              <Heading level={2} className='inspector-heading'>
                分街镇、分月图表
              </Heading>
              <Field id='stats-figure' label='图表指标' error={undefined}>
                <SelectField id='stats-figure' options={figures.map((f) => ({ value: f.key, label: f.label }))} value={chosen.key} placeholder='指标' onChange={setFigure} />
              </Field>
              <Heading level={3} className='inspector-subheading'>
                按街镇：{chosen.label}
              </Heading>
              <FigureChart id='chart-towns' title='按街镇' series={byTown} />
              <FigureTable id='table-towns' caption={`按街镇：${chosen.label}`} series={byTown} />
              <Heading level={3} className='inspector-subheading'>
                按月：{chosen.label}
              </Heading>
              <FigureChart id='chart-months' title='按月' series={byMonth} />
              <FigureTable id='table-months' caption={`按月：${chosen.label}`} series={byMonth} />
            </View>
          ) : null}
        </>
      ) : null}
    </View>
  )
}
