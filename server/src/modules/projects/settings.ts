/** The projects module's settings come from the configuration (config-projects.ts). */
import type { ProjectsConfig } from '../../config-projects'

export type ProjectSettings = ProjectsConfig

/** The H5 address the sign's QR code encodes (API.md: `/#/pages/claims/new/index?project=<id>`). */
export function signUrl(settings: ProjectSettings, projectId: string): string {
  return `${settings.h5BaseUrl}/#/pages/claims/new/index?project=${projectId}`
}
