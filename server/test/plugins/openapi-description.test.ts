import { OpeningIntervalSchema } from '@huxin/shared'
import { describe, expect, it } from 'vitest'
import { operationIdOf, withoutTrailingSlash } from '../../src/plugins/openapi-description'
import { useTestApp } from '../helpers/app'

interface Operation {
  operationId: string
  summary?: string
  security: Record<string, string[]>[]
  responses: Record<string, { content?: Record<string, unknown> }>
}
interface Document {
  servers: { url: string }[]
  paths: Record<string, Record<string, Operation>>
  components: { securitySchemes: Record<string, unknown> }
}

/** A value every documented path parameter accepts, so a request gets past routing. */
function sampleParam(name: string): string {
  if (name === 'year') return '2030'
  if (name === 'day') return '2030-01-02'
  return '00000000-0000-4000-8000-000000000000'
}

describe('operationIdOf', () => {
  it('names an operation by its method and path, parameters as By…', () => {
    expect(operationIdOf('GET', '/api/v1/claims/')).toBe('getClaims')
    expect(operationIdOf('GET', '/api/v1/claims/:id/attachments/:attachmentId')).toBe('getClaimsByIdAttachmentsByAttachmentId')
    expect(operationIdOf('POST', '/api/v1/claims/:id/workers-count')).toBe('postClaimsByIdWorkersCount')
    expect(operationIdOf('GET', '/api/v1/stats.csv')).toBe('getStatsCsv')
    expect(operationIdOf('GET', '/api/v1/documents/:id.pdf')).toBe('getDocumentsByIdPdf')
    expect(operationIdOf('GET', '/healthz')).toBe('getHealthz')
  })

  it('drops only a trailing slash', () => {
    expect(withoutTrailingSlash('/api/v1/claims/')).toBe('/api/v1/claims')
    expect(withoutTrailingSlash('/api/v1/claims')).toBe('/api/v1/claims')
    expect(withoutTrailingSlash('/')).toBe('/')
  })
})

describe('the served API description (PGlite)', () => {
  const t = useTestApp('pglite')
  const served = async () => (await t.app.inject({ method: 'GET', url: '/docs/json' })).json<Document>()

  it('names its server, leaves the development simulators out and has no trailing-slash path', async () => {
    const doc = await served()
    expect(doc.servers).toEqual([expect.objectContaining({ url: '/' })])
    const paths = Object.keys(doc.paths)
    expect(paths.filter((p) => p.startsWith('/__sim'))).toEqual([])
    expect(paths.filter((p) => p.length > 1 && p.endsWith('/'))).toEqual([])
    expect(paths).toEqual(expect.arrayContaining(['/api/v1/claims', '/api/v1/help-points', '/api/v1/admin/sync']))
    // The simulators are still served (API.md, development affordances): only the document leaves them out.
    expect((await t.app.inject({ method: 'GET', url: '/__sim/sms/messages?phone=13800000000' })).statusCode).toBe(200)
  })

  it('serves each path documented without its trailing slash under both spellings', async () => {
    const doc = await served()
    const prefixRoots = ['/api/v1/claims', '/api/v1/triage', '/api/v1/employers', '/api/v1/projects', '/api/v1/admin/users', '/api/v1/admin/sync']
    for (const path of prefixRoots) {
      expect(doc.paths[path]?.get, path).toBeDefined()
      const bare = await t.app.inject({ method: 'GET', url: path })
      const slashed = await t.app.inject({ method: 'GET', url: `${path}/` })
      expect([bare.statusCode, slashed.statusCode], path).toEqual([401, 401])
    }
  })

  it('declares security as the routes behave: public ones answer without a token, the others refuse', async () => {
    const doc = await served()
    const checked: string[] = []
    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        // An event stream never ends: inject would wait for ever. Its route has no guard (help-points/routes.ts).
        if (operation.responses['200']?.content?.['text/event-stream']) continue
        const url = path.replace(/\{(\w+)\}/g, (_, name: string) => sampleParam(name))
        const response = await t.app.inject({ method: method.toUpperCase() as 'GET', url })
        const label = `${method.toUpperCase()} ${path} → ${response.statusCode} ${response.body.slice(0, 120)}`
        const schemes = operation.security.flatMap((requirement) => Object.keys(requirement))
        const optional = operation.security.length === 0 || operation.security.some((requirement) => Object.keys(requirement).length === 0)
        if (optional) {
          expect(response.statusCode, label).not.toBe(401)
          expect(response.statusCode, label).not.toBe(403)
        } else if (schemes.includes('nationalPlatformSignature')) {
          expect(response.statusCode, label).toBe(401)
        } else {
          expect(schemes, label).toEqual(['bearerAuth'])
          // A route validates its input before its preHandler guard: a request without a body is refused
          // for that first. Otherwise no token means 401.
          if (response.statusCode === 400) expect(response.json<{ error: { code: string } }>().error.code, label).toBe('VALIDATION_FAILED')
          else expect(response.statusCode, label).toBe(401)
        }
        expect(operation.responses['401'] !== undefined || optional, `${label}: 401 documented`).toBe(true)
        checked.push(label)
      }
    }
    expect(checked.length).toBeGreaterThan(80)
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(['bearerAuth', 'nationalPlatformSignature'])
  })

  it('spells tuples as prefixItems in the document and leaves the schemas the server validates with alone', async () => {
    const doc = await served()
    const text = JSON.stringify(doc)
    expect(text).not.toContain('"additionalItems"')
    expect(text).toContain('"prefixItems"')
    expect(Array.isArray((OpeningIntervalSchema as { items?: unknown }).items)).toBe(true)
    const ids = Object.values(doc.paths).flatMap((operations) => Object.values(operations).map((o) => o.operationId))
    expect(new Set(ids).size).toBe(ids.length)
  })
})
