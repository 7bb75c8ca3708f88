// The import specifiers of compiled JavaScript (server/dist, shared/dist): rewritten after `tsc` so
// that plain Node resolves them, and checked against the workspaces' package.json `dependencies` so
// that `npm ci --omit=dev` leaves everything the built server imports installed.
//
// The source is written for a bundler-style resolver (`./app`, `@huxin/shared` pointing at .ts
// files). Node's ESM loader wants exact files, so each relative specifier becomes the emitted file
// (`./app.js`, `./modules/x/index.js`), and `@huxin/shared[/sub]` becomes
// `@huxin/shared/dist/…js` (shared's package.json exports `./dist/*` for this). Specifiers are found
// with TypeScript's own scanner (`ts.preProcessFile`: static imports, re-exports, dynamic
// `import('…')` and `require('…')` with literal arguments), never by a text search.
import { builtinModules } from 'node:module'
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import ts from 'typescript'

const SHARED = '@huxin/shared'

/** Every `.js` file under `dir`. */
export function jsFiles(dir) {
  const out = []
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name)
    if (entry.isDirectory()) out.push(...jsFiles(file))
    else if (entry.name.endsWith('.js')) out.push(file)
  }
  return out.sort()
}

/** The module specifiers of one JavaScript text, with their positions (`require.resolve('x')` too). */
export function specifiersOf(text) {
  const found = ts.preProcessFile(text, true, true).importedFiles.map((f) => {
    // `pos` is where the string literal's token starts (its quote, or whitespace before it).
    const pos = text.indexOf(f.fileName, f.pos)
    return { name: f.fileName, pos, end: pos + f.fileName.length }
  })
  // createRequire(...).resolve('pkg/file'): a package the code needs at run time (the PDF font).
  for (const match of text.matchAll(/\brequire\.resolve\(\s*(['"])([^'"]+)\1/g)) {
    const pos = match.index + match[0].length - match[2].length - 1
    found.push({ name: match[2], pos, end: pos + match[2].length })
  }
  return found
}

function isBuiltin(name) {
  return name.startsWith('node:') || builtinModules.includes(name) || builtinModules.includes(name.split('/')[0])
}

/** `@scope/name/sub` → `@scope/name`; `name/sub` → `name`. */
export function packageName(specifier) {
  const parts = specifier.split('/')
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]
}

/** The emitted file a relative specifier names: `x.js`, `x/index.js`, or the file itself. */
function resolveRelative(fromFile, specifier) {
  const base = path.resolve(path.dirname(fromFile), specifier)
  for (const candidate of [base, `${base}.js`, path.join(base, 'index.js')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate
  }
  return undefined
}

function relativeSpecifier(fromFile, target) {
  const rel = path.relative(path.dirname(fromFile), target).split(path.sep).join('/')
  return rel.startsWith('.') ? rel : `./${rel}`
}

/**
 * Rewrites the specifiers of every `.js` file under `dir` in place. Throws, naming the file, on a
 * relative specifier that names no emitted file.
 */
export function rewriteDistImports(dir) {
  let rewritten = 0
  for (const file of jsFiles(dir)) {
    const text = readFileSync(file, 'utf8')
    const edits = []
    for (const { name, pos, end } of specifiersOf(text)) {
      let next = name
      if (name.startsWith('.')) {
        const target = resolveRelative(file, name)
        if (!target) throw new Error(`${file}: "${name}" names no compiled file`)
        next = relativeSpecifier(file, target)
      } else if (name === SHARED) {
        next = `${SHARED}/dist/index.js`
      } else if (name.startsWith(`${SHARED}/`) && !name.startsWith(`${SHARED}/dist/`)) {
        next = `${SHARED}/dist/${name.slice(SHARED.length + 1)}.js`
      }
      if (next !== name) edits.push({ pos, end, next })
    }
    if (edits.length === 0) continue
    let out = text
    for (const { pos, end, next } of edits.sort((a, b) => b.pos - a.pos)) out = out.slice(0, pos) + next + out.slice(end)
    writeFileSync(file, out)
    rewritten += edits.length
  }
  return rewritten
}

/**
 * Walks the import graph of compiled workspaces from their entry files. `workspaces` maps a
 * workspace's directory (holding package.json and dist/) to its entry files. Returns problems:
 * a relative import naming no file, a package the importing workspace does not list under
 * `dependencies` (a devDependency, or one merely hoisted from another package), or an import of
 * a workspace that leaves its dist/. Packages are checked at the project's boundary: their own
 * dependencies are theirs (npm installs a production dependency's dependencies).
 */
export function checkDistImports(workspaces) {
  const byDir = new Map()
  const nameToDir = new Map()
  for (const dir of Object.keys(workspaces)) {
    const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'))
    byDir.set(path.resolve(dir), pkg)
    nameToDir.set(pkg.name, path.resolve(dir))
  }
  const ownerOf = (file) => [...byDir.keys()].find((dir) => file.startsWith(dir + path.sep))
  const problems = []
  const seen = new Set()
  const queue = Object.values(workspaces).flat().map((f) => path.resolve(f))
  for (const entry of queue) if (!existsSync(entry)) problems.push(`entry ${entry} does not exist`)
  while (queue.length > 0) {
    const file = queue.pop()
    if (seen.has(file) || !existsSync(file)) continue
    seen.add(file)
    const owner = ownerOf(file)
    const pkg = byDir.get(owner)
    for (const { name } of specifiersOf(readFileSync(file, 'utf8'))) {
      if (name.startsWith('.')) {
        const target = path.resolve(path.dirname(file), name)
        if (!existsSync(target)) problems.push(`${path.relative(owner, file)}: "${name}" names no file`)
        else if (target.endsWith('.js')) queue.push(target)
        continue
      }
      if (isBuiltin(name)) continue
      const dep = packageName(name)
      const declared = pkg.dependencies?.[dep] !== undefined
      if (!declared) {
        const where = pkg.devDependencies?.[dep] !== undefined ? 'a devDependency of' : 'not a dependency of'
        problems.push(`${path.relative(owner, file)}: imports "${name}", ${where} ${pkg.name}`)
        continue
      }
      const workspaceDir = nameToDir.get(dep)
      if (workspaceDir) {
        // Another workspace: only its compiled files, and follow them.
        const sub = name.slice(dep.length + 1)
        if (!sub.startsWith('dist/') || !sub.endsWith('.js')) {
          problems.push(`${path.relative(owner, file)}: imports "${name}", not a compiled file of ${dep}`)
          continue
        }
        queue.push(path.join(workspaceDir, sub))
      }
    }
  }
  return { problems, files: seen.size }
}

/** The built programs: what production starts (package.json start:prod, worker:prod, docs/deploy.md). */
export const SERVER_ENTRY_POINTS = ['server.js', 'worker.js', 'cli/user-create.js', 'cli/sim-national.js', 'cli/demo-seed-year.js', 'cli/backup.js', 'cli/restore.js', 'cli/storage-sweep.js']

/** `checkDistImports` of this repository's build: server/dist from its entry points, with shared/dist. */
export function checkBuiltServer(root) {
  return checkDistImports({
    [path.join(root, 'server')]: SERVER_ENTRY_POINTS.map((entry) => path.join(root, 'server', 'dist', entry)),
    [path.join(root, 'shared')]: [path.join(root, 'shared', 'dist', 'index.js')],
  })
}
