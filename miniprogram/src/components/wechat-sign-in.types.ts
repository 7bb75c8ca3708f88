/**
 * The "微信一键登录" button: WeChat only (wechat-sign-in.weapp.tsx: wx.login → code →
 * `POST /api/v1/auth/wechat`); in H5 there is nothing to show (wechat-sign-in.h5.tsx).
 */
export interface WechatSignInProps {
  /** Checked before starting (privacy consent); false stops. */
  canStart: () => boolean
  onSignedIn: () => void
  onError: (error: unknown) => void
}
