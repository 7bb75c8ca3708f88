import path from 'node:path'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import devConfig from './dev'
import prodConfig from './prod'

/**
 * Taro build configuration for both targets (`taro build --type weapp|h5 --no-check`).
 * https://docs.taro.zone/docs/config-detail
 */

// The `shared/` workspace ships TypeScript source; Taro only compiles folders it is told about
// (TOOLCHAIN.md, Taro), in both the mini and the h5 sections.
const sharedSource = path.resolve(__dirname, '..', '..', 'shared', 'src')

// npm workspaces hoist most packages to the root node_modules but keep some in the workspace's own
// (e.g. @tarojs/plugin-framework-react, whose vite peer clashes with the root's). Hoisted Taro
// packages import it by name, so the workspace folder must be searched too, after the usual ones.
const workspaceModules = path.resolve(__dirname, '..', 'node_modules')
function addWorkspaceModules(chain: { resolve: { modules: { add(value: string): { add(value: string): unknown } } } }) {
  // webpack's default is ['node_modules']; setting the list replaces it, so keep it first.
  chain.resolve.modules.add('node_modules').add(workspaceModules)
}

const apiBase = process.env.HUXIN_API_BASE ?? ''
if (process.env.TARO_ENV === 'weapp' && !/^https:\/\//.test(apiBase)) {
  // Not an error: CI builds the weapp only to check it. A build meant for WeChat needs the API's
  // https domain (also whitelisted in the mini-program's admin console: WECHAT.md, Network).
  console.warn(
    `[huxin] HUXIN_API_BASE is ${apiBase === '' ? 'not set' : `"${apiBase}", not https`}: ` +
      'this weapp build cannot reach the API. Set HUXIN_API_BASE=https://… for a real build.',
  )
}

/**
 * Tiles of the H5 map (components/help-map.h5.tsx), chosen at build time:
 * - HUXIN_TIANDITU_KEY=<key>: Tianditu (天地图, CGCS2000 ≈ WGS-84, web-Mercator `_w` layers), roads
 *   and Chinese labels; the key is a browser key bound to the site's domain.
 * - HUXIN_MAP_TILE_URL=<template>: any XYZ template with {z}/{x}/{y} (and {s}); `none`: no tiles.
 * - neither: OpenStreetMap's public tiles.
 * Without network the map stays grey and every marker and the list still work.
 */
function mapTiles() {
  const url = process.env.HUXIN_MAP_TILE_URL?.trim()
  const tianditu = process.env.HUXIN_TIANDITU_KEY?.trim()
  if (url === 'none') return { layers: [], maxZoom: 18 }
  if (url) return { layers: [{ url, attribution: process.env.HUXIN_MAP_ATTRIBUTION ?? '' }], maxZoom: 18 }
  if (tianditu) {
    const layer = (name: string) => ({
      url: `https://t{s}.tianditu.gov.cn/${name}_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=${name}&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=${encodeURIComponent(tianditu)}`,
      subdomains: '01234567',
      attribution: name === 'vec' ? '© 天地图' : '',
    })
    return { layers: [layer('vec'), layer('cva')], maxZoom: 18 }
  }
  return {
    layers: [{ url: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png', attribution: '© OpenStreetMap contributors' }],
    maxZoom: 19,
  }
}

export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'huxin',
    date: '2026-11-28',
    designWidth: 750,
    deviceRatio: {
      640: 2.34 / 2,
      750: 1,
      375: 2,
      828: 1.81 / 2,
    },
    sourceRoot: 'src',
    outputRoot: `dist/${process.env.TARO_ENV}`,
    plugins: [],
    defineConstants: {
      // Empty: same origin (the H5 build is served by the API server). The weapp needs an absolute
      // https base given at build time, e.g. HUXIN_API_BASE=https://huxin.example.gov.cn
      HUXIN_API_BASE: JSON.stringify(apiBase),
      HUXIN_CLAIM_UPDATE_TEMPLATE_ID: JSON.stringify(process.env.HUXIN_CLAIM_UPDATE_TEMPLATE_ID ?? ''),
      HUXIN_MAP_TILES: JSON.stringify(mapTiles()),
    },
    // No copy pattern for project.config.json: for mini-program targets Taro itself writes
    // dist/weapp/project.config.json from ./project.config.json, with miniprogramRoot set to './'
    // and appid taken from TARO_APP_ID when set (@tarojs/cli presets/files/generateProjectConfig).
    // A copy pattern would overwrite that file afterwards and lose the TARO_APP_ID substitution.
    copy: {
      // The weapp map's marker pins (components/help-map.weapp.tsx): WeChat's `<map>` takes paths
      // inside the package, not bundled images. H5 draws its markers in CSS.
      // H5: the root-font-size script that index.html loads (no inline script under the CSP).
      patterns:
        process.env.TARO_ENV === 'weapp'
          ? [{ from: 'src/assets/map/', to: 'dist/weapp/assets/map/' }]
          : [
              { from: 'src/h5/rem.js', to: 'dist/h5/h5/rem.js' },
              // The offline shell's service worker, at the root so that its scope is the whole app.
              { from: 'src/h5/sw.js', to: 'dist/h5/sw.js' },
              // The page's icon (index.html), so that browsers do not ask for a missing /favicon.ico.
              { from: 'src/assets/tab/file-claim-active.png', to: 'dist/h5/favicon.png' },
            ],
      options: {},
    },
    framework: 'react',
    compiler: 'webpack5',
    cache: {
      enable: false,
    },
    mini: {
      compile: {
        include: [sharedSource],
      },
      webpackChain: addWorkspaceModules,
      postcss: {
        pxtransform: {
          enable: true,
          config: {},
        },
        cssModules: {
          enable: false,
          config: {
            namingPattern: 'module',
            generateScopedName: '[name]__[local]___[hash:base64:5]',
          },
        },
      },
    },
    h5: {
      compile: {
        include: [sharedSource],
      },
      webpackChain: addWorkspaceModules,
      publicPath: '/',
      staticDirectory: 'static',
      router: {
        // The API server serves index.html at `/` only; hash routing needs no server rewrites.
        mode: 'hash',
      },
      htmlPluginOption: {
        title: '护薪 · 欠薪投诉',
      },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      // Without these, assets imported from node_modules are emitted outside dist/h5.
      imageUrlLoaderOption: {
        name: 'static/images/[name].[contenthash:8][ext]',
      },
      fontUrlLoaderOption: {
        name: 'static/fonts/[name].[contenthash:8][ext]',
      },
      mediaUrlLoaderOption: {
        name: 'static/media/[name].[contenthash:8][ext]',
      },
      postcss: {
        autoprefixer: {
          enable: true,
          config: {},
        },
        cssModules: {
          enable: false,
          config: {
            namingPattern: 'module',
            generateScopedName: '[name]__[local]___[hash:base64:5]',
          },
        },
      },
    },
  }

  if (process.env.NODE_ENV === 'development') {
    return merge({}, baseConfig, devConfig)
  }
  return merge({}, baseConfig, prodConfig)
})
