/**
 * Size budgets of the built apps. WeChat refuses a main package over 2 MB and a subpackage over
 * 2 MB; our budget keeps the main package at half that so features can grow. H5's budget is the
 * gzip size of the JS the first page load must fetch (the scripts in index.html).
 */
import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'

const KB = 1024
const MB = 1024 * KB
const dist = path.resolve(__dirname, '../../dist')

const BUDGET = {
  weappMainPackage: 1 * MB,
  weappSubpackage: 2 * MB,
  h5InitialJsGzip: 250 * KB,
}

function requireBuild(target: string, marker: string) {
  if (!fs.existsSync(path.join(dist, target, marker))) {
    throw new Error(`dist/${target} is missing: run \`npx taro build --type ${target}\` first`)
  }
}

function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((file) => path.join(dir, file))
    .filter((file) => fs.statSync(file).isFile())
}

const bytes = (files: string[]) => files.reduce((sum, file) => sum + fs.statSync(file).size, 0)
const format = (size: number) => (size >= MB ? `${(size / MB).toFixed(2)} MB` : `${(size / KB).toFixed(1)} KB`)

interface PackageSizes {
  main: number
  subpackages: Array<{ root: string; size: number }>
}

/** Splits a mini-program build into its main package and subpackages, as the host counts them. */
function miniPackageSizes(target: 'weapp' | 'dd'): PackageSizes {
  const dir = path.join(dist, target)
  const appJson = JSON.parse(fs.readFileSync(path.join(dir, 'app.json'), 'utf8')) as {
    subPackages?: Array<{ root: string }>
    subpackages?: Array<{ root: string }>
  }
  const roots = (appJson.subPackages ?? appJson.subpackages ?? []).map(({ root }) => root.replace(/\/$/, ''))
  const files = filesUnder(dir)
  const inRoot = (root: string) => (file: string) => path.relative(dir, file).startsWith(`${root}/`)
  return {
    main: bytes(files.filter((file) => !roots.some((root) => inRoot(root)(file)))),
    subpackages: roots.map((root) => ({ root, size: bytes(files.filter(inRoot(root))) })),
  }
}

function h5InitialScripts(): Array<{ file: string; raw: number; gzip: number }> {
  const dir = path.join(dist, 'h5')
  const html = fs.readFileSync(path.join(dir, 'index.html'), 'utf8')
  const sources = [...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((match) => match[1])
  return sources.map((source) => {
    const content = fs.readFileSync(path.join(dir, source.replace(/^\//, '')))
    return { file: source, raw: content.length, gzip: zlib.gzipSync(content, { level: 9 }).length }
  })
}

const rows: Array<{ artefact: string; size: string; budget: string }> = []

afterAll(() => {
  console.log(`Bundle sizes\n${formatTable(rows)}`)
})

function formatTable(table: typeof rows): string {
  const header = { artefact: 'artefact', size: 'size', budget: 'budget' }
  const all = [header, ...table]
  const width = (key: keyof typeof header) => Math.max(...all.map((row) => row[key].length))
  const line = (row: typeof header) =>
    `${row.artefact.padEnd(width('artefact'))}  ${row.size.padStart(width('size'))}  ${row.budget.padStart(width('budget'))}`
  return [line(header), '-'.repeat(line(header).length), ...table.map(line)].join('\n')
}

test('weapp: main package and every subpackage within budget', () => {
  requireBuild('weapp', 'app.json')
  const { main, subpackages } = miniPackageSizes('weapp')
  rows.push({ artefact: 'weapp main package', size: format(main), budget: format(BUDGET.weappMainPackage) })
  for (const { root, size } of subpackages) {
    rows.push({ artefact: `weapp ${root}`, size: format(size), budget: format(BUDGET.weappSubpackage) })
  }
  expect(subpackages.length).toBeGreaterThan(0)
  expect(main).toBeLessThanOrEqual(BUDGET.weappMainPackage)
  for (const { size } of subpackages) expect(size).toBeLessThanOrEqual(BUDGET.weappSubpackage)
})

test('dd: reported (DingTalk counts like WeChat; no separate budget yet)', () => {
  requireBuild('dd', 'app.json')
  const { main, subpackages } = miniPackageSizes('dd')
  rows.push({ artefact: 'dd main package', size: format(main), budget: '-' })
  for (const { root, size } of subpackages) rows.push({ artefact: `dd ${root}`, size: format(size), budget: '-' })
  expect(main).toBeGreaterThan(0)
})

test('h5: initial JS (scripts in index.html, gzip) within budget', () => {
  requireBuild('h5', 'index.html')
  const scripts = h5InitialScripts()
  expect(scripts.length).toBeGreaterThan(0)
  for (const { file, raw, gzip } of scripts) {
    rows.push({ artefact: `h5 ${file}`, size: `${format(raw)} (gzip ${format(gzip)})`, budget: '' })
  }
  const total = scripts.reduce((sum, { gzip }) => sum + gzip, 0)
  rows.push({ artefact: 'h5 initial JS, gzip', size: format(total), budget: format(BUDGET.h5InitialJsGzip) })
  expect(total).toBeLessThanOrEqual(BUDGET.h5InitialJsGzip)
})
