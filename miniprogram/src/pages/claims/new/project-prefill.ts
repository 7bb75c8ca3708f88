/**
 * A claim started from a project's site sign (docs/projects.md): the QR code opens this page with
 * `?project=<id>` (H5) or `scene=p_<id without dashes>` (the mini-program code). The project's
 * public card (`GET /api/v1/projects/:id/public`, no sign-in) fills the employer (the general
 * contractor), its credit code, the project and the town, and the claim is sent with `projectId`
 * so it joins the project's group without the worker typing a company name.
 */
import Taro, { getCurrentInstance } from '@tarojs/taro'
import type { CreateClaimBody } from '@huxin/shared/schemas/claim'
import type { ProjectPublic } from '@huxin/shared/schemas/project'
import type { ClaimDraft } from './form-draft'

const STORAGE_KEY = 'huxin:claim-project:v1'
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

interface StoredProject {
  id: string
  name: string
}

/** The project id of the page's parameters: `project=<uuid>` or `scene=p_<32 hex>`. */
export function projectIdFromParams(params: Record<string, string | undefined>): string | undefined {
  const direct = params.project
  if (direct && UUID.test(direct)) return direct.toLowerCase()
  const scene = params.scene ? decodeURIComponent(params.scene) : ''
  const m = /^p_([0-9a-f]{32})$/i.exec(scene)
  if (!m) return undefined
  const h = m[1]!.toLowerCase()
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
}

/** The H5 hash route's query (`#/pages/claims/new/index?project=…`), when the router has none. */
function pageParams(): Record<string, string | undefined> {
  const params: Record<string, string | undefined> = { ...(getCurrentInstance().router?.params ?? {}) }
  if (typeof location !== 'undefined' && !params.project && !params.scene) {
    const query = location.hash.split('?')[1] ?? ''
    for (const part of query.split('&')) {
      const [k, v] = part.split('=')
      if (k) params[k] = v ? decodeURIComponent(v) : ''
    }
  }
  return params
}

/**
 * Reads the project of the page's parameters and fills the draft from its public card. A failed
 * read leaves the draft as it is: the worker can still type everything.
 */
export async function prefillFromProject(apply: (patch: Partial<ClaimDraft>) => void): Promise<void> {
  const id = projectIdFromParams(pageParams())
  if (!id) return
  try {
    const response = await Taro.request<ProjectPublic>({ url: `${HUXIN_API_BASE}/api/v1/projects/${id}/public`, method: 'GET', timeout: 20_000 })
    if (response.statusCode !== 200) return
    const project = response.data
    Taro.setStorageSync(STORAGE_KEY, { id: project.id, name: project.name } satisfies StoredProject)
    apply({
      employerName: project.generalContractor.name,
      employerCreditCode: project.generalContractor.creditCode ?? '',
      projectName: project.name,
      town: project.town,
    })
  } catch {
    // Offline or blocked: nothing prefilled.
  }
}

/** The claim body with `projectId` when it is still about the project the sign named. */
export function withProject(body: CreateClaimBody): CreateClaimBody {
  let stored: StoredProject | undefined
  try {
    stored = Taro.getStorageSync<StoredProject | ''>(STORAGE_KEY) || undefined
  } catch {
    stored = undefined
  }
  if (!stored || body.project?.name !== stored.name) return body
  return { ...body, projectId: stored.id }
}
