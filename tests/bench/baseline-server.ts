/**
 * The yardstick for `POST /api/v1/claims`: bare Fastify with a TypeBox body and one INSERT of one
 * row through a pg Pool(10), nothing else (no auth, no idempotency, no PII, no events).
 */
import { type TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import Fastify from 'fastify'
import pg from 'pg'
import Type from 'typebox'

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 })
await pool.query(
  'create table if not exists bench_rows (id bigserial primary key, name text not null, amount_fen bigint not null, town text not null, created_at timestamptz not null default now())',
)

const app = Fastify({ logger: false }).withTypeProvider<TypeBoxTypeProvider>()
app.post(
  '/rows',
  {
    schema: {
      body: Type.Object({ name: Type.String({ minLength: 1 }), amountFen: Type.Integer({ minimum: 1 }), town: Type.String() }),
      response: { 201: Type.Object({ id: Type.String() }) },
    },
  },
  async (request, reply) => {
    const { rows } = await pool.query<{ id: string }>(
      'insert into bench_rows (name, amount_fen, town) values ($1, $2, $3) returning id',
      [request.body.name, request.body.amountFen, request.body.town],
    )
    return reply.status(201).send({ id: String(rows[0]?.id) })
  },
)
app.get('/healthz', async () => ({ ok: true }))
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' })
process.on('SIGTERM', () => void app.close().then(() => pool.end()).then(() => process.exit(0)))
