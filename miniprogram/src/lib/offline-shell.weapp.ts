/** WeChat keeps the mini-program's package on the phone itself: nothing to install. */
export function installOfflineShell(): void {}
