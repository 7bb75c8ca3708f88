import { describe, expect, it } from 'vitest'
import { ApiError, apiErrorFromResponse, NETWORK_ERROR_CODE, networkError, parseRetryAfter, readHeader } from '../src/api/errors'

describe('apiErrorFromResponse', () => {
  it('carries status, code, message and field details of an ErrorResponse', () => {
    const error = apiErrorFromResponse(400, {
      error: {
        code: 'VALIDATION_FAILED',
        message: '输入有误',
        details: [{ field: 'claimant.name', message: '请填写姓名' }],
      },
    })
    expect(error).toBeInstanceOf(ApiError)
    expect(error).toBeInstanceOf(Error)
    expect(error.status).toBe(400)
    expect(error.code).toBe('VALIDATION_FAILED')
    expect(error.message).toBe('输入有误')
    expect(error.details).toEqual([{ field: 'claimant.name', message: '请填写姓名' }])
    expect(error.isNetworkError).toBe(false)
  })

  it('still gives a usable error for a body that is not an ErrorResponse', () => {
    const fromHtml = apiErrorFromResponse(502, '<html>Bad Gateway</html>')
    expect(fromHtml.code).toBe('HTTP_502')
    expect(fromHtml.message).toContain('502')
    expect(fromHtml.details).toEqual([])
    expect(apiErrorFromResponse(500, null).code).toBe('HTTP_500')
  })

  it('drops malformed details instead of failing', () => {
    const error = apiErrorFromResponse(400, {
      error: { code: 'X', message: 'y', details: [{ field: 'a' }, 'b', { field: 'c', message: 'd' }] },
    })
    expect(error.details).toEqual([{ field: 'c', message: 'd' }])
  })

  it('keeps the error object’s other fields', () => {
    const claim = { id: 'c1', reference: 'JK-20261128-0001' }
    const error = apiErrorFromResponse(422, { error: { code: 'IDEMPOTENCY_KEY_REUSED', message: 'x', claim } })
    expect(error.fields).toEqual({ claim })
    expect(apiErrorFromResponse(500, null).fields).toEqual({})
    expect(new ApiError(409, 'X', 'y').fields).toEqual({})
  })
})

describe('networkError', () => {
  it('has code NETWORK and status 0, keeping the cause', () => {
    const cause = new TypeError('Failed to fetch')
    const error = networkError(cause)
    expect(error.code).toBe(NETWORK_ERROR_CODE)
    expect(error.status).toBe(0)
    expect(error.isNetworkError).toBe(true)
    expect(error.cause).toBe(cause)
  })
})

describe('retry-after', () => {
  it('reads seconds or an HTTP date from the header, whatever its case', () => {
    const error = apiErrorFromResponse(429, { error: { code: 'RATE_LIMITED', message: 'x' } }, { 'Retry-After': '30' })
    expect(error.retryAfterSeconds).toBe(30)
    expect(apiErrorFromResponse(429, null).retryAfterSeconds).toBeUndefined()
    expect(readHeader({ 'retry-after': 5 }, 'Retry-After')).toBe('5')
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:10 GMT', Date.UTC(2015, 9, 21, 7, 28, 0))).toBe(10)
    expect(parseRetryAfter('soon')).toBeUndefined()
  })

  it('parses an error body that arrived as text (uploads)', () => {
    const error = apiErrorFromResponse(413, '{"error":{"code":"PAYLOAD_TOO_LARGE","message":"文件太大"}}')
    expect(error.code).toBe('PAYLOAD_TOO_LARGE')
    expect(apiErrorFromResponse(502, '<html>').code).toBe('HTTP_502')
  })
})
