import { Button, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { api } from '../api'
import type { WechatSignInProps } from './wechat-sign-in.types'

/**
 * WeChat: wx.login gives a one-time code (valid 5 minutes); the server trades it for the openid
 * (jscode2session) and answers our tokens. session_key never reaches the phone (WECHAT.md, Login).
 */
export function WechatSignIn({ canStart, onSignedIn, onError }: WechatSignInProps) {
  const [busy, setBusy] = useState(false)

  async function start() {
    if (busy || !canStart()) return
    setBusy(true)
    try {
      const { code } = await Taro.login({ timeout: 10_000 })
      await api.signInWithWechat(code)
      onSignedIn()
    } catch (error) {
      onError(error)
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className='wechat-sign-in'>
      <Button
        id='wechat-login'
        className={`hx-button hx-button--primary${busy ? ' hx-button--busy' : ''}`}
        loading={busy}
        aria-disabled={busy}
        onClick={() => {
          void start()
        }}
      >
        {busy ? '正在登录…' : '微信一键登录'}
      </Button>
      <View className='login-or'>或者用手机号登录</View>
    </View>
  )
}
