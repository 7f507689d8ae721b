/**
 * Mini-program hosts have no window, document or localStorage, and refuse to compile code at run
 * time (eval, new Function, Function(...)). The boot test only exercises the paths it drives;
 * this scans every emitted file of the mini-program builds for the rest.
 */
import fs from 'node:fs'
import path from 'node:path'
import { assertBuilt, distDirOf, type MiniPlatform } from './mini-host'

function jsFilesOf(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.js'))
    .map((file) => path.join(dir, file))
}

interface Finding {
  file: string
  match: string
  context: string
}

function findAll(files: string[], pattern: RegExp, distDir: string): Finding[] {
  const findings: Finding[] = []
  for (const file of files) {
    const source = fs.readFileSync(file, 'utf8')
    for (const match of source.matchAll(pattern)) {
      const at = match.index ?? 0
      findings.push({
        file: path.relative(distDir, file),
        match: match[0],
        context: source.slice(Math.max(0, at - 80), at + 60),
      })
    }
  }
  return findings
}

/**
 * webpack's own `__webpack_require__.g` helper: `if (typeof globalThis === 'object') return
 * globalThis; try { return this || new Function('return this')() } …`. Every host we target has
 * globalThis, so the Function branch never runs (and would only throw into its own catch).
 */
const WEBPACK_GLOBAL_SHIM = /typeof globalThis\)return globalThis;try\{return this\|\|new Function\("return this"\)\(\)\}/

/** A free `window.x` / `document.x` right after its own `typeof` check is a guard, not a use. */
function isGuarded(finding: Finding): boolean {
  const name = /window|document/.exec(finding.match)?.[0]
  return name !== undefined && new RegExp(`typeof ${name}[^;]{0,40}$`).test(finding.context.slice(0, 80))
}

describe.each<MiniPlatform>(['weapp', 'dd'])('%s bundle hygiene', (platform) => {
  const distDir = distDirOf(platform)
  let files: string[]

  beforeAll(() => {
    assertBuilt(platform)
    files = jsFilesOf(distDir)
  })

  test('compiles no code at run time (eval, new Function, Function(...))', () => {
    const evals = findAll(files, /(?<![\w$.])eval\s*\(/g, distDir)
    const functionConstructors = findAll(files, /(?<![\w$.])(?:new\s+)?Function\s*\(/g, distDir).filter(
      (finding) => !(finding.file === 'runtime.js' && WEBPACK_GLOBAL_SHIM.test(finding.context)),
    )
    expect(evals).toEqual([])
    expect(functionConstructors).toEqual([])
  })

  test('touches no window or document global directly', () => {
    // `(?<![\w$.])` skips property access: Taro's own DOM shim is reached as `x.window` / `x.document`.
    const findings = findAll(files, /(?<![\w$.'"])(?:window|document)\s*(?:\.|\[)/g, distDir)
    const guarded = findings.filter(isGuarded)
    if (guarded.length) console.log(`${platform}: guarded window/document uses`, guarded)
    expect(findings.filter((finding) => !isGuarded(finding))).toEqual([])
  })

  test('never mentions localStorage', () => {
    expect(findAll(files, /localStorage/g, distDir)).toEqual([])
  })

  test('carries none of TypeBox (the contract is imported for types only)', () => {
    expect(findAll(files, /TypeBox|@sinclair/g, distDir)).toEqual([])
  })

  test("takes this platform's adapter and no other", () => {
    const all = files.map((file) => fs.readFileSync(file, 'utf8')).join('\n')
    expect(all.includes('window.open')).toBe(false)
    expect(all.includes('getAuthCode')).toBe(platform === 'dd')
  })
})

test('the H5 build carries none of TypeBox either', () => {
  const distDir = path.resolve(__dirname, '../../dist/h5')
  if (!fs.existsSync(path.join(distDir, 'index.html'))) throw new Error('dist/h5 is missing: run `npx taro build --type h5` first')
  expect(findAll(jsFilesOf(distDir), /TypeBox|@sinclair/g, distDir)).toEqual([])
})
