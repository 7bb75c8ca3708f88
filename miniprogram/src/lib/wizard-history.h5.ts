import type { WizardHistory } from './wizard-history.types'

const KEY = 'hxWizardStep'

function stateStep(state: unknown): number | undefined {
  if (typeof state !== 'object' || state === null) return undefined
  const value = (state as Record<string, unknown>)[KEY]
  return typeof value === 'number' ? value : undefined
}

/** The steps of the entries this page pushed, oldest first (the top is the entry shown). */
const stack: number[] = []

/**
 * H5: one history entry per step (see wizard-history.types.ts). The step is kept in the entry's
 * state beside the router's own, so the URL never changes and a reload lands on the same entry.
 */
export const wizardHistory: WizardHistory = {
  shown(step) {
    const current = stateStep(window.history.state)
    if (current === step) return
    const state = { ...(window.history.state as object | null), [KEY]: step }
    if (current === undefined) {
      window.history.replaceState(state, '')
      stack.splice(0, stack.length, step)
    } else {
      window.history.pushState(state, '')
      if (stack.length === 0) stack.push(current)
      stack.push(step)
    }
  },
  listen(onBack) {
    const handler = (event: PopStateEvent) => {
      const step = stateStep(event.state)
      if (step === undefined) return
      // Ours: the router must not see a step change as leaving the page.
      event.stopImmediatePropagation()
      if (stack.length > 1 && stack[stack.length - 2] === step) stack.pop()
      onBack(step)
    }
    // Capture: at the window, capturing listeners run before the router's bubbling one.
    window.addEventListener('popstate', handler, true)
    return () => window.removeEventListener('popstate', handler, true)
  },
  back(current, target) {
    if (stack.length < 2 || stack[stack.length - 1] !== current || stack[stack.length - 2] !== target) return false
    if (stateStep(window.history.state) !== current) return false
    window.history.back()
    return true
  },
}
