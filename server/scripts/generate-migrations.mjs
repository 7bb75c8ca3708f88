// Runs `drizzle-kit generate` for the server's schema into ../migrations.
//
// drizzle-kit is hoisted to the root node_modules, but npm keeps drizzle-orm inside
// server/node_modules (drizzle-orm's optional React Native peers clash with the mini-program's
// React 18, so it cannot be hoisted). drizzle-kit imports `drizzle-orm/version` from its own
// location, so for the run we link the server's copy where drizzle-kit can see it.
import { spawnSync } from 'node:child_process'
import { existsSync, rmSync, symlinkSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const rootModules = path.resolve(serverDir, '..', 'node_modules')
const link = path.join(rootModules, 'drizzle-orm')
const made = !existsSync(link)
if (made) symlinkSync(path.join(serverDir, 'node_modules', 'drizzle-orm'), link, 'dir')
try {
  const result = spawnSync(
    process.execPath,
    [path.join(rootModules, 'drizzle-kit', 'bin.cjs'), 'generate', ...process.argv.slice(2)],
    { cwd: serverDir, stdio: 'inherit' },
  )
  process.exitCode = result.status ?? 1
} finally {
  if (made) rmSync(link)
}
