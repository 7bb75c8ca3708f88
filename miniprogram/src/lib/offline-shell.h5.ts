/**
 * H5: registers the service worker that keeps the app's shell for offline use (src/h5/sw.js,
 * served at /sw.js with scope /). Only over https or on localhost, as browsers require; a failure
 * changes nothing (the app works online as before).
 */
export function installOfflineShell(): void {
  if (typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return
  if (!window.isSecureContext) return
  const register = () => {
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => {})
  }
  // After the first screen has loaded: the worker's own downloads never compete with it.
  if (document.readyState === 'complete') register()
  else window.addEventListener('load', register, { once: true })
}
