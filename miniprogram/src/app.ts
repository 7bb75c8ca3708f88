import type { PropsWithChildren } from 'react'
import { installOfflineShell } from './lib/offline-shell'
import { privacyGate } from './lib/privacy'
import { labelTabBar } from './lib/tab-bar-landmark'

import './app.css'

// WeChat asks for the privacy authorization when a private API is first used (choosing photos);
// the page on screen shows the sheet (components/privacy-sheet.weapp.tsx). Nothing in H5.
privacyGate.install()
// H5: the service worker that lets a reopened app start without a network (src/h5/sw.js).
installOfflineShell()
// H5: Taro's tab bar becomes the navigation landmark (lib/tab-bar-landmark.h5.ts).
labelTabBar()

function App({ children }: PropsWithChildren) {
  // children is the page being shown
  return children
}

export default App
