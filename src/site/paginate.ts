import type { PageLink, Pagination } from './model.ts';

export interface Page<T> {
  url: string;
  items: T[];
  pagination: Pagination;
}

/** Numbered links shown on each side of the current page; the first and last are always shown. */
const WINDOW = 2;

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
      .filter(({ number }) => number === 1 || number === pageCount || Math.abs(number - (i + 1)) <= WINDOW);
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
