import { defineProject } from 'vitest/config'

export default defineProject({
  test: {
    name: 'tests',
    include: ['browser/**/*.test.ts', 'reliability/**/*.test.ts', 'national/**/*.test.ts', 'production/**/*.test.ts', 'api/**/*.test.ts'],
    // These start real server processes and a real browser: one file at a time on two cores.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 240_000,
  },
})
