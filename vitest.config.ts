import { defineConfig } from 'vitest/config'

// One `vitest run` covers every workspace; each has its own project file.
export default defineConfig({
  test: {
    projects: ['shared', 'server', 'miniprogram', 'tests'],
  },
})
