/**
 * 工作人员登录 — staff sign-in of the inspector subpackage (`#/inspector/login/index` in H5, used
 * on desktop): username, password and, for supervisors and admins, the 6-digit TOTP code.
 *
 * Compact (login.css) so the whole form and its button fit 1280×800 and 360×740 without scrolling.
 *
 * BROWSER-TEST SELECTORS: #staff-username input, #staff-password input, #staff-totp input,
 * #staff-login, #staff-login-error
 */
import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { ApiError } from '../../api/errors'
import { ActionButton } from '../../components/action-button'
import { Heading } from '../../components/heading'
import { staffApi } from '../api'
import { StaffField } from '../components/staff-field'
import { INSPECTOR_PAGES } from '../routes'
import '../../components/form.css'
import '../inspector.css'
import './login.css'

function loginErrorMessage(error: unknown): string {
  if (!(error instanceof ApiError)) return '登录失败，请重试'
  if (error.code === 'NETWORK') return '网络不通，请检查网络后重试'
  if (error.status === 423) return error.message || '连续输错次数过多，账号已暂时锁定，请 15 分钟后再试'
  if (error.status === 429) return '尝试过于频繁，请稍后再试'
  return error.message || '用户名、密码或动态口令不正确'
}

export default function StaffLoginPage() {
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const [totp, setTotp] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | undefined>()

  async function signIn() {
    if (busy) return
    if (username.trim() === '' || password === '') {
      setError('请填写用户名和密码')
      return
    }
    setBusy(true)
    setError(undefined)
    try {
      await staffApi.signInStaff(username.trim(), password, totp.trim() === '' ? undefined : totp.trim())
      await Taro.redirectTo({ url: INSPECTOR_PAGES.triage })
    } catch (e) {
      setError(loginErrorMessage(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className='page inspector inspector-login' role='main'>
      <Heading className='inspector-title'>劳动保障监察 · 工作人员登录</Heading>
      <StaffField id='staff-username' label='用户名' value={username} onInput={setUsername} autoComplete='username' />
      <StaffField id='staff-password' label='密码' password value={password} onInput={setPassword} onConfirm={() => void signIn()} autoComplete='current-password' />
      <StaffField
        id='staff-totp'
        label='动态口令'
        optional
        hint='督导、管理员账号须填写身份验证器上的 6 位数字'
        digits
        maxLength={6}
        value={totp}
        onInput={setTotp}
        onConfirm={() => void signIn()}
        autoComplete='one-time-code'
      />
      {error ? (
        <View className='notice notice--error' id='staff-login-error' role='alert'>
          {error}
        </View>
      ) : null}
      <ActionButton id='staff-login' className={`hx-button hx-button--primary${busy ? ' hx-button--busy' : ''}`} busy={busy} onClick={() => void signIn()}>
        {busy ? '正在登录…' : '登录'}
      </ActionButton>
    </View>
  )
}
