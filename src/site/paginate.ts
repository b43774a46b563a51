import type { PageLink, Pagination } from './model.ts';

export interface Page<T> {
  url: string;
  items: T[];
  pagination: Pagination;
}

/** Numbered links shown on each side of the current page. */
const WINDOW = 2;

/**
 * The pages that get a link on the page at `current`, as positions: 1 … `last` are the numbered
 * pages, oldest first, and `last + 1` is the list's newest page. Shown: the newest, the oldest,
 * and WINDOW on each side of the current one; a gap that would hide a single page shows it
 * instead, since “…” is no shorter than the number. Newest first, as the list reads.
 *
 * No page shows the highest number unless it is within its window, so that a page far from the
 * newest keeps its bar as the list grows.
 */
function shownPositions(current: number, last: number): number[] {
  const near = new Set([1, last + 1]);
  for (let n = Math.max(1, current - WINDOW); n <= Math.min(last + 1, current + WINDOW); n++) near.add(n);
  const shown = new Set(near);
  for (const n of near) {
    for (const gap of [n - 2, n + 2]) if (near.has(gap)) shown.add((n + gap) / 2);
  }
  return [...shown].sort((a, b) => b - a);
}

/** URL of numbered page `n` of a list whose newest page is `base` (`/archive/` → `/archive/3/`). */
export function pageUrl(base: string, n: number): string {
  return `${base}${n}/`;
}

/**
 * Splits a list, newest first, into pages that stay as they are while it grows at its newest end.
 *
 * Pages are counted from the oldest item: page n holds the list's (n−1)·size+1-th to n·size-th
 * oldest items, at `base` + `n/`. The list's own URL, `base`, shows its newest items: the page
 * still filling, together with the full page before it when it holds fewer than `size` (so it
 * shows size to 2·size − 1 items, or all of a short list). An item added at the newest end then
 * changes the newest page, and only once in `size` items does a numbered page appear; every older
 * page keeps its items, its number and its address, and a link to it always shows the same items.
 * An empty list still has its one (empty) page, so every category or unit has a page to link to.
 */
export function paginate<T>(items: readonly T[], size: number, base: string): Page<T>[] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`page size must be a positive integer, not ${size}`);
  const total = items.length;
  // Numbered pages: every full page but the newest full one, which the newest page shows with
  // the items after it (none, or fewer than size).
  const numbered = Math.max(0, Math.floor(total / size) - 1);
  const urlOf = (position: number) => (position > numbered ? base : pageUrl(base, position));
  const pageAt = (position: number): Page<T> => {
    const newest = position > numbered;
    // Newest first: numbered page n holds the items whose oldest-first index is in [(n−1)·size, n·size).
    const from = newest ? 0 : total - position * size;
    const to = newest ? total - numbered * size : from + size;
    const pages: PageLink[] = shownPositions(position, numbered).map((at, i, shown) => ({
      number: at > numbered ? undefined : at,
      url: urlOf(at),
      current: at === position,
      gap: i > 0 && shown[i - 1]! - at > 1,
    }));
    return {
      url: urlOf(position),
      items: items.slice(from, to),
      pagination: {
        pageNumber: newest ? undefined : position,
        total: newest ? total : undefined,
        newest: base,
        oldest: urlOf(1),
        prev: newest ? undefined : urlOf(position + 1),
        next: position > 1 ? urlOf(position - 1) : undefined,
        pages: numbered > 0 ? pages : [],
      },
    };
  };
  return [numbered + 1, ...Array.from({ length: numbered }, (_, i) => numbered - i)].map(pageAt);
}
