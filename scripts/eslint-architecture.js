// @ts-check
/**
 * HuXin's house rules (docs/architecture.md), checked by ESLint on every file of server/src:
 * - module-boundaries: a module imports another module only through its index.ts; only the
 *   composition root (app.ts) imports a module's plugin.ts; inside a module, nothing but the
 *   plugin imports a route file, and no service, repository or index imports the plugin.
 * - queries-in-repositories: the table objects of db/schema, drizzle-orm's query builders and the
 *   raw-statement helpers are imported (as values) only by a module's repository and by db/.
 * Paths are worked out from the file's own path, so a fixture linted under a made-up name is
 * judged exactly like a real file.
 */
import path from 'node:path'

const SRC = path.join('server', 'src')

/** `server/src/…` relative path of a file, or undefined outside server/src. */
function srcRelative(filename, cwd) {
  const rel = path.relative(cwd, filename).split(path.sep).join('/')
  const at = rel.indexOf('server/src/')
  return at === -1 ? undefined : rel.slice(at + 'server/src/'.length)
}

/** Where a relative import lands, as a `server/src`-relative path without extension. */
function targetOf(fromRel, source) {
  if (!source.startsWith('.')) return undefined
  const joined = path.posix.normalize(path.posix.join(path.posix.dirname(fromRel), source))
  return joined.replace(/\.(ts|js)$/, '')
}

const moduleOf = (rel) => /^modules\/([^/]+)\//.exec(rel + '/')?.[1]
const insideModule = (rel) => /^modules\/[^/]+\/(.+)$/.exec(rel)?.[1]
const isRouteFile = (inner) => inner === 'routes' || inner.endsWith('-routes') || inner.startsWith('routes/')
const isRepository = (rel) => /(^|\/)repository(\/[^/]+)?(\.ts)?$/.test(rel.replace(/\.ts$/, ''))

function importsOf(node) {
  // import … from, export … from, import('…')
  if (node.type === 'ImportExpression') return node.source.type === 'Literal' ? String(node.source.value) : undefined
  return node.source ? String(node.source.value) : undefined
}

function isTypeOnly(node) {
  if (node.type === 'ImportDeclaration') {
    if (node.importKind === 'type') return true
    return node.specifiers.length > 0 && node.specifiers.every((s) => s.type === 'ImportSpecifier' && s.importKind === 'type')
  }
  if (node.type === 'ExportNamedDeclaration' || node.type === 'ExportAllDeclaration') return node.exportKind === 'type'
  return false
}

/** @type {import('eslint').Rule.RuleModule} */
const moduleBoundaries = {
  meta: {
    type: 'problem',
    docs: { description: 'modules meet only through their index.ts; plugins and routes stay at the edge' },
    messages: {
      internals: "'{{source}}' reaches into the {{module}} module's internals: import '{{module}}/index' instead",
      plugin: "Only app.ts registers a module's plugin ('{{source}}')",
      route: "'{{source}}' is a route file: only the module's plugin.ts registers routes",
    },
    schema: [],
  },
  create(context) {
    const self = srcRelative(context.filename, context.cwd)
    if (!self) return {}
    const selfNoExt = self.replace(/\.ts$/, '')
    const selfModule = moduleOf(selfNoExt)
    const selfInner = insideModule(selfNoExt)
    const check = (node) => {
      const source = importsOf(node)
      if (!source) return
      const target = targetOf(selfNoExt, source)
      if (!target) return
      const targetModule = moduleOf(target)
      const inner = insideModule(target)
      if (targetModule && targetModule !== selfModule) {
        if (inner === 'plugin') {
          if (selfNoExt !== 'app') context.report({ node, messageId: 'plugin', data: { source } })
          return
        }
        if (inner !== undefined && inner !== 'index') {
          context.report({ node, messageId: 'internals', data: { source, module: targetModule } })
        }
        return
      }
      if (targetModule && targetModule === selfModule && selfInner !== undefined && selfInner !== 'plugin' && inner !== undefined) {
        if (inner === 'plugin') context.report({ node, messageId: 'plugin', data: { source } })
        else if (isRouteFile(inner) && !isRouteFile(selfInner)) context.report({ node, messageId: 'route', data: { source } })
      }
    }
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check }
  },
}

const QUERY_SOURCES = [/^drizzle-orm(\/.*)?$/, /(^|\/)db\/schema(\/.*)?$/, /(^|\/)db\/raw$/, /(^|\/)db\/prepared$/, /(^|\/)db\/rows$/]

/** @type {import('eslint').Rule.RuleModule} */
const queriesInRepositories = {
  meta: {
    type: 'problem',
    docs: { description: "only a module's repository (and db/) builds or runs queries" },
    messages: {
      query: "'{{source}}' builds or runs queries: move the query into the module's repository.ts",
    },
    schema: [],
  },
  create(context) {
    const self = srcRelative(context.filename, context.cwd)
    if (!self) return {}
    const selfNoExt = self.replace(/\.ts$/, '')
    if (selfNoExt.startsWith('db/') || isRepository(selfNoExt)) return {}
    const check = (node) => {
      const source = importsOf(node)
      if (!source || isTypeOnly(node)) return
      const resolved = source.startsWith('.') ? targetOf(selfNoExt, source) : source
      if (resolved && QUERY_SOURCES.some((re) => re.test(resolved))) context.report({ node, messageId: 'query', data: { source } })
    }
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check }
  },
}

export default { rules: { 'module-boundaries': moduleBoundaries, 'queries-in-repositories': queriesInRepositories } }
export { SRC }
