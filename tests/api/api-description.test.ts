/**
 * The API description other systems build on (docs/api-description.md): the document a running
 * server serves at /docs/json passes Redocly's recommended rules with no error and no warning, and a
 * client generated from it (openapi-typescript + openapi-fetch) type-checks and works against the
 * server: sign-in, filing, reading back.
 */
import { spawnSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import openapiTS, { astToString } from 'openapi-typescript'
import ts from 'typescript'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../../server/test/helpers/app'
import { REPO_ROOT } from '../helpers/server-process'

const HERE = path.join(REPO_ROOT, 'tests', 'api')
const GENERATED = path.join(HERE, '.tmp', 'huxin-api.d.ts')
/** The linter, the generator and tsc take 20–30 s each on a busy two-core machine: room for three times that. */
const LINTER_TIMEOUT_MS = 180_000

interface LintProblem {
  ruleId: string
  severity: 'error' | 'warn'
  message: string
  location: { pointer: string }[]
}

/** `redocly lint` as a person runs it: the CLI, recommended rules (no config file where it runs), JSON output. */
function redoclyLint(document: string): { problems: LintProblem[]; output: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'huxin-openapi-'))
  try {
    writeFileSync(path.join(dir, 'openapi.json'), document)
    const cli = path.join(REPO_ROOT, 'node_modules', '@redocly', 'cli', 'bin', 'cli.js')
    const result = spawnSync(process.execPath, [cli, 'lint', 'openapi.json', '--extends=recommended', '--format=json', '--max-problems=10000'], {
      cwd: dir,
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', HOME: dir, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
    })
    const json = result.stdout.slice(result.stdout.indexOf('{'))
    return { problems: (JSON.parse(json) as { problems: LintProblem[] }).problems, output: result.stderr }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** The TypeScript errors of `file` under the tests' compiler options (strict, noUncheckedIndexedAccess …). */
function typeErrors(file: string): string[] {
  const configPath = path.join(REPO_ROOT, 'tests', 'tsconfig.json')
  const { config } = ts.readConfigFile(configPath, (p) => ts.sys.readFile(p))
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, path.dirname(configPath))
  const program = ts.createProgram([file], { ...options, noEmit: true })
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file && d.start !== undefined ? `${path.relative(REPO_ROOT, d.file.fileName)}:${d.file.getLineAndCharacterOfPosition(d.start).line + 1} ` : ''
    return where + ts.flattenDiagnosticMessageText(d.messageText, '\n')
  })
}

interface TypedClientModule {
  fileAndReadBack(baseUrl: string, openid: string, idempotencyKey: string): Promise<Record<string, unknown>>
}

describe('the served API description', () => {
  // The app listening on a port of its own (PGlite, the simulators beside it), reached over HTTP.
  let t: TestApp
  let baseUrl: string
  let document: string

  beforeAll(async () => {
    t = await buildTestApp('pglite')
    baseUrl = await t.app.listen({ host: '127.0.0.1', port: 0 })
    const response = await fetch(`${baseUrl}/docs/json`)
    expect(response.status).toBe(200)
    document = await response.text()
  })

  afterAll(async () => {
    await t?.close()
  })

  it("has no error and no warning under Redocly's recommended rules", () => {
    const { problems, output } = redoclyLint(document)
    const summary = problems.map((p) => `${p.severity} ${p.ruleId}: ${p.message} @ ${p.location[0]?.pointer ?? ''}`)
    expect(summary, output).toEqual([])
    // The linter did run on this document: a broken one is reported (guards against a silent no-op).
    const broken = JSON.parse(document) as { servers?: unknown }
    delete broken.servers
    expect(redoclyLint(JSON.stringify(broken)).problems.map((p) => p.ruleId)).toContain('no-empty-servers')
  }, LINTER_TIMEOUT_MS)

  it('generates a typed client that type-checks against real calls and works against the server', async () => {
    const types = astToString(await openapiTS(JSON.parse(document) as Parameters<typeof openapiTS>[0]))
    mkdirSync(path.dirname(GENERATED), { recursive: true })
    writeFileSync(GENERATED, types)
    expect(typeErrors(path.join(HERE, 'typed-client.ts'))).toEqual([])

    // Imported by a computed path: tsc (npm run typecheck) must not follow it before the types exist.
    const clientModule = path.join(HERE, 'typed-client.ts')
    const { fileAndReadBack } = (await import(/* @vite-ignore */ clientModule)) as TypedClientModule
    const result = await fileAndReadBack(baseUrl, `o-api-${randomUUID()}`, randomUUID())
    expect(result).toMatchObject({
      role: 'worker',
      status: 'submitted',
      amountOwedFen: 2_345_678,
      outstandingFen: 2_345_678,
      refusedStatus: 401,
      refusedCode: 'UNAUTHORIZED',
    })
    expect(result.readBackId).toBe(result.claimId)
    expect(result.reference).toMatch(/\S/)
  }, LINTER_TIMEOUT_MS)
})
