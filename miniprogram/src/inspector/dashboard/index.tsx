/**
 * 数据统计 — the bureau's figures from the data (`#/inspector/dashboard/index`): for a year and a
 * town (or all), every figure of the annual report, recoveries by kind and a month-by-month chart
 * of complaints accepted and wages recovered; CSV export of the same figures.
 *
 * BROWSER-TEST SELECTORS: #stats-year (select), #stats-town (select), .figure-card (data-key) with
 * .figure-value, .month-bar, #stats-csv, #stats-error
 */
import { Button, Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import type { Stats } from '@huxin/shared/schemas/stats'
import { TOWNS } from '@huxin/shared/domain/towns'
import { ApiError } from '../../api/errors'
import { SelectField } from '../../components/select-field'
import { staffApi } from '../api'
import { barWidths, figureCards, monthsOf, yearPeriod, type Period } from '../figures'
import { yuan } from '../case'
import { INSPECTOR_PAGES } from '../routes'
import '../../components/form.css'
import '../inspector.css'

const ALL = 'all'
const thisYear = new Date().getFullYear()
const yearOptions = Array.from({ length: 5 }, (_, i) => String(thisYear - i)).map((y) => ({ value: y, label: `${y} 年` }))
const townOptions = [{ value: ALL, label: '全部街镇' }, ...TOWNS.map((t) => ({ value: t.code as string, label: t.name }))]

function statsPath(period: Period, town: string, csv = false): string {
  return `/api/v1/stats${csv ? '.csv' : ''}?from=${period.from}&to=${period.to}${town === ALL ? '' : `&town=${town}`}`
}

export default function DashboardPage() {
  const [year, setYear] = useState(String(thisYear))
  const [town, setTown] = useState(ALL)
  const [stats, setStats] = useState<Stats | undefined>()
  const [months, setMonths] = useState<{ label: string; accepted: number; recovered: number }[]>([])
  const [error, setError] = useState<string | undefined>()

  async function load(y = year, t = town) {
    if (!staffApi.session.isSignedIn()) {
      void Taro.redirectTo({ url: INSPECTOR_PAGES.login })
      return
    }
    setError(undefined)
    try {
      const periods = monthsOf(Number(y))
      const [whole, ...monthly] = await Promise.all([
        staffApi.call<Stats>('GET', statsPath(yearPeriod(Number(y)), t)),
        ...periods.map((p) => staffApi.call<Stats>('GET', statsPath(p, t))),
      ])
      setStats(whole)
      setMonths(monthly.map((m, i) => ({ label: periods[i]?.label ?? '', accepted: m.complaintsAccepted, recovered: m.wagesRecoveredFen })))
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '加载失败，请重试')
    }
  }
  useDidShow(() => {
    void load()
  })

  async function exportCsv() {
    // Desktop H5: fetch with the token, hand the file to the browser.
    const token = await staffApi.session.validAccessToken()
    const response = await fetch(`${HUXIN_API_BASE}${statsPath(yearPeriod(Number(year)), town, true)}`, {
      headers: token ? { Authorization: `Bearer ${token}` } : {},
    })
    if (!response.ok) {
      setError('导出失败，请重试')
      return
    }
    const url = URL.createObjectURL(await response.blob())
    const link = document.createElement('a')
    link.href = url
    link.download = `huxin-stats-${year}${town === ALL ? '' : `-${town}`}.csv`
    link.click()
    setTimeout(() => URL.revokeObjectURL(url), 10_000)
  }

  const acceptedBars = barWidths(months.map((m) => m.accepted))
  const recoveredBars = barWidths(months.map((m) => m.recovered))
  const kinds = stats
    ? [
        { label: '工资', fen: stats.wagesOnlyRecoveredFen },
        { label: '经济补偿', fen: stats.compensationRecoveredFen },
        { label: '赔偿金', fen: stats.indemnityRecoveredFen },
        { label: '责令补缴社保', fen: stats.socialInsuranceOrderedFen },
      ]
    : []
  const kindBars = barWidths(kinds.map((k) => k.fen))

  return (
    <View className='page inspector'>
      <View className='inspector-bar'>
        <View className='inspector-title'>数据统计</View>
        <Button className='inspector-link' onClick={() => void Taro.redirectTo({ url: INSPECTOR_PAGES.triage })}>
          返回案件
        </Button>
      </View>
      <View className='inspector-filters'>
        <SelectField
          id='stats-year'
          options={yearOptions}
          value={year}
          placeholder='年份'
          onChange={(y) => {
            setYear(y)
            void load(y, town)
          }}
        />
        <SelectField
          id='stats-town'
          options={townOptions}
          value={town}
          placeholder='全部街镇'
          onChange={(t) => {
            setTown(t)
            void load(year, t)
          }}
        />
        {process.env.TARO_ENV === 'h5' ? (
          <Button id='stats-csv' className='inspector-link' onClick={() => void exportCsv()}>
            导出 CSV
          </Button>
        ) : null}
      </View>
      {error ? (
        <View className='notice notice--error' id='stats-error'>
          {error}
        </View>
      ) : null}
      {stats ? (
        <>
          <View className='figure-grid'>
            {figureCards(stats).map((card) => (
              <View key={card.key} className='figure-card' data-key={card.key}>
                <View className='inspector-muted'>{card.label}</View>
                <View className='figure-value'>{card.value}</View>
              </View>
            ))}
          </View>
          <View className='inspector-card'>
            <View className='inspector-heading'>追回款项构成</View>
            {kinds.map((k, i) => (
              <View key={k.label} className='bar-row'>
                <Text className='bar-label'>{k.label}</Text>
                <View className='bar-track'>
                  <View className='bar bar--money' style={{ width: `${kindBars[i] ?? 0}%` }} />
                </View>
                <Text className='bar-value'>{yuan(k.fen)}</Text>
              </View>
            ))}
          </View>
          <View className='inspector-card'>
            <View className='inspector-heading'>逐月受理投诉与追回工资</View>
            {months.map((m, i) => (
              <View key={m.label} className='bar-row month-bar' aria-label={`${m.label} 受理 ${m.accepted} 件，追回 ${yuan(m.recovered)}`}>
                <Text className='bar-label'>{m.label}</Text>
                <View className='bar-track'>
                  <View className='bar' style={{ width: `${acceptedBars[i] ?? 0}%` }} />
                  <View className='bar bar--money' style={{ width: `${recoveredBars[i] ?? 0}%` }} />
                </View>
                <Text className='bar-value'>
                  {m.accepted} 件 · {yuan(m.recovered)}
                </Text>
              </View>
            ))}
          </View>
        </>
      ) : null}
    </View>
  )
}
