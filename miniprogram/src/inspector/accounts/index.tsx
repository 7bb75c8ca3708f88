/**
 * 账号管理 — admins manage staff accounts (`#/inspector/accounts/index`): list, create (the TOTP
 * enrolment of supervisors and admins is shown once, as an otpauth:// link to copy into an
 * authenticator app), unlock, disable or enable, and enrol a new second factor.
 *
 * BROWSER-TEST SELECTORS: .account-row (data-username), #new-username input, #new-password input,
 * #new-role (select), .town-toggle (data-town), #account-create, #account-error, #totp-uri,
 * .account-unlock, .account-disable, .account-enable, .account-totp
 */
import { Button, Input, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import { TOWNS, townName } from '@huxin/shared/domain/towns'
import { ApiError } from '../../api/errors'
import { Field, inputClass } from '../../components/field'
import { SelectField } from '../../components/select-field'
import { staffApi } from '../api'
import { INSPECTOR_PAGES } from '../routes'
import '../../components/form.css'
import '../inspector.css'

type Role = 'inspector' | 'supervisor' | 'admin'
interface Account {
  id: string
  username: string
  role: Role
  towns: string[]
  totpEnrolled: boolean
  disabledAt?: string
  lockedUntil?: string
  lastLoginAt?: string
}
interface WithEnrolment {
  account: Account
  totpUri?: string
}

const ROLE_LABELS: Record<Role, string> = { inspector: '监察员', supervisor: '督导', admin: '管理员' }
const roleOptions = (Object.keys(ROLE_LABELS) as Role[]).map((value) => ({ value, label: ROLE_LABELS[value] }))
const message = (e: unknown) => (e instanceof ApiError ? (e.details[0]?.message ?? e.message) : '操作失败，请重试')

export default function AccountsPage() {
  const [accounts, setAccounts] = useState<Account[]>([])
  const [error, setError] = useState<string | undefined>()
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const [role, setRole] = useState<Role>('inspector')
  const [towns, setTowns] = useState<string[]>([])
  const [totpUri, setTotpUri] = useState<string | undefined>()

  async function load() {
    if (staffApi.session.current()?.user.role !== 'admin') {
      void Taro.redirectTo({ url: INSPECTOR_PAGES.login })
      return
    }
    try {
      setAccounts((await staffApi.call<{ items: Account[] }>('GET', '/api/v1/admin/users')).items)
    } catch (e) {
      setError(message(e))
    }
  }
  useDidShow(() => {
    void load()
  })

  async function change(work: () => Promise<WithEnrolment>) {
    setError(undefined)
    try {
      const result = await work()
      setTotpUri(result.totpUri)
      await load()
    } catch (e) {
      setError(message(e))
    }
  }

  const create = () =>
    change(async () => {
      const result = await staffApi.call<WithEnrolment>('POST', '/api/v1/admin/users', { username: username.trim(), password, role, towns })
      setUsername('')
      setPassword('')
      setTowns([])
      return result
    })
  const patch = (id: string, body: object) => change(() => staffApi.call<WithEnrolment>('PATCH', `/api/v1/admin/users/${id}`, body))

  return (
    <View className='page inspector'>
      <View className='inspector-bar'>
        <View className='inspector-title'>账号管理</View>
        <Button className='inspector-link' onClick={() => void Taro.redirectTo({ url: INSPECTOR_PAGES.triage })}>
          返回案件
        </Button>
      </View>
      {error ? (
        <View className='notice notice--error' id='account-error'>
          {error}
        </View>
      ) : null}
      {totpUri ? (
        <View className='notice notice--info'>
          请立即把下面的链接加入身份验证器（只显示这一次）：
          <View className='totp-uri' id='totp-uri'>
            {totpUri}
          </View>
        </View>
      ) : null}

      <View className='inspector-card'>
        {accounts.map((a) => (
          <View key={a.id} className='account-row' data-username={a.username}>
            <View>
              <View className='triage-reference'>
                {a.username} · {ROLE_LABELS[a.role]}
                {a.disabledAt ? ' · 已停用' : ''}
                {a.lockedUntil ? ' · 已锁定' : ''}
              </View>
              <View className='inspector-muted'>
                {a.towns.map((t) => townName(t) ?? t).join('、') || '全部街镇'}
                {a.lastLoginAt ? ` · 最近登录 ${a.lastLoginAt.slice(0, 10)}` : ' · 从未登录'}
              </View>
            </View>
            <View className='inspector-actions'>
              {a.lockedUntil ? (
                <Button className='inspector-link account-unlock' onClick={() => void patch(a.id, { unlock: true })}>
                  解锁
                </Button>
              ) : null}
              {a.role !== 'inspector' ? (
                <Button
                  className='inspector-link account-totp'
                  onClick={() => void change(() => staffApi.call<WithEnrolment>('POST', `/api/v1/admin/users/${a.id}/totp`, {}))}
                >
                  重置动态口令
                </Button>
              ) : null}
              {a.disabledAt ? (
                <Button className='inspector-link account-enable' onClick={() => void patch(a.id, { disabled: false })}>
                  启用
                </Button>
              ) : (
                <Button className='inspector-link account-disable' onClick={() => void patch(a.id, { disabled: true })}>
                  停用
                </Button>
              )}
            </View>
          </View>
        ))}
      </View>

      <View className='inspector-card'>
        <View className='inspector-heading'>新建账号</View>
        <Field id='new-username' label='用户名' hint='2–64 位字母、数字、_ . -' error={undefined}>
          <Input id='new-username' className={inputClass(undefined)} value={username} onInput={(e) => setUsername(e.detail.value)} />
        </Field>
        <Field id='new-password' label='初始密码' hint='至少 10 位，含大写、小写、数字、符号中的三种' error={undefined}>
          <Input id='new-password' className={inputClass(undefined)} password value={password} onInput={(e) => setPassword(e.detail.value)} />
        </Field>
        <Field id='new-role' label='角色' error={undefined}>
          <SelectField id='new-role' options={roleOptions} value={role} placeholder='请选择' onChange={setRole} />
        </Field>
        <View className='field-label'>负责的镇（街道）</View>
        <View className='inspector-actions'>
          {TOWNS.map((t) => (
            <Button
              key={t.code}
              className={`inspector-chip town-toggle${towns.includes(t.code) ? ' inspector-chip--on' : ''}`}
              data-town={t.code}
              aria-pressed={towns.includes(t.code)}
              onClick={() => setTowns(towns.includes(t.code) ? towns.filter((x) => x !== t.code) : [...towns, t.code])}
            >
              {t.name}
            </Button>
          ))}
        </View>
        <Button id='account-create' className='hx-button hx-button--primary' onClick={() => void create()}>
          创建账号
        </Button>
      </View>
    </View>
  )
}
