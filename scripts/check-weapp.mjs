#!/usr/bin/env node
// Checks the WeChat build (miniprogram/dist/weapp) before anyone uploads it:
// - app.json and project.config.json are there (the folder opens in WeChat DevTools as a project),
//   and every page listed in app.json was built;
// - the main package (everything outside the subPackages roots) and each subpackage stay within
//   WeChat's 2 MB per package, and all of them within 20 MB (upload fails with 80051 otherwise:
//   https://developers.weixin.qq.com/miniprogram/dev/framework/subpackages.html);
// - no output file mentions Leaflet or ECharts: the H5 map and chart libraries stay out of the weapp build
//   (docs WECHAT.md, TOOLCHAIN.md: per-platform files, not runtime branches).
// Plain Node, no dependencies. Usage: node scripts/check-weapp.mjs [dist-dir]
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const PACKAGE_LIMIT = 2 * 1024 * 1024
const TOTAL_LIMIT = 20 * 1024 * 1024
// The H5-only libraries (per-platform files): the map's and the dashboard's charts'.
const FORBIDDEN = ['leaflet', 'echarts']

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const dist = path.resolve(process.argv[2] ?? path.join(root, 'miniprogram', 'dist', 'weapp'))
const shown = path.relative(process.cwd(), dist) || '.'

const problems = []

function fail(message) {
  console.error(`check-weapp: ${message}`)
  process.exit(1)
}

if (!existsSync(dist) || !statSync(dist).isDirectory()) {
  fail(`${shown} does not exist: build it first with \`npm run build:weapp\``)
}
for (const name of ['app.json', 'project.config.json']) {
  if (!existsSync(path.join(dist, name))) {
    problems.push(`${name} is missing from ${shown}: WeChat DevTools cannot open it as a mini-program project`)
  }
}
if (problems.length > 0) fail(problems.join('\n  '))

let app
try {
  app = JSON.parse(readFileSync(path.join(dist, 'app.json'), 'utf8'))
} catch (error) {
  fail(`app.json is not valid JSON: ${error.message}`)
}

/** Relative paths (with forward slashes) and sizes of every file under dist. */
function listFiles(dir, prefix = '') {
  const files = []
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name
    const abs = path.join(dir, entry.name)
    if (entry.isDirectory()) files.push(...listFiles(abs, rel))
    else if (entry.isFile()) files.push({ rel, abs, size: statSync(abs).size })
  }
  return files
}
const files = listFiles(dist)

// Subpackages: app.json accepts both spellings.
const subPackages = (app.subPackages ?? app.subpackages ?? []).map((p) => ({
  root: String(p.root ?? '').replace(/^\/+|\/+$/g, ''),
  pages: Array.isArray(p.pages) ? p.pages : [],
  name: p.name,
}))
for (const sub of subPackages) {
  if (sub.root === '') problems.push(`a subpackage in app.json has no root`)
}

// Every listed page must have been built.
const pages = [
  ...(Array.isArray(app.pages) ? app.pages : []),
  ...subPackages.flatMap((sub) => sub.pages.map((page) => `${sub.root}/${page}`)),
]
if (!Array.isArray(app.pages) || app.pages.length === 0) problems.push('app.json lists no pages')
for (const page of pages) {
  for (const ext of ['.js', '.json']) {
    if (!existsSync(path.join(dist, `${page}${ext}`))) problems.push(`page ${page} has no ${page}${ext}`)
  }
}

// Package sizes.
const packages = [{ name: 'main package', root: '', size: 0, files: 0 }].concat(
  subPackages.filter((s) => s.root !== '').map((s) => ({ name: `subpackage ${s.name ?? s.root}`, root: s.root, size: 0, files: 0 })),
)
for (const file of files) {
  const owner = packages.find((p) => p.root !== '' && (file.rel === p.root || file.rel.startsWith(`${p.root}/`))) ?? packages[0]
  owner.size += file.size
  owner.files += 1
}
for (const p of packages) {
  if (p.size > PACKAGE_LIMIT) {
    problems.push(`${p.name} is ${p.size} bytes (${formatBytes(p.size)}), over WeChat's limit of ${PACKAGE_LIMIT} bytes (2 MB) per package`)
  }
}
const total = packages.reduce((sum, p) => sum + p.size, 0)
if (total > TOTAL_LIMIT) problems.push(`all packages together are ${formatBytes(total)}, over ${formatBytes(TOTAL_LIMIT)}`)

// Location APIs (WECHAT.md, app.json): getLocation and getFuzzyLocation exclude each other; a
// declared location API needs the permission text WeChat shows ("你的位置信息将用于…"), at most 30
// characters. (Which APIs the code calls cannot be read from the output: Taro's runtime names them all.)
const PRIVATE_LOCATION_APIS = ['getFuzzyLocation', 'getLocation', 'onLocationChange', 'startLocationUpdate', 'chooseLocation', 'choosePoi']
const declared = Array.isArray(app.requiredPrivateInfos) ? app.requiredPrivateInfos : []
if (declared.includes('getLocation') && declared.includes('getFuzzyLocation')) {
  problems.push('app.json declares both getLocation and getFuzzyLocation in requiredPrivateInfos; WeChat accepts only one')
}
const locationDesc = app.permission?.['scope.userLocation']?.desc
if (declared.some((api) => PRIVATE_LOCATION_APIS.includes(api)) && typeof locationDesc !== 'string') {
  problems.push("app.json declares a location API but no permission['scope.userLocation'].desc")
}
if (typeof locationDesc === 'string' && [...locationDesc].length > 30) {
  problems.push(`permission['scope.userLocation'].desc is ${[...locationDesc].length} characters; WeChat allows 30`)
}

// Leaflet and ECharts must not be shipped to WeChat.
for (const name of FORBIDDEN) {
  const leaking = files.filter((file) => readFileSync(file.abs).toString('latin1').toLowerCase().includes(name))
  if (leaking.length > 0) {
    problems.push(`${name} found in the weapp build (keep it in *.h5.tsx files): ${leaking.map((f) => f.rel).join(', ')}`)
  }
}

function formatBytes(bytes) {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(2)} MB`
  return `${(bytes / 1024).toFixed(1)} KB`
}

function printTable() {
  const rows = packages.map((p) => [p.name, p.root === '' ? '/' : `/${p.root}`, String(p.files), formatBytes(p.size), `${((p.size / PACKAGE_LIMIT) * 100).toFixed(1)}%`])
  rows.push(['total', '', String(files.length), formatBytes(total), `${((total / TOTAL_LIMIT) * 100).toFixed(1)}% of 20 MB`])
  const header = ['package', 'root', 'files', 'size', 'of 2 MB']
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)))
  const line = (cells) => cells.map((c, i) => (i >= 2 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ')
  console.log(line(header))
  console.log(widths.map((w) => '-'.repeat(w)).join('  '))
  for (const row of rows) console.log(line(row))
}

if (problems.length > 0) {
  printTable()
  fail(`${shown} is not ready to upload:\n  ${problems.join('\n  ')}`)
}
console.log(`check-weapp: ${shown} OK (${pages.length} page${pages.length === 1 ? '' : 's'}, no Leaflet, no ECharts)`)
printTable()
