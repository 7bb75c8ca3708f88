/// <reference types="@tarojs/taro" />

declare module '*.png'
declare module '*.gif'
declare module '*.jpg'
declare module '*.jpeg'
declare module '*.svg'
declare module '*.css'

/**
 * Base URL of the HuXin API, fixed at build time from the HUXIN_API_BASE environment variable
 * (config/index.ts, defineConstants). Empty string: same origin (H5 served by the API server).
 */
declare const HUXIN_API_BASE: string

/**
 * The WeChat subscription-message template of claim updates (HUXIN_CLAIM_UPDATE_TEMPLATE_ID at
 * build time; the server's WECHAT_CLAIM_UPDATE_TEMPLATE_ID must be the same). Empty: not asked.
 */
declare const HUXIN_CLAIM_UPDATE_TEMPLATE_ID: string

declare namespace NodeJS {
  interface ProcessEnv {
    /** NODE 内置环境变量, 会影响到最终构建生成产物 */
    NODE_ENV: 'development' | 'production'
    /** 当前构建的平台 */
    TARO_ENV: 'weapp' | 'swan' | 'alipay' | 'h5' | 'rn' | 'tt' | 'qq' | 'jd' | 'harmony' | 'jdrn'
    /**
     * 当前构建的小程序 appid; overrides the appid of project.config.json in dist/weapp.
     * https://docs.taro.zone/docs/env-mode-config#特殊环境变量-taro_app_id
     */
    TARO_APP_ID?: string
    /** Absolute https base of the API for the weapp build; empty for H5 served by the server. */
    HUXIN_API_BASE?: string
    /** WeChat subscription-message template id of claim updates, for the weapp build. */
    HUXIN_CLAIM_UPDATE_TEMPLATE_ID?: string
  }
}

/**
 * Map tiles of the H5 map (config/index.ts from HUXIN_MAP_TILE_URL / HUXIN_TIANDITU_KEY): the
 * layers drawn in order (Tianditu: roads, then labels). `layers` may be empty (no tiles).
 */
declare const HUXIN_MAP_TILES: {
  layers: { url: string; subdomains?: string; attribution: string }[]
  maxZoom: number
}
