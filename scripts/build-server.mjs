// `npm run build:server`: compiles shared/ and server/ to JavaScript (shared/dist, server/dist) with
// tsc, rewrites the import specifiers for plain Node (scripts/dist-imports.mjs), and fails if the
// built server imports anything that `npm ci --omit=dev` would not install. Production then runs
// `node server/dist/server.js` and `node server/dist/worker.js`: no TypeScript loader, no dev
// dependency. The migrations, the H5 build and the PDF font are found from the built code as from
// the source (server/dist sits at the depth of server/src; the font through its npm package).
//
// `--no-check` skips tsc's type check (emit only; the output is the same, since every file is
// compiled on its own: isolatedModules). The tests use it: `npm run typecheck` checks the types.
import { spawnSync } from 'node:child_process'
import { rmSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { checkBuiltServer, jsFiles, rewriteDistImports, SERVER_ENTRY_POINTS } from './dist-imports.mjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc')
const noCheck = process.argv.includes('--no-check')

const started = Date.now()
for (const workspace of ['shared', 'server']) {
  rmSync(path.join(root, workspace, 'dist'), { recursive: true, force: true })
  const args = [tsc, '-p', path.join(root, workspace, 'tsconfig.build.json'), ...(noCheck ? ['--noCheck'] : [])]
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' })
  if (result.status !== 0) {
    console.error(`build: tsc failed for ${workspace}/`)
    process.exit(result.status ?? 1)
  }
  const dist = path.join(root, workspace, 'dist')
  const count = rewriteDistImports(dist)
  console.log(`build: ${workspace}/dist: ${jsFiles(dist).length} files, ${count} import specifiers rewritten for Node`)
}

const { problems, files } = checkBuiltServer(root)
if (problems.length > 0) {
  console.error(`build: the built server imports what a production install (npm ci --omit=dev) lacks:\n  ${problems.join('\n  ')}`)
  process.exit(1)
}
console.log(`build: ${files} files reachable from ${SERVER_ENTRY_POINTS.length} entry points import only production dependencies (${((Date.now() - started) / 1000).toFixed(1)} s)`)
