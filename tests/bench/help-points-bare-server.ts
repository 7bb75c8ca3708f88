/**
 * The yardstick for `GET /api/v1/help-points/nearby`: bare Fastify with the same GiST KNN SQL
 * (nearest 5 by help_point_geo, with earth_distance) through a pg Pool(10), nothing else — no
 * query-string validation, no openNow, no GCJ-02, no channels, a plain JSON reply.
 */
import Fastify from 'fastify'
import pg from 'pg'

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 })
const KNN = `select id, name, kind, lat, lng, earth_distance(help_point_geo(lat, lng), help_point_geo($1, $2)) as distance_m
  from help_points where lat is not null order by help_point_geo(lat, lng) <-> help_point_geo($1, $2) limit 5`

const app = Fastify({ logger: false })
app.get('/nearby', async (request) => {
  const query = request.query as { lat?: string; lng?: string }
  const { rows } = await pool.query({ name: 'knn', text: KNN, values: [Number(query.lat), Number(query.lng)] })
  return { items: rows }
})
app.get('/healthz', async () => ({ ok: true }))
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' })
process.on('SIGTERM', () => void app.close().then(() => pool.end()).then(() => process.exit(0)))
