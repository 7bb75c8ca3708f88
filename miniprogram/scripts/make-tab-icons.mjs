#!/usr/bin/env node
// Draws the tabBar icons (src/assets/tab/*.png): WeChat wants local PNGs of at most 40 KB,
// 81 × 81 px recommended (https://developers.weixin.qq.com/miniprogram/dev/reference/configuration/app.html#tabBar).
// Plain shapes, anti-aliased by 4 × 4 supersampling, written as RGBA PNG with Node's zlib only, so
// the icons can be regenerated without an image editor: node miniprogram/scripts/make-tab-icons.mjs
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { crc32, deflateSync } from 'node:zlib'

const SIZE = 81
const SAMPLES = 4
const outDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'src', 'assets', 'tab')

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

function render(shape, [r, g, b]) {
  const raw = Buffer.alloc((SIZE * 4 + 1) * SIZE)
  for (let py = 0; py < SIZE; py++) {
    const row = py * (SIZE * 4 + 1)
    raw[row] = 0 // filter: none
    for (let px = 0; px < SIZE; px++) {
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
  return png(raw)
}

function chunk(type, data) {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([length, body, crc])
}

function png(raw) {
  const header = Buffer.alloc(13)
  header.writeUInt32BE(SIZE, 0)
  header.writeUInt32BE(SIZE, 4)
  header[8] = 8 // bit depth
  header[9] = 6 // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

mkdirSync(outDir, { recursive: true })
const icons = {
  'file-claim.png': render(fileClaim, GREY),
  'file-claim-active.png': render(fileClaim, BLUE),
  'my-claims.png': render(myClaims, GREY),
  'my-claims-active.png': render(myClaims, BLUE),
}
for (const [name, data] of Object.entries(icons)) {
  writeFileSync(path.join(outDir, name), data)
  console.log(`${path.relative(process.cwd(), path.join(outDir, name))}  ${data.length} bytes`)
}
