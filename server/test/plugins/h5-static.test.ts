import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { brotliCompressSync, gzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../helpers/app'

describe('serving the H5 build', () => {
  let t: TestApp
  const script = 'console.log("护薪");'.repeat(50)
  beforeAll(async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'huxin-h5-'))
    mkdirSync(path.join(root, 'js'))
    writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>护薪</title>')
    writeFileSync(path.join(root, 'js', 'app.0123abcd.js'), script)
    writeFileSync(path.join(root, 'js', 'app.0123abcd.js.br'), brotliCompressSync(script))
    writeFileSync(path.join(root, 'js', 'app.0123abcd.js.gz'), gzipSync(script))
    t = await buildTestApp('pglite', { HUXIN_H5_DIR: root })
  })
  afterAll(async () => {
    await t?.close()
  })

  it('serves index.html at / and never lets it be cached', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/' })
    expect(response.statusCode).toBe(200)
    expect(response.body).toContain('护薪')
    expect(response.headers['cache-control']).toBe('no-cache')
  })

  it('serves hashed assets as immutable, brotli or gzip when the browser accepts it', async () => {
    const br = await t.app.inject({ method: 'GET', url: '/js/app.0123abcd.js', headers: { 'accept-encoding': 'br, gzip' } })
    expect(br.headers['content-encoding']).toBe('br')
    expect(br.headers['cache-control']).toContain('immutable')
    expect(br.rawPayload.length).toBeLessThan(Buffer.byteLength(script) / 3)
    const gz = await t.app.inject({ method: 'GET', url: '/js/app.0123abcd.js', headers: { 'accept-encoding': 'gzip' } })
    expect(gz.headers['content-encoding']).toBe('gzip')
    const plain = await t.app.inject({ method: 'GET', url: '/js/app.0123abcd.js' })
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(plain.body).toBe(script)
  })
})
