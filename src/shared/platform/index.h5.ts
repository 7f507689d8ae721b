import type { PlatformAdapter } from './platform-adapter'

export type { PlatformAdapter }

export const platformAdapter: PlatformAdapter = {
  platform: 'h5',
  async openLink(url) {
    const opened = window.open(url, '_blank')
    // A pop-up blocker returns null; the same tab still gets the user there.
    if (!opened) {
      window.location.assign(url)
      return
    }
    // The campus app must not be reachable (and redirectable) from the page it opened.
    opened.opener = null
  },
  // A browser has no host identity; H5 users log in with the campus account.
  async getLoginCode() {
    return null
  },
}
