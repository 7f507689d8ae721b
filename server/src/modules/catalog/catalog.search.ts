/**
 * The in-memory search index of the catalog: pinyin is computed once per service when the
 * catalog is (re)loaded (pinyin-pro), never per request. A query is matched against the name
 * (Chinese substring, full pinyin, pinyin initials), then keywords, then category / department.
 */
import { pinyin } from 'pinyin-pro';
import type { CatalogEntry } from './catalog.repository';

export const SCORE = {
  exactName: 100,
  namePrefix: 90,
  nameSubstring: 80,
  namePinyin: 70,
  keyword: 60,
  categoryOrDepartment: 50,
} as const;

/** Per character of a text: its pinyin syllable (or the lower-cased character itself) and its initial. */
interface PinyinText {
  syllables: string[];
  /** initials joined: one letter (or character) per character of the text */
  initials: string;
  /** syllables joined, for plain substring checks on keywords etc. */
  full: string;
}

export interface IndexedEntry {
  entry: CatalogEntry;
  nameLower: string;
  name: PinyinText;
  keywordsLower: string[];
  keywords: PinyinText[];
  /** category name and department */
  others: string[];
  othersPinyin: PinyinText[];
}

export interface SearchHit {
  entry: CatalogEntry;
  score: number;
  ranges: [number, number][];
}

function toPinyin(text: string): PinyinText {
  const chars = pinyin(text, { type: 'all', toneType: 'none', v: true });
  const syllables = chars.map((c) => (c.isZh && c.pinyin ? c.pinyin : c.origin).toLowerCase());
  const initials = chars.map((c) => (c.isZh && c.first ? c.first : c.origin).toLowerCase()).join('');
  return { syllables, initials, full: syllables.join('') };
}

export function indexEntry(entry: CatalogEntry, categoryName: string): IndexedEntry {
  const others = [categoryName, entry.department].filter(Boolean);
  return {
    entry,
    nameLower: entry.name.toLowerCase(),
    name: toPinyin(entry.name),
    keywordsLower: entry.keywords.map((keyword) => keyword.toLowerCase()),
    keywords: entry.keywords.map(toPinyin),
    others: others.map((text) => text.toLowerCase()),
    othersPinyin: others.map(toPinyin),
  };
}

/** Normalises a query: trimmed, lower case; `pinyin` is set when it is letters only (spaces / ' removed). */
export function normaliseQuery(q: string): { text: string; pinyin: string | null } {
  const text = q.trim().toLowerCase();
  const compact = text.replace(/[\s']+/g, '');
  return { text, pinyin: /^[a-z]+$/.test(compact) ? compact : null };
}

/**
 * Full pinyin from a character on: whole syllables, the last one possibly cut short
 * (`baox` → 报修). Returns the number of characters covered, or 0.
 */
function fullPinyinAt(syllables: string[], start: number, query: string): number {
  let rest = query;
  for (let i = start; i < syllables.length; i += 1) {
    const syllable = syllables[i]!;
    if (rest.startsWith(syllable)) {
      rest = rest.slice(syllable.length);
      if (rest === '') return i - start + 1;
    } else if (syllable.startsWith(rest)) {
      return i - start + 1;
    } else {
      return 0;
    }
  }
  return 0;
}

/** Where the query matches the pinyin of a text: [start, end) in characters, or null. */
function pinyinMatch(text: PinyinText, query: string): [number, number] | null {
  const initial = text.initials.indexOf(query);
  // a single letter is only an initial, never a full-pinyin search
  if (initial >= 0) return [initial, initial + query.length];
  if (query.length < 2) return null;
  for (let start = 0; start < text.syllables.length; start += 1) {
    const covered = fullPinyinAt(text.syllables, start, query);
    if (covered > 0) return [start, start + covered];
  }
  return null;
}

/** Character offsets of a substring match (code points, as the client slices Array.from(name)). */
function charRange(haystack: string, at: number, length: number): [number, number] {
  const start = Array.from(haystack.slice(0, at)).length;
  return [start, start + Array.from(haystack.slice(at, at + length)).length];
}

export function matchEntry(indexed: IndexedEntry, query: { text: string; pinyin: string | null }): SearchHit | null {
  const { text, pinyin: letters } = query;
  const { entry } = indexed;
  if (indexed.nameLower === text) return { entry, score: SCORE.exactName, ranges: [[0, Array.from(entry.name).length]] };
  const at = indexed.nameLower.indexOf(text);
  if (at === 0) return { entry, score: SCORE.namePrefix, ranges: [charRange(indexed.nameLower, 0, text.length)] };
  if (at > 0) return { entry, score: SCORE.nameSubstring, ranges: [charRange(indexed.nameLower, at, text.length)] };
  if (letters) {
    const range = pinyinMatch(indexed.name, letters);
    if (range) return { entry, score: SCORE.namePinyin, ranges: [range] };
  }
  if (
    indexed.keywordsLower.some((keyword) => keyword.includes(text)) ||
    (letters !== null && indexed.keywords.some((keyword) => pinyinMatch(keyword, letters) !== null))
  ) {
    return { entry, score: SCORE.keyword, ranges: [] };
  }
  if (
    indexed.others.some((other) => other.includes(text)) ||
    (letters !== null && indexed.othersPinyin.some((other) => pinyinMatch(other, letters) !== null))
  ) {
    return { entry, score: SCORE.categoryOrDepartment, ranges: [] };
  }
  return null;
}

/**
 * Matches every indexed entry the caller may see; best score first, ties by popularity (opens
 * this week), then display order.
 */
export function search(
  index: readonly IndexedEntry[],
  q: string,
  visible: (entry: CatalogEntry) => boolean,
  popularity: ReadonlyMap<string, number>,
  limit: number,
): SearchHit[] {
  const query = normaliseQuery(q);
  const hits: SearchHit[] = [];
  for (const indexed of index) {
    if (!visible(indexed.entry)) continue;
    const hit = matchEntry(indexed, query);
    if (hit) hits.push(hit);
  }
  hits.sort(
    (a, b) =>
      b.score - a.score ||
      (popularity.get(b.entry.id) ?? 0) - (popularity.get(a.entry.id) ?? 0) ||
      a.entry.sort - b.entry.sort ||
      (a.entry.id < b.entry.id ? -1 : 1),
  );
  return hits.slice(0, limit);
}
