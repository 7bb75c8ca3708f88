import { describe, expect, it } from 'vitest'
import { BboxQuery, ClaimMapQuery } from '@huxin/shared'
import { parseBbox } from '../../src/lib/bbox'
import { HttpError } from '../../src/lib/http-errors'

/** The order `parseBbox` reads, as the API's descriptions must state it. */
const ORDER = 'minLng,minLat,maxLng,maxLat'

describe('bbox parsing and its documentation', () => {
  it('reads west,south,east,north', () => {
    expect(parseBbox('119.9,31.6,120.2,31.9')).toEqual({ minLng: 119.9, minLat: 31.6, maxLng: 120.2, maxLat: 31.9 })
  })

  it('refuses latitudes first (south,west,north,east) with a 400 naming the field', () => {
    let error: unknown
    try {
      parseBbox('31.6,119.9,31.9,120.2')
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(HttpError)
    expect((error as HttpError).statusCode).toBe(400)
    expect(JSON.stringify((error as HttpError).details)).toContain('querystring.bbox')
  })

  it('the help-point and claim-map query descriptions name the order the parser reads', () => {
    const described = (schema: unknown) => (schema as { description?: string }).description
    expect(described(BboxQuery.properties.bbox)).toMatch(new RegExp(`^${ORDER}\\b`))
    expect(described(ClaimMapQuery.properties.bbox)).toMatch(new RegExp(`^${ORDER}\\b`))
    expect(described(ClaimMapQuery.properties.bbox)).not.toMatch(/south,west/)
  })
})
