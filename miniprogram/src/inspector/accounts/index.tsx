/**
 * 账号管理 — admins manage staff accounts (`#/inspector/accounts/index`): list, create (the TOTP
 * enrolment of supervisors and admins is shown once, as a QR code with its secret as text in a
 * dialog: totp-dialog.tsx), unlock, disable or enable, and enrol a new second factor. Disabling,
 * enabling and resetting the second factor ask for confirmation first (confirm-dialog.tsx); the
 * admin's own row offers no 停用 (the server refuses it too: 409 SELF_LOCKOUT). Last sign-in in
 * Asia/Shanghai.
 *
 * BROWSER-TEST SELECTORS: .account-row (data-username, data-self), #new-username input,
 * #new-password input, #new-role (select), .town-toggle (data-town), #account-create,
 * #account-error, .account-last-login, .account-unlock, .account-disable, .account-enable,
 * .account-totp; dialogs: #confirm-dialog, #totp-dialog
 */
import { View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import { TOWNS, townName } from '@huxin/shared/domain/towns'
import { ApiError } from '../../api/errors'
import { Field } from '../../components/field'
import { SelectField } from '../../components/select-field'
import { ActionButton } from '../../components/action-button'
import { Heading } from '../../components/heading'
import { staffApi } from '../api'
import { StaffField } from '../components/staff-field'
import { shanghaiDayTime } from '../format'
import { INSPECTOR_PAGES } from '../routes'
import { ConfirmDialog, type Confirmation } from './confirm-dialog'
import { TotpDialog } from './totp-dialog'
import '../../components/form.css'
import '../inspector.css'
import '../triage/desk.css'
import './accounts.css'

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
  const [enrolment, setEnrolment] = useState<{ uri: string; username: string } | undefined>()
  const [confirmation, setConfirmation] = useState<Confirmation | undefined>()
  const [busy, setBusy] = useState(false)
  const me = staffApi.session.current()?.user

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
    if (busy) return
    setError(undefined)
    setBusy(true)
    try {
      const result = await work()
      if (result.totpUri) setEnrolment({ uri: result.totpUri, username: result.account.username })
      await load()
    } catch (e) {
      setError(message(e))
    } finally {
      setBusy(false)
      setConfirmation(undefined)
    }
  }

  /** Asks first, then acts (the dialog closes when the act is done, or failed with its error shown). */
  const confirm = (c: Omit<Confirmation, 'run'>, work: () => Promise<WithEnrolment>) => setConfirmation({ ...c, run: () => change(work) })

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
    <View className='page inspector' role='main'>
      <View className='inspector-bar'>
        <Heading className='inspector-title'>账号管理</Heading>
        <ActionButton className='inspector-link' onClick={() => void Taro.redirectTo({ url: INSPECTOR_PAGES.triage })}>
          返回案件
        </ActionButton>
      </View>
      {error ? (
        <View className='notice notice--error' id='account-error' role='alert'>
          {error}
        </View>
      ) : null}

      <View className='inspector-card'>
        {accounts.map((a) => (
          <View key={a.id} className='account-row' data-username={a.username} data-self={a.id === me?.id ? 'true' : 'false'}>
            <View>
              <View className='triage-reference'>
                {a.username} · {ROLE_LABELS[a.role]}
                {a.id === me?.id ? <View className='account-self'>（本人）</View> : null}
                {a.disabledAt ? ' · 已停用' : ''}
                {a.lockedUntil ? ' · 已锁定' : ''}
              </View>
              <View className='inspector-muted'>
                {a.towns.map((t) => townName(t) ?? t).join('、') || '全部街镇'}
                <View className='account-last-login'>{a.lastLoginAt ? `最近登录 ${shanghaiDayTime(a.lastLoginAt)}` : '从未登录'}</View>
              </View>
            </View>
            <View className='inspector-actions'>
              {a.lockedUntil ? (
                <ActionButton className='inspector-link account-unlock' onClick={() => void patch(a.id, { unlock: true })}>
                  解锁
                </ActionButton>
              ) : null}
              {a.role !== 'inspector' ? (
                <ActionButton
                  className='inspector-link account-totp'
                  label={`重置动态口令（${a.username}）`}
                  onClick={() =>
                    confirm(
                      {
                        title: '重置动态口令',
                        text: `${a.username} 原来的身份验证器将立即失效，并退出所有登录；新的二维码只显示一次，请确认本人在场。`,
                        confirmLabel: '确定重置',
                      },
                      () => staffApi.call<WithEnrolment>('POST', `/api/v1/admin/users/${a.id}/totp`, {}),
                    )
                  }
                >
                  重置动态口令
                </ActionButton>
              ) : null}
              {a.id === me?.id ? null : a.disabledAt ? (
                <ActionButton
                  className='inspector-link account-enable'
                  label={`启用（${a.username}）`}
                  onClick={() =>
                    confirm({ title: '启用账号', text: `${a.username} 将可以重新登录。`, confirmLabel: '确定启用' }, () =>
                      staffApi.call<WithEnrolment>('PATCH', `/api/v1/admin/users/${a.id}`, { disabled: false }),
                    )
                  }
                >
                  启用
                </ActionButton>
              ) : (
                <ActionButton
                  className='inspector-link account-disable'
                  label={`停用（${a.username}）`}
                  onClick={() =>
                    confirm({ title: '停用账号', text: `${a.username} 将立即退出所有登录，且无法再登录，直到重新启用。`, confirmLabel: '确定停用' }, () =>
                      staffApi.call<WithEnrolment>('PATCH', `/api/v1/admin/users/${a.id}`, { disabled: true }),
                    )
                  }
                >
                  停用
                </ActionButton>
              )}
            </View>
          </View>
        ))}
      </View>

      <View className='inspector-card'>
        <Heading level={2} className='inspector-heading'>
          新建账号
        </Heading>
        <StaffField id='new-username' label='用户名' hint='2–64 位字母、数字、_ . -' value={username} onInput={setUsername} />
        <StaffField id='new-password' label='初始密码' hint='至少 10 位，含大写、小写、数字、符号中的三种' password value={password} onInput={setPassword} autoComplete='new-password' />
        <Field id='new-role' label='角色' error={undefined}>
          <SelectField id='new-role' options={roleOptions} value={role} placeholder='请选择' onChange={setRole} />
        </Field>
        <View className='field-label'>负责的镇（街道）</View>
        <View className='inspector-actions'>
          {TOWNS.map((t) => (
            // The wrapper carries data-town (ActionButton passes no data attributes); a click on it lands on the button.
            <View key={t.code} className='town-toggle' data-town={t.code}>
              <ActionButton
                className={`inspector-chip${towns.includes(t.code) ? ' inspector-chip--on' : ''}`}
                pressed={towns.includes(t.code)}
                onClick={() => setTowns(towns.includes(t.code) ? towns.filter((x) => x !== t.code) : [...towns, t.code])}
              >
                {t.name}
              </ActionButton>
            </View>
          ))}
        </View>
        <ActionButton id='account-create' className='hx-button hx-button--primary' busy={busy} onClick={() => void create()}>
          创建账号
        </ActionButton>
      </View>
      {confirmation ? <ConfirmDialog confirmation={confirmation} busy={busy} onClose={() => setConfirmation(undefined)} /> : null}
      {enrolment ? <TotpDialog uri={enrolment.uri} username={enrolment.username} onClose={() => setEnrolment(undefined)} /> : null}
    </View>
  )
}
