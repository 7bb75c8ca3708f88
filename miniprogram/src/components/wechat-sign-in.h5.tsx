import type { WechatSignInProps } from './wechat-sign-in.types'

/** H5: a browser cannot sign in with WeChat here; the phone form does it. */
export function WechatSignIn(_props: WechatSignInProps) {
  return null
}
