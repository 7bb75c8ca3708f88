/** Pages of the inspector subpackage (app.config.ts `subPackages`, root `inspector`). */
export const INSPECTOR_PAGES = {
  login: '/inspector/login/index',
  triage: '/inspector/triage/index',
  claim: '/inspector/claim/index',
  accounts: '/inspector/accounts/index',
  dashboard: '/inspector/dashboard/index',
  sync: '/inspector/sync/index',
  map: '/inspector/map/index',
  projects: '/inspector/projects/index',
  intake: '/inspector/intake/index',
  employers: '/inspector/employers/index',
} as const

export const inspectorClaimUrl = (id: string) => `${INSPECTOR_PAGES.claim}?id=${encodeURIComponent(id)}`
