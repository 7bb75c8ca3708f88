import type { FastifyError } from 'fastify'
import fp from 'fastify-plugin'
import type { FieldError } from '@huxin/shared'
import { HttpError } from '../lib/http-errors'

interface AjvError {
  instancePath: string
  keyword: string
  params: Record<string, unknown>
  message?: string
}

const KEYWORD_MESSAGES: Record<string, (e: AjvError) => string> = {
  required: () => '必填',
  additionalProperties: () => '不认识的字段',
  type: (e) => `类型应为 ${String(e.params.type)}`,
  pattern: () => '格式不正确',
  format: () => '格式不正确',
  enum: () => '不在可选范围内',
  minLength: () => '不能为空',
  maxLength: (e) => `最多 ${String(e.params.limit)} 个字`,
  minimum: (e) => `不能小于 ${String(e.params.limit)}`,
  maximum: (e) => `不能大于 ${String(e.params.limit)}`,
  minItems: (e) => `至少 ${String(e.params.limit)} 项`,
  maxItems: (e) => `最多 ${String(e.params.limit)} 项`,
}

/** `/claimant/name` + missing `phone` → `claimant.phone`; prefixed by where it came from. */
function fieldOf(error: AjvError, context: string | undefined): string {
  const parts = error.instancePath.split('/').filter(Boolean)
  if (error.keyword === 'required') parts.push(String(error.params.missingProperty))
  if (error.keyword === 'additionalProperties') parts.push(String(error.params.additionalProperty))
  const path = parts.join('.')
  if (context === 'body' || context === undefined) return path || '(body)'
  return path ? `${context}.${path}` : context
}

export function toFieldErrors(validation: AjvError[], context: string | undefined): FieldError[] {
  const seen = new Set<string>()
  const details: FieldError[] = []
  for (const error of validation) {
    const field = fieldOf(error, context)
    if (seen.has(field)) continue // one message per field: the first is the most specific
    seen.add(field)
    const message = KEYWORD_MESSAGES[error.keyword]?.(error) ?? error.message ?? '无效'
    details.push({ field, message })
  }
  return details
}

const CLIENT_ERROR_CODES: Record<string, { code: string; message: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'INVALID_JSON', message: '请求内容不是有效的 JSON' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'EMPTY_BODY', message: '请求内容为空' },
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'PAYLOAD_TOO_LARGE', message: '提交的内容太大' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { code: 'UNSUPPORTED_MEDIA_TYPE', message: '不支持的内容类型' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { code: 'INVALID_CONTENT_LENGTH', message: '请求长度不正确' },
}

/** One error handler for the whole API: API.md's `{ error: { code, message, details? } }`. */
export default fp(
  async (app) => {
    app.setErrorHandler((error: FastifyError | HttpError, request, reply) => {
      if (error instanceof HttpError) {
        if (error.headers) reply.headers(error.headers)
        return reply.status(error.statusCode).send({
          error: { ...error.fields, code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) },
        })
      }
      if (error.validation) {
        return reply.status(400).send({
          error: {
            code: 'VALIDATION_FAILED',
            message: '填写的内容有误，请检查标出的项目',
            details: toFieldErrors(error.validation as AjvError[], error.validationContext),
          },
        })
      }
      const status = error.statusCode ?? 500
      if (status < 500) {
        const known = CLIENT_ERROR_CODES[error.code]
        return reply.status(status).send({
          error: { code: known?.code ?? error.code ?? 'BAD_REQUEST', message: known?.message ?? error.message },
        })
      }
      request.log.error({ err: error }, 'request failed')
      return reply.status(500).send({ error: { code: 'INTERNAL', message: '服务器开小差了，请稍后再试' } })
    })

    app.setNotFoundHandler((request, reply) =>
      reply.status(404).send({
        error: { code: 'NOT_FOUND', message: `没有这个地址：${request.method} ${request.url.split('?')[0] ?? ''}` },
      }),
    )
  },
  { name: 'error-handler' },
)
