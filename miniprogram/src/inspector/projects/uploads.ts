/**
 * The projects page's CSV uploads and the sign download (H5: staff work on a desktop browser).
 * The API takes CSV as a raw `text/csv` body and answers line errors as `{ errors: [{ line,
 * field, message }] }`; the JSON client (api/client.ts) sends JSON only, so these use fetch with
 * the staff session's token (refreshed first when expired).
 */
import { staffApi } from '../api'

export interface UploadOutcome {
  ok: boolean
  message: string
}

interface LineError {
  line: number
  field: string
  message: string
}

async function bearer(): Promise<Record<string, string>> {
  const token = await staffApi.session.validAccessToken()
  return token ? { authorization: `Bearer ${token}` } : {}
}

/** POSTs CSV text; the answer in words (how many rows, or every line error). */
export async function postCsv(path: string, csv: string, done: (json: Record<string, unknown>) => string): Promise<UploadOutcome> {
  try {
    const response = await fetch(`${HUXIN_API_BASE}${path}`, {
      method: 'POST',
      headers: { ...(await bearer()), 'content-type': 'text/csv' },
      body: csv,
    })
    const json = (await response.json().catch(() => ({}))) as Record<string, unknown> & { errors?: LineError[]; error?: { message?: string } }
    if (response.ok) return { ok: true, message: done(json) }
    const lines = (json.errors ?? []).map((e) => `第 ${e.line} 行 ${e.field}：${e.message}`)
    return { ok: false, message: [json.error?.message ?? `上传失败（${response.status}）`, ...lines].join('\n') }
  } catch {
    return { ok: false, message: '网络异常，请重试' }
  }
}

/** Fetches the sign PDF with the token and gives a blob: URL to open or print. */
export async function signPdfUrl(projectId: string): Promise<string> {
  const response = await fetch(`${HUXIN_API_BASE}/api/v1/projects/${encodeURIComponent(projectId)}/sign.pdf`, { headers: await bearer() })
  if (!response.ok) throw new Error(`sign ${response.status}`)
  return URL.createObjectURL(await response.blob())
}
