// Where the browser tests find Chromium: CHROMIUM_PATH, else Debian's package, else Chrome.
// (npx playwright install cannot download browsers on our machines, so we use the system one.)
import { existsSync } from 'node:fs';

const candidates = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

export function chromiumPath() {
  if (process.env.CHROMIUM_PATH) return existsSync(process.env.CHROMIUM_PATH) ? process.env.CHROMIUM_PATH : null;
  return candidates.find((path) => existsSync(path)) ?? null;
}
