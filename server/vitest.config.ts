import { defineProject } from 'vitest/config'

export default defineProject({
  test: {
    name: 'server',
    include: ['test/**/*.test.ts'],
    // A fresh PGlite takes a few seconds to initialise on two cores.
    testTimeout: 120_000,
    hookTimeout: 240_000,
  },
})
