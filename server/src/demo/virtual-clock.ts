/**
 * A clock the demo moves through a past year: while installed, `new Date()` and `Date.now()` read
 * the virtual time (the real clock plus an offset), so the API's own services stamp the rows they
 * write (filed, accepted, events, deadlines) on the demo's days. Dates built from a value are
 * untouched. Only for the demo loader (server/src/demo/seed-year.ts) in its own process or test
 * worker; `uninstall()` puts the real clock back.
 */
const RealDate = Date

export interface VirtualClock {
  /** From now on, the time reads `at` (and runs on from there). */
  set(at: Date | number): void
  uninstall(): void
}

export function installVirtualClock(): VirtualClock {
  let offset = 0
  class VirtualDate extends RealDate {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(RealDate.now() + offset)
      else super(...(args as [string | number | Date]))
    }

    static override now(): number {
      return RealDate.now() + offset
    }
  }
  globalThis.Date = VirtualDate as DateConstructor
  return {
    set(at) {
      offset = (typeof at === 'number' ? at : at.getTime()) - RealDate.now()
    },
    uninstall() {
      globalThis.Date = RealDate
    },
  }
}
