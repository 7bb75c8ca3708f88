import { defineConfig } from 'drizzle-kit'

// SQL migrations are generated from the schema into the top-level migrations/ folder and applied
// by one migrator at start-up, the same way to PGlite and PostgreSQL. Never `drizzle-kit push`.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema/index.ts',
  out: '../migrations',
  casing: 'snake_case',
})
