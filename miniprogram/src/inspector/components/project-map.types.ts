/**
 * The inspectors' map of construction projects (inspector/projects; the list above it is the
 * complete alternative): `project-map.h5.tsx` draws the projects with a site on the Leaflet map of
 * the claim map (lib/leaflet-map, its CSS); `project-map.weapp.tsx` draws none (staff use H5).
 * Leaflet is imported only by the .h5 file, so it never reaches the weapp package.
 */
import type { Project } from '@huxin/shared/schemas/project'

export interface ProjectMapProps {
  projects: readonly Project[]
  /** The popup's "查看项目". */
  onOpen: (id: string) => void
}
