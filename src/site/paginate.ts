import type { PageLink, Pagination } from './model.ts';

export interface Page<T> {
  url: string;
  items: T[];
  pagination: Pagination;
}

/** Numbered links shown on each side of the current page; the first and last are always shown. */
const WINDOW = 2;

/**
 * The pages that get a numbered link on page `current`: the first, the last, and WINDOW on each
 * side of the current one; a gap that would hide a single page shows it instead, since “…” is
 * no shorter than the number. Worked out from the few candidates, not by testing every page:
 * the archive of 20,000 items has 1,000 pages, each with its own list.
 */
function shownPages(current: number, last: number): number[] {
  const near = new Set([1, last]);
  for (let n = Math.max(1, current - WINDOW); n <= Math.min(last, current + WINDOW); n++) near.add(n);
  const shown = new Set(near);
  for (const n of near) {
    for (const gap of [n - 2, n + 2]) if (near.has(gap)) shown.add((n + gap) / 2);
  }
  return [...shown].sort((a, b) => a - b);
}

/** URL of page `n` of a list whose first page is `base` (`/archive/` → `/archive/2/`). */
export function pageUrl(base: string, n: number): string {
  return n === 1 ? base : `${base}${n}/`;
}

/**
 * Splits a list into pages of `size`. An empty list still has its one (empty) page, so every
 * category or unit has a page to link to.
 */
export function paginate<T>(items: readonly T[], size: number, base: string): Page<T>[] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`page size must be a positive integer, not ${size}`);
  const pageCount = Math.max(1, Math.ceil(items.length / size));
  const urls = Array.from({ length: pageCount }, (_, i) => pageUrl(base, i + 1));
  return urls.map((url, i) => {
    const pages: PageLink[] = shownPages(i + 1, pageCount).map((number) => ({ number, url: urls[number - 1]!, current: number === i + 1 }));
    return {
      url,
      items: items.slice(i * size, (i + 1) * size),
      pagination: {
        pageNumber: i + 1,
        pageCount,
        total: items.length,
        first: urls[0]!,
        last: urls[pageCount - 1]!,
        prev: urls[i - 1],
        next: urls[i + 1],
        pages,
      },
    };
  });
}
