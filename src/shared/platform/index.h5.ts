import type { PlatformAdapter } from './platform-adapter'

export type { PlatformAdapter }

export const platformAdapter: PlatformAdapter = {
  platform: 'h5',
  // A browser has no host identity; H5 users log in with the unified identity or a password.
  hostLogin: null,
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
  async getHostCredential() {
    return null
  },
  async getWeRunData() {
    return { status: 'unsupported' }
  },
  async openAuthRedirect(url) {
    // A full page load: the IdP's login page must own the tab, and it comes back with a redirect.
    window.location.assign(url)
  },
}
