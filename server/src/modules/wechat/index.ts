/** WeChat's server API as a port: its HTTP adapter and its simulator. */
export { createWechatHttpAdapter, WechatApiError, WechatErrcode, type WechatPort } from './adapter'
export { wechatSimulator, type SimulatedSubscribeMessage, type WechatSimulatorOptions } from './simulator'
