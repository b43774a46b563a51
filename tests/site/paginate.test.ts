import { describe, expect, it } from 'vitest';
import { pageUrl, paginate, type Page } from '../../src/site/paginate.ts';

/** A list of n items, newest first, as the site lists them: n, n−1, …, 1 (1 is the oldest). */
const newestFirst = (n: number) => Array.from({ length: n }, (_, i) => n - i);
const BASE = '/archive/';

/** Labels of a page's links, newest first, with “…” for each gap: `['最新', '…', 7, 6, 5, '…', 1]`. */
const bar = (page: Page<number>) => page.pagination.pages.flatMap((link) => [...(link.gap ? ['…'] : []), link.number ?? '最新']);

describe('pageUrl', () => {
  it('gives base + n/ for numbered page n', () => {
    expect(pageUrl(BASE, 1)).toBe('/archive/1/');
    expect(pageUrl('/categories/yiqing-fangkong/', 3)).toBe('/categories/yiqing-fangkong/3/');
  });
});

describe('paginate', () => {
  it('gives one empty page for no items', () => {
    const pages = paginate([], 20, BASE);
    expect(pages).toHaveLength(1);
    expect(pages[0]!.url).toBe('/archive/');
    expect(pages[0]!.items).toEqual([]);
    expect(pages[0]!.pagination).toEqual({ pageNumber: undefined, total: 0, newest: '/archive/', oldest: '/archive/', prev: undefined, next: undefined, pages: [] });
  });

  it('keeps a list of up to 2 × size − 1 items on its one page', () => {
    for (const n of [1, 19, 20, 21, 39]) {
      const pages = paginate(newestFirst(n), 20, BASE);
      expect(pages, `${n} items`).toHaveLength(1);
      expect(pages[0]!.items).toEqual(newestFirst(n));
      expect(pages[0]!.pagination).toMatchObject({ pageNumber: undefined, total: n, prev: undefined, next: undefined, pages: [] });
    }
  });

  it('numbers the first full page at 2 × size items: 20 newest on the list’s page, 20 oldest on page 1', () => {
    const pages = paginate(newestFirst(40), 20, BASE);
    expect(pages.map((p) => p.url)).toEqual(['/archive/', '/archive/1/']);
    expect(pages[0]!.items).toEqual(newestFirst(40).slice(0, 20));
    expect(pages[1]!.items).toEqual(newestFirst(20));
    expect(pages[0]!.pagination).toMatchObject({ pageNumber: undefined, total: 40, newest: '/archive/', oldest: '/archive/1/', prev: undefined, next: '/archive/1/' });
    expect(pages[1]!.pagination).toMatchObject({ pageNumber: 1, total: undefined, newest: '/archive/', oldest: '/archive/1/', prev: '/archive/', next: undefined });
  });

  it('shows the page still filling together with the last full one on the list’s page (41 → 21 and 20)', () => {
    const pages = paginate(newestFirst(41), 20, BASE);
    expect(pages.map((p) => p.items.length)).toEqual([21, 20]);
    expect(pages[0]!.items[0]).toBe(41);
    expect(pages[1]!.items).toEqual(newestFirst(20));
  });

  it('links the pages newest to oldest through next, and back through prev', () => {
    const pages = paginate(newestFirst(101), 20, BASE);
    expect(pages.map((p) => p.url)).toEqual(['/archive/', '/archive/4/', '/archive/3/', '/archive/2/', '/archive/1/']);
    expect(pages.map((p) => [p.pagination.prev, p.pagination.next])).toEqual([
      [undefined, '/archive/4/'],
      ['/archive/', '/archive/3/'],
      ['/archive/4/', '/archive/2/'],
      ['/archive/3/', '/archive/1/'],
      ['/archive/2/', undefined],
    ]);
    expect(pages.map((p) => p.pagination.pageNumber)).toEqual([undefined, 4, 3, 2, 1]);
    expect(pages.map((p) => p.items.length)).toEqual([21, 20, 20, 20, 20]);
  });

  it('puts every item on exactly one page, newest first, and every numbered page is full', () => {
    for (const size of [1, 2, 3, 20]) {
      for (let count = 0; count <= 103; count++) {
        const list = newestFirst(count);
        const pages = paginate(list, size, BASE);
        expect(pages.flatMap((p) => p.items), `${count} items of ${size}`).toEqual(list);
        const [newest, ...numbered] = pages;
        for (const page of numbered) expect(page.items).toHaveLength(size);
        expect(newest!.items.length).toBeLessThanOrEqual(Math.max(count, 2 * size - 1));
        if (numbered.length > 0) expect(newest!.items.length).toBeGreaterThanOrEqual(size);
        // Page n holds the (n−1)·size+1-th to n·size-th oldest: the oldest item, 1, is on page 1.
        for (const page of numbered) {
          const n = page.pagination.pageNumber!;
          expect(page.items).toEqual(newestFirst(n * size).slice(0, size));
        }
      }
    }
  });

  it('keeps every numbered page as it was while items are added at the newest end, but a few near the top', () => {
    for (const size of [1, 2, 20]) {
      let before = new Map(paginate(newestFirst(0), size, BASE).map((p) => [p.url, p]));
      for (let count = 1; count <= 30 * size; count++) {
        const after = new Map(paginate(newestFirst(count), size, BASE).map((p) => [p.url, p]));
        const changed = [...after.values()].filter((page) => JSON.stringify(before.get(page.url)) !== JSON.stringify(page));
        // The list's own page, and only numbered pages among the four nearest it (their bars reach the newest).
        const top = Math.max(0, ...[...after.values()].map((page) => page.pagination.pageNumber ?? 0));
        const far = changed.filter((page) => page.pagination.pageNumber !== undefined && page.pagination.pageNumber < top - 4);
        expect(far.map((page) => page.url), `${count} items of ${size}`).toEqual([]);
        expect(changed.map((page) => page.url)).toContain(BASE);
        // No page is lost: a numbered page, once made, stays.
        for (const url of before.keys()) expect(after.has(url), url).toBe(true);
        before = after;
      }
    }
  });

  it('marks exactly the page itself as current', () => {
    const pages = paginate(newestFirst(101), 20, BASE);
    for (const page of pages) {
      const current = page.pagination.pages.filter((link) => link.current);
      expect(current.map((link) => [link.number, link.url])).toEqual([[page.pagination.pageNumber, page.url]]);
    }
  });

  it('shows the newest, page 1 and two pages on each side of the current one, newest first, “…” for each jump', () => {
    // 10 numbered pages of 1 item, and the newest page with the 11th.
    const pages = new Map(paginate(newestFirst(11), 1, BASE).map((p) => [p.pagination.pageNumber ?? 'newest', p]));
    expect(bar(pages.get('newest')!)).toEqual(['最新', 10, 9, '…', 1]);
    expect(bar(pages.get(10)!)).toEqual(['最新', 10, 9, 8, '…', 1]);
    expect(bar(pages.get(9)!)).toEqual(['最新', 10, 9, 8, 7, '…', 1]);
    // A gap that would hide one page (10 here) shows that page: “…” is no shorter than “10”.
    expect(bar(pages.get(7)!)).toEqual(['最新', 10, 9, 8, 7, 6, 5, '…', 1]);
    expect(bar(pages.get(6)!)).toEqual(['最新', '…', 8, 7, 6, 5, 4, '…', 1]);
    expect(bar(pages.get(3)!)).toEqual(['最新', '…', 5, 4, 3, 2, 1]);
    expect(bar(pages.get(1)!)).toEqual(['最新', '…', 3, 2, 1]);
    expect(bar(pages.get(4)!)).toEqual(['最新', '…', 6, 5, 4, 3, 2, 1]);
    expect(pages.get(6)!.pagination.pages.map((link) => link.url)).toEqual(['/archive/', '/archive/8/', '/archive/7/', '/archive/6/', '/archive/5/', '/archive/4/', '/archive/1/']);
  });

  it('numbers every page when there are few', () => {
    for (const page of paginate(newestFirst(61), 20, BASE)) expect(bar(page)).toEqual(['最新', 2, 1]);
  });

  it('keeps the base of a taxonomy list', () => {
    const pages = paginate(newestFirst(3), 1, '/units/jiyuanlu-jiedao/');
    expect(pages.map((p) => p.url)).toEqual(['/units/jiyuanlu-jiedao/', '/units/jiyuanlu-jiedao/2/', '/units/jiyuanlu-jiedao/1/']);
  });

  it('does not change the list it is given', () => {
    const list = newestFirst(25);
    paginate(list, 20, BASE);
    expect(list).toEqual(newestFirst(25));
  });

  it('throws on a size that is not a positive integer', () => {
    for (const size of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => paginate(newestFirst(3), size, BASE), String(size)).toThrow(RangeError);
    }
  });
});
