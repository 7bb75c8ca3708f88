import Taro from '@tarojs/taro'

/**
 * On WeChat, asks the worker (once per submission, from the tap itself as WeChat requires) to let
 * HuXin send one message when their claim moves on: a one-time subscription message
 * (WECHAT.md, Subscription messages). Refusing changes nothing else; the server then gets 43101
 * and gives up on that message. H5 workers hear by SMS instead, so nothing is asked there.
 */
export function askForClaimUpdates(): void {
  if (process.env.TARO_ENV !== 'weapp' || HUXIN_CLAIM_UPDATE_TEMPLATE_ID === '') return
  Taro.requestSubscribeMessage({ tmplIds: [HUXIN_CLAIM_UPDATE_TEMPLATE_ID], entityIds: [] }).catch(() => {
    // Refused, or an old WeChat without the API: the claim is filed all the same.
  })
}
