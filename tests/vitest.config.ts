import { defineProject } from 'vitest/config'

export default defineProject({
  test: {
    name: 'tests',
    include: ['browser/**/*.test.ts', 'reliability/**/*.test.ts', 'national/**/*.test.ts', 'production/**/*.test.ts', 'api/**/*.test.ts'],
    // These start real server processes and a real browser: one file at a time on two cores.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 240_000,
    // A page answers when the server and the browser get the CPU: on a busy machine that is seconds,
    // not vitest's default of one. A poll that never comes true still fails, after 20 s.
    expect: { poll: { timeout: 20_000, interval: 100 } },
  },
})
