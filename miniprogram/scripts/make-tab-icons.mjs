#!/usr/bin/env node
// Draws the tabBar icons (src/assets/tab/*.png) and the weapp map's marker pins (src/assets/map): WeChat wants local PNGs of at most 40 KB,
// 81 × 81 px recommended (https://developers.weixin.qq.com/miniprogram/dev/reference/configuration/app.html#tabBar).
// Plain shapes, anti-aliased by 4 × 4 supersampling, written as RGBA PNG with Node's zlib only, so
// the icons can be regenerated without an image editor: node miniprogram/scripts/make-tab-icons.mjs
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { crc32, deflateSync } from 'node:zlib'

const SIZE = 81
const SAMPLES = 4
const assets = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'src', 'assets')
const outDir = path.join(assets, 'tab')
const mapDir = path.join(assets, 'map')

const GREY = [0x4a, 0x53, 0x61]
const BLUE = [0x0b, 0x4f, 0x9c]

/** Inside a rounded rectangle's outline of the given stroke width. */
function roundedRectStroke(x, y, left, top, right, bottom, radius, stroke) {
  const inRect = (l, t, r, b, rad) => {
    if (x < l || x > r || y < t || y > b) return false
    const cx = Math.min(Math.max(x, l + rad), r - rad)
    const cy = Math.min(Math.max(y, t + rad), b - rad)
    return (x - cx) ** 2 + (y - cy) ** 2 <= rad * rad
  }
  return inRect(left, top, right, bottom, radius) && !inRect(left + stroke, top + stroke, right - stroke, bottom - stroke, Math.max(0, radius - stroke))
}

function bar(x, y, left, top, right, bottom) {
  const r = (bottom - top) / 2
  if (x < left || x > right || y < top || y > bottom) return false
  const cx = Math.min(Math.max(x, left + r), right - r)
  return (x - cx) ** 2 + (y - (top + r)) ** 2 <= r * r
}

function disc(x, y, cx, cy, r) {
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r
}

/** 我要投诉: a sheet of paper with a plus. */
function fileClaim(x, y) {
  return (
    roundedRectStroke(x, y, 14, 6, 67, 75, 8, 6) ||
    bar(x, y, 26, 37.5, 55, 43.5) ||
    bar(y, x, 26, 37.5, 55, 43.5) // the vertical stroke: the same bar with x and y swapped
  )
}

/** 我的投诉: a list of three items. */
function myClaims(x, y) {
  const rows = [18, 40.5, 63]
  return rows.some((cy) => disc(x, y, 16, cy, 6) || bar(x, y, 29, cy - 3.5, 72, cy + 3.5))
}

/**
 * 找帮助: a map pin with a hole. The pin is a disc on top of a triangle whose sides are tangent to
 * it, pointing down to (cx, tipY); scaled for the map markers too.
 */
function pin(x, y, { cx = 40.5, cy = 31, r = 24, tipY = 77, hole = 9 } = {}) {
  if (disc(x, y, cx, cy, hole)) return false
  if (disc(x, y, cx, cy, r)) return true
  if (y < cy || y > tipY) return false
  // Tangent points of the lines from the tip to the circle.
  const d = tipY - cy
  const half = Math.asin(r / d)
  const dx = Math.tan(half) * (tipY - y)
  return Math.abs(x - cx) <= dx
}

function findHelp(x, y) {
  return pin(x, y)
}

/** Map markers of the weapp map (components/help-map.weapp.tsx): 64 × 80, shown at 32 × 40. */
const MARKER = { width: 64, height: 80 }
function marker(x, y) {
  return pin(x, y, { cx: 32, cy: 27, r: 24, tipY: 79, hole: 9 })
}

function render(shape, [r, g, b], width = SIZE, height = SIZE) {
  const raw = Buffer.alloc((width * 4 + 1) * height)
  for (let py = 0; py < height; py++) {
    const row = py * (width * 4 + 1)
    raw[row] = 0 // filter: none
    for (let px = 0; px < width; px++) {
      let hits = 0
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          if (shape(px + (sx + 0.5) / SAMPLES, py + (sy + 0.5) / SAMPLES)) hits++
        }
      }
      const o = row + 1 + px * 4
      raw[o] = r
      raw[o + 1] = g
      raw[o + 2] = b
      raw[o + 3] = Math.round((hits / (SAMPLES * SAMPLES)) * 255)
    }
  }
  return png(raw, width, height)
}

function chunk(type, data) {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([length, body, crc])
}

function png(raw, width, height) {
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header[8] = 8 // bit depth
  header[9] = 6 // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

const icons = {
  [path.join(outDir, 'file-claim.png')]: render(fileClaim, GREY),
  [path.join(outDir, 'file-claim-active.png')]: render(fileClaim, BLUE),
  [path.join(outDir, 'my-claims.png')]: render(myClaims, GREY),
  [path.join(outDir, 'my-claims-active.png')]: render(myClaims, BLUE),
  [path.join(outDir, 'find-help.png')]: render(findHelp, GREY),
  [path.join(outDir, 'find-help-active.png')]: render(findHelp, BLUE),
  // Marker colours match the H5 map's (components/help-map.css): open, busy, closed or suspended.
  [path.join(mapDir, 'pin-ok.png')]: render(marker, [0x23, 0x78, 0x04], MARKER.width, MARKER.height),
  [path.join(mapDir, 'pin-busy.png')]: render(marker, [0xad, 0x68, 0x00], MARKER.width, MARKER.height),
  [path.join(mapDir, 'pin-stopped.png')]: render(marker, GREY, MARKER.width, MARKER.height),
}
mkdirSync(outDir, { recursive: true })
mkdirSync(mapDir, { recursive: true })
for (const [file, data] of Object.entries(icons)) {
  writeFileSync(file, data)
  console.log(`${path.relative(process.cwd(), file)}  ${data.length} bytes`)
}
