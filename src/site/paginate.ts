import type { PageLink, Pagination } from './model.ts';

export interface Page<T> {
  url: string;
  items: T[];
  pagination: Pagination;
}

/** Numbered links shown on each side of the current page; the first and last are always shown. */
const WINDOW = 2;

/**
 * Whether page `n` gets a numbered link on page `current`: the first, the last, and WINDOW on
 * each side of the current one; a gap that would hide a single page shows it instead, since
 * “…” is no shorter than the number.
 */
function shown(n: number, current: number, last: number): boolean {
  const near = (m: number) => m === 1 || m === last || Math.abs(m - current) <= WINDOW;
  return near(n) || (near(n - 1) && near(n + 1));
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
    const pages: PageLink[] = urls
      .map((u, j) => ({ number: j + 1, url: u, current: i === j }))
      .filter(({ number }) => shown(number, i + 1, pageCount));
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
