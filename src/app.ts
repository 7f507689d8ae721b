import type { PropsWithChildren } from 'react'
import { useLaunch } from '@tarojs/taro'
import { getUsableSession, useSessionStore } from './shared/session/session-store'
// NutUI's design tokens (CSS variables on :root / page), then our overrides.
import '@nutui/nutui-react-taro/dist/styles/themes/default.css'
import './app.scss'

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    // A session whose refresh token has expired cannot be renewed; forget it. (An expired access
    // token alone is fine: the HTTP client renews it before the first request.)
    if (!getUsableSession()) useSessionStore.getState().signOut()
    // Getting a session (silent login on mini-programs, the login page on H5) is left to the
    // first page's session guard, which runs once that page has mounted: a reLaunch issued here,
    // while the H5 router is still mounting pages[0], leaves that page stacked on top of the
    // login page (a blank screen).
  })
  return children
}

export default App
