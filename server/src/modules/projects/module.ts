import type { FontLoader } from '../../lib/pdf/font'
import type { ProjectDeps } from './service'

/** What the projects routes are built from (plugin.ts). */
export interface ProjectModule {
  deps: ProjectDeps
  fonts: FontLoader
}
