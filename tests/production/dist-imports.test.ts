/**
 * scripts/dist-imports.mjs on made-up compiled workspaces: the specifier rewrite for Node, and the
 * import-graph check that keeps `npm ci --omit=dev` sufficient (it must report what it guards).
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { checkDistImports, rewriteDistImports } from '../../scripts/dist-imports.mjs'

function files(root: string, tree: Record<string, string>) {
  for (const [name, text] of Object.entries(tree)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true })
    writeFileSync(path.join(root, name), text)
  }
}

describe('the compiled import specifiers', () => {
  it('become exact files for Node: relative ones, folders, and the shared workspace', () => {
    const dist = mkdtempSync(path.join(tmpdir(), 'huxin-dist-'))
    files(dist, {
      'a.js': [
        "import { b } from './b'",
        "export * from './lib'",
        "import { money } from '@huxin/shared'",
        "import { centres } from '@huxin/shared/domain/town-centres'",
        "import pg from 'pg'",
        "// a comment naming './b' is left alone",
        "const later = () => import('./b')",
      ].join('\n'),
      'b.js': 'export const b = 1',
      'lib/index.js': 'export const lib = 1',
    })
    expect(rewriteDistImports(dist)).toBe(5)
    expect(readFileSync(path.join(dist, 'a.js'), 'utf8').split('\n')).toEqual([
      "import { b } from './b.js'",
      "export * from './lib/index.js'",
      "import { money } from '@huxin/shared/dist/index.js'",
      "import { centres } from '@huxin/shared/dist/domain/town-centres.js'",
      "import pg from 'pg'",
      "// a comment naming './b' is left alone",
      "const later = () => import('./b.js')",
    ])
  })

  it('refuse a relative import that names no compiled file', () => {
    const dist = mkdtempSync(path.join(tmpdir(), 'huxin-dist-'))
    files(dist, { 'a.js': "import './gone'" })
    expect(() => rewriteDistImports(dist)).toThrow(/"\.\/gone" names no compiled file/)
  })
})

describe('the import graph of a build', () => {
  it('reports a devDependency, an undeclared package, a missing file and a source import of a workspace', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'huxin-graph-'))
    files(root, {
      'server/package.json': JSON.stringify({
        name: '@x/server',
        dependencies: { pg: '1', '@x/shared': '1' },
        devDependencies: { tsx: '1' },
      }),
      'server/dist/main.js': [
        "import pg from 'pg'",
        "import fs from 'node:fs'",
        "import path from 'path'",
        "import { a } from './a.js'",
        "import { s } from '@x/shared/dist/index.js'",
        "import { t } from '@x/shared'",
      ].join('\n'),
      'server/dist/a.js': "import 'tsx/esm'\nimport './missing.js'\nexport const a = require.resolve('fonts-pkg/x.ttf')",
      'shared/package.json': JSON.stringify({ name: '@x/shared', dependencies: { typebox: '1' }, devDependencies: { vitest: '1' } }),
      'shared/dist/index.js': "import 'typebox'\nimport 'vitest'",
    })
    const { problems, files: reached } = checkDistImports({
      [path.join(root, 'server')]: [path.join(root, 'server', 'dist', 'main.js')],
      [path.join(root, 'shared')]: [],
    })
    expect(reached).toBe(3)
    expect(problems).toEqual(
      expect.arrayContaining([
        'dist/main.js: imports "@x/shared", not a compiled file of @x/shared',
        'dist/a.js: imports "tsx/esm", a devDependency of @x/server',
        'dist/a.js: "./missing.js" names no file',
        'dist/a.js: imports "fonts-pkg/x.ttf", not a dependency of @x/server',
        'dist/index.js: imports "vitest", a devDependency of @x/shared',
      ]),
    )
    expect(problems).toHaveLength(5)
  })

  it('passes a build that imports only production dependencies', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'huxin-graph-'))
    files(root, {
      'server/package.json': JSON.stringify({ name: '@x/server', dependencies: { pg: '1' } }),
      'server/dist/main.js': "import pg from 'pg'\nimport './a.js'",
      'server/dist/a.js': "import { readFile } from 'node:fs/promises'",
    })
    expect(checkDistImports({ [path.join(root, 'server')]: [path.join(root, 'server', 'dist', 'main.js')] })).toEqual({ problems: [], files: 2 })
  })
})
