// Builds the H5 app when its sources changed since the last build, so `npm start` on a fresh
// clone serves the mini-program without a separate build step, and later starts are instant.
// `--force` builds regardless (npm run build:h5).
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import zlib, { brotliCompressSync, gzipSync } from 'node:zlib'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const inputs = [
  'miniprogram/src',
  'miniprogram/config',
  'miniprogram/babel.config.js',
  'miniprogram/package.json',
  'miniprogram/project.config.json',
  'shared/src',
  'package-lock.json',
]
const outDir = path.join(root, 'miniprogram', 'dist', 'h5')
const stampFile = path.join(outDir, '.build-stamp')

/**
 * Brotli and gzip copies beside each text asset, served by @fastify/static (`preCompressed`):
 * a worker on a slow mobile link downloads about a third of the bytes, with no compression work
 * per request.
 */
function precompress(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name)
    if (entry.isDirectory()) {
      precompress(file)
    } else if (/\.(js|css|html|json|svg|txt)$/.test(entry.name)) {
      const content = readFileSync(file)
      writeFileSync(`${file}.br`, brotliCompressSync(content, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }))
      writeFileSync(`${file}.gz`, gzipSync(content, { level: 9 }))
    }
  }
}

function hashInputs() {
  const hash = createHash('sha256')
  const visit = (rel) => {
    const abs = path.join(root, rel)
    if (!existsSync(abs)) return
    if (statSync(abs).isDirectory()) {
      for (const name of readdirSync(abs).sort()) visit(path.join(rel, name))
    } else {
      hash.update(rel).update('\0').update(readFileSync(abs)).update('\0')
    }
  }
  inputs.forEach(visit)
  return hash.digest('hex')
}

const wanted = hashInputs()
const built = existsSync(stampFile) ? readFileSync(stampFile, 'utf8').trim() : ''
const force = process.argv.includes('--force')
if (!force && built === wanted && existsSync(path.join(outDir, 'index.html'))) {
  process.exit(0)
}
console.log(force ? 'Building the H5 app…' : 'Building the H5 app (first start or sources changed; about 30 s)…')
const result = spawnSync('npm', ['run', 'build:h5', '--workspace', '@huxin/miniprogram', '--silent'], {
  cwd: root,
  stdio: ['ignore', 'pipe', 'pipe'],
  env: { ...process.env, CI: '1', NODE_ENV: 'production' },
  maxBuffer: 64 * 1024 * 1024,
})
if (result.status !== 0) {
  // Taro's progress output is noise when it works; on failure it is the explanation.
  process.stderr.write(result.stdout ?? '')
  process.stderr.write(result.stderr ?? '')
  console.error('The H5 build failed (output above).')
  process.exit(result.status ?? 1)
}
precompress(outDir)
writeFileSync(stampFile, `${wanted}\n`)
console.log('H5 app built.')
