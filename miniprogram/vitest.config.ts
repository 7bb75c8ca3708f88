import { defineProject } from 'vitest/config'

// Unit tests of the mini-program's pure helpers (no Taro, no DOM): Node is enough.
export default defineProject({
  test: {
    name: 'miniprogram',
    include: ['test/**/*.test.ts'],
    environment: 'node',
  },
})
