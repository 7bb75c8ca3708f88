/**
 * Which functions are sign-in guards, so the API description can say which routes need a token
 * (plugins/openapi-description.ts) without each route repeating it. The auth module marks the
 * guards it builds (`authenticate`, `requireRole(...)`); a route is guarded when one of them is in
 * its own `onRequest`, `preValidation` or `preHandler`.
 */

/** The roles a guard admits; `undefined` for any signed-in user. */
export interface GuardMark {
  roles?: readonly string[]
}

const marks = new WeakMap<object, GuardMark>()

export function markGuard<F extends object>(guard: F, mark: GuardMark = {}): F {
  marks.set(guard, mark)
  return guard
}

function hooksOf(value: unknown): unknown[] {
  if (typeof value === 'function') return [value]
  return Array.isArray(value) ? value : []
}

/** The guard among a route's own hooks, if any. */
export function routeGuard(route: { onRequest?: unknown; preValidation?: unknown; preHandler?: unknown }): GuardMark | undefined {
  for (const hook of [...hooksOf(route.onRequest), ...hooksOf(route.preValidation), ...hooksOf(route.preHandler)]) {
    const mark = typeof hook === 'function' ? marks.get(hook) : undefined
    if (mark) return mark
  }
  return undefined
}
