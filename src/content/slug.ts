/**
 * ASCII URL segments. Chinese is transliterated to toneless pinyin, one syllable a word,
 * because Eleventy's own slugify deletes every Chinese character.
 */
import { pinyin } from 'pinyin-pro';

/** `济源路街道` → `ji-yuan-lu-jie-dao`; `LED 显示屏` → `led-xian-shi-ping`. */
export function toSlug(text: string): string {
  // pinyin-pro gives ASCII back as one word; skipping it for ASCII text (most file names) spares
  // its slow first calls, about 0.1 s of a cold load of 4,000 items.
  const words = /^[\x00-\x7f]*$/.test(text) ? [text] : pinyin(text, { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true });
  return words
    .join('-')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** A slug given by hand must already be in the form `toSlug` makes. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * The URL segment of an item file: its name without the extension and without the leading
 * order number, so reordering items (renaming 01- to 02-) keeps every URL.
 */
export function fileSlug(fileName: string): string {
  const base = fileName.replace(/\.md$/i, '');
  const withoutOrder = base.replace(/^\d+(?:[-_.\s]+|$)/, '');
  return toSlug(withoutOrder) || toSlug(base);
}

/** The order number a file name starts with, e.g. 3 for `03-huiyi.md`. */
export function fileOrder(fileName: string): number | undefined {
  const match = /^(\d+)/.exec(fileName);
  return match ? Number(match[1]) : undefined;
}

/** Long enough to tell items apart, short enough for a readable URL: about six syllables. */
const SLUG_LENGTH = 30;

/**
 * `NN-pinyin.md`, where the pinyin is the start of the title's, lengthened (then numbered) until
 * no other file of the issue has that URL segment.
 */
export function itemFileName(order: number, title: string, taken: ReadonlySet<string>): string {
  const words = toSlug(title).split('-').filter((word) => word !== '');
  if (words.length === 0) words.push('xinxi');
  let count = 1;
  while (count < words.length && words.slice(0, count + 1).join('-').length <= SLUG_LENGTH) count++;
  let slug = words.slice(0, count).join('-');
  while (taken.has(slug) && count < words.length) slug = words.slice(0, ++count).join('-');
  for (let n = 2; taken.has(slug); n++) slug = `${words.slice(0, count).join('-')}-${n}`;
  return `${String(order).padStart(2, '0')}-${slug}.md`;
}

/** What naming a new item needs of its issue: the next order number and the URL segments its items' `fileNames` take. */
export function issuePlace(fileNames: readonly string[]): { next: number; taken: string[] } {
  return { next: Math.max(0, ...fileNames.map((name) => fileOrder(name) ?? 0)) + 1, taken: fileNames.map(fileSlug) };
}
