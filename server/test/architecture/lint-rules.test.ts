/**
 * The house rules of docs/architecture.md are enforced by ESLint. Each deliberate violation below
 * is linted under a made-up path inside server/src and must be reported; each allowed form must
 * pass. A rule that stopped firing would let the layout rot silently.
 */
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..')
const eslint = new ESLint({ cwd: root })

async function ruleIds(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) })
  return (result?.messages ?? []).map((m) => m.ruleId ?? `fatal: ${m.message}`)
}

describe('architecture lint rules', () => {
  it.each([
    ['a module importing another module\'s internals', 'server/src/modules/casework/fixture.ts', "import { createClaimsRepository } from '../claims/repository'\nexport const x = createClaimsRepository\n", 'huxin/module-boundaries'],
    ['a module importing another module\'s plugin', 'server/src/modules/figures/fixture.ts', "import claimsModule from '../claims/plugin'\nexport const x = claimsModule\n", 'huxin/module-boundaries'],
    ['a service importing its own module\'s routes', 'server/src/modules/claims/fixture-service.ts', "import routes from './routes'\nexport const x = routes\n", 'huxin/module-boundaries'],
    ['a service importing its own module\'s plugin', 'server/src/modules/claims/fixture-service.ts', "import plugin from './plugin'\nexport const x = plugin\n", 'huxin/module-boundaries'],
    ['server.ts reaching into a module', 'server/src/fixture-root.ts', "import { fileClaim } from './modules/claims/file-claim'\nexport const x = fileClaim\n", 'huxin/module-boundaries'],
    ['a service importing table objects', 'server/src/modules/casework/fixture.ts', "import { claims } from '../../db/schema/index'\nexport const x = claims\n", 'huxin/queries-in-repositories'],
    ['a route building a query', 'server/src/modules/claims/fixture-routes.ts', "import { eq } from 'drizzle-orm'\nexport const x = eq\n", 'huxin/queries-in-repositories'],
    ['a service running a raw statement', 'server/src/modules/figures/fixture.ts', "import { rawRows } from '../../db/raw'\nexport const x = rawRows\n", 'huxin/queries-in-repositories'],
    ['a query result forced with as unknown as', 'server/src/modules/claims/repository.ts', 'declare const db: { execute(q: string): Promise<unknown> }\nexport async function f() {\n  return (await db.execute(\'select 1\')) as unknown as { rows: number[] }\n}\n', 'no-restricted-syntax'],
    ['shared/ importing a Node built-in', 'shared/src/fixture.ts', "import { createHash } from 'node:crypto'\nexport const x = createHash\n", 'no-restricted-imports'],
    ['shared/ importing the database driver', 'shared/src/fixture.ts', "import { sql } from 'drizzle-orm'\nexport const x = sql\n", 'no-restricted-imports'],
    ['shared/ using a DOM global', 'shared/src/fixture.ts', 'export const x = () => window.innerWidth\n', 'no-restricted-globals'],
  ])('reports %s', async (_what, file, code, rule) => {
    expect(await ruleIds(file, code)).toContain(rule)
  })

  it.each([
    ['a module importing another through its index', 'server/src/modules/casework/fixture.ts', "import { fileClaim } from '../claims/index'\nexport const x = fileClaim\n"],
    ['app.ts registering a module plugin', 'server/src/app.ts', "import claimsModule from './modules/claims/plugin'\nexport const x = claimsModule\n"],
    ['a plugin registering its routes', 'server/src/modules/claims/plugin.ts', "import routes from './routes'\nexport const x = routes\n"],
    ['a repository importing tables and the query builder', 'server/src/modules/claims/repository.ts', "import { eq } from 'drizzle-orm'\nimport { claims } from '../../db/schema/index'\nexport const x = [eq, claims]\n"],
    ['a service importing a row type only', 'server/src/modules/casework/fixture.ts', "import type { claims } from '../../db/schema/index'\nexport type Row = typeof claims.$inferSelect\n"],
    ['a repository typing raw rows through db/raw', 'server/src/modules/figures/repository.ts', "import { sql } from 'drizzle-orm'\nimport type { Executor } from '../../db/client'\nimport { rawRows } from '../../db/raw'\nexport const f = (db: Executor) => rawRows<{ n: number }>(db, sql`select 1 as n`)\n"],
  ])('allows %s', async (_what, file, code) => {
    expect(await ruleIds(file, code)).toEqual([])
  })
})
