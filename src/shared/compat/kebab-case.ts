/**
 * Stands in for `lodash.kebabcase`, which NutUI's ConfigProvider uses to turn theme keys
 * (`nutuiColorPrimary`) into CSS variable names. The lodash build finds its global object with a
 * `Function('return this')()` fallback, which mini-programs forbid, and carries ~5 KB of Unicode
 * word tables that theme keys never need. config/index.ts aliases the package to this file.
 */
export default function kebabCase(input: unknown): string {
  return String(input ?? '')
    .replace(/([a-z\d])([A-Z])/g, '$1-$2')
    .replace(/([A-Z]+)([A-Z][a-z\d]+)/g, '$1-$2')
    .replace(/([a-zA-Z])(\d)/g, '$1-$2')
    .split(/[^a-zA-Z\d]+/)
    .filter(Boolean)
    .join('-')
    .toLowerCase()
}
