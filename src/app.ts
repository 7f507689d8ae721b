import type { PropsWithChildren } from 'react'
import { useLaunch } from '@tarojs/taro'
import { getValidSession, useSessionStore } from './shared/session/session-store'
// NutUI's design tokens (CSS variables on :root / page), then our overrides.
import '@nutui/nutui-react-taro/dist/styles/themes/default.css'
import './app.scss'

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    // An expired token is useless and would be sent with every request until the next login.
    if (!getValidSession()) useSessionStore.getState().signOut()
    // The redirect to the login page is left to the page's own session guard, which runs once
    // the first page has mounted: a reLaunch issued here, while the H5 router is still mounting
    // pages[0], leaves that page stacked on top of the login page (a blank screen).
  })
  return children
}

export default App
