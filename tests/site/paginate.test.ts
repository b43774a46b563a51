import { describe, expect, it } from 'vitest';
import { pageUrl, paginate } from '../../src/site/paginate.ts';

const numbers = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
const BASE = '/archive/';

describe('pageUrl', () => {
  it('gives the base for page 1 and base + n/ after', () => {
    expect(pageUrl(BASE, 1)).toBe('/archive/');
    expect(pageUrl(BASE, 2)).toBe('/archive/2/');
    expect(pageUrl('/categories/yiqing-fangkong/', 3)).toBe('/categories/yiqing-fangkong/3/');
  });
});

describe('paginate', () => {
  it('gives one empty page for no items', () => {
    const pages = paginate([], 20, BASE);
    expect(pages).toHaveLength(1);
    expect(pages[0]!.url).toBe('/archive/');
    expect(pages[0]!.items).toEqual([]);
    expect(pages[0]!.pagination).toMatchObject({
      pageNumber: 1,
      pageCount: 1,
      total: 0,
      first: '/archive/',
      last: '/archive/',
      prev: undefined,
      next: undefined,
    });
    expect(pages[0]!.pagination.pages).toEqual([{ number: 1, url: '/archive/', current: true }]);
  });

  it('gives one page for 1 item', () => {
    const pages = paginate([1], 20, BASE);
    expect(pages.map((p) => p.items)).toEqual([[1]]);
    expect(pages[0]!.pagination).toMatchObject({ pageCount: 1, total: 1, prev: undefined, next: undefined });
  });

  it('gives one full page for exactly 20 items', () => {
    const pages = paginate(numbers(20), 20, BASE);
    expect(pages).toHaveLength(1);
    expect(pages[0]!.items).toEqual(numbers(20));
    expect(pages[0]!.pagination).toMatchObject({ pageCount: 1, total: 20, last: '/archive/', next: undefined });
  });

  it('starts a second page at the 21st item', () => {
    const pages = paginate(numbers(21), 20, BASE);
    expect(pages.map((p) => p.url)).toEqual(['/archive/', '/archive/2/']);
    expect(pages.map((p) => p.items.length)).toEqual([20, 1]);
    expect(pages[1]!.items).toEqual([21]);
    expect(pages[0]!.pagination).toMatchObject({
      pageNumber: 1,
      pageCount: 2,
      total: 21,
      first: '/archive/',
      last: '/archive/2/',
      prev: undefined,
      next: '/archive/2/',
    });
    expect(pages[1]!.pagination).toMatchObject({
      pageNumber: 2,
      pageCount: 2,
      total: 21,
      first: '/archive/',
      last: '/archive/2/',
      prev: '/archive/',
      next: undefined,
    });
  });

  it('gives three pages for 41 items, linked in both directions', () => {
    const pages = paginate(numbers(41), 20, BASE);
    expect(pages.map((p) => p.url)).toEqual(['/archive/', '/archive/2/', '/archive/3/']);
    expect(pages.map((p) => p.items.length)).toEqual([20, 20, 1]);
    expect(pages.map((p) => [p.pagination.prev, p.pagination.next])).toEqual([
      [undefined, '/archive/2/'],
      ['/archive/', '/archive/3/'],
      ['/archive/2/', undefined],
    ]);
    for (const page of pages) {
      expect(page.pagination).toMatchObject({ pageCount: 3, total: 41, first: '/archive/', last: '/archive/3/' });
    }
    expect(pages.map((p) => p.pagination.pageNumber)).toEqual([1, 2, 3]);
  });

  it('puts every item on exactly one page, in order', () => {
    for (const count of [0, 1, 19, 20, 21, 40, 41, 99, 100, 101]) {
      const list = numbers(count);
      const pages = paginate(list, 20, BASE);
      expect(pages.flatMap((p) => p.items), `${count} items`).toEqual(list);
      expect(pages).toHaveLength(Math.max(1, Math.ceil(count / 20)));
      for (const page of pages) expect(page.items.length).toBeLessThanOrEqual(20);
    }
  });

  it('marks exactly the page itself as current', () => {
    const pages = paginate(numbers(41), 20, BASE);
    pages.forEach((page, i) => {
      const current = page.pagination.pages.filter((link) => link.current);
      expect(current).toEqual([{ number: i + 1, url: page.url, current: true }]);
    });
  });

  it('numbers the first, the last and two pages on each side of the current one', () => {
    // 10 pages of 1 item.
    const pages = paginate(numbers(10), 1, BASE);
    const window = (n: number) => pages[n - 1]!.pagination.pages.map((link) => link.number);
    expect(window(1)).toEqual([1, 2, 3, 10]);
    expect(window(2)).toEqual([1, 2, 3, 4, 10]);
    expect(window(3)).toEqual([1, 2, 3, 4, 5, 10]);
    expect(window(4)).toEqual([1, 2, 3, 4, 5, 6, 10]);
    // A gap that would hide one page (2 here) shows that page: “…” is no shorter than “2”.
    expect(window(5)).toEqual([1, 2, 3, 4, 5, 6, 7, 10]);
    expect(window(6)).toEqual([1, 4, 5, 6, 7, 8, 9, 10]);
    expect(window(8)).toEqual([1, 6, 7, 8, 9, 10]);
    expect(window(10)).toEqual([1, 8, 9, 10]);
    expect(paginate(numbers(30), 1, BASE)[14]!.pagination.pages.map((link) => link.number)).toEqual([1, 13, 14, 15, 16, 17, 30]);
    expect(pages[4]!.pagination.pages.map((link) => link.url)).toEqual([
      '/archive/',
      '/archive/2/',
      '/archive/3/',
      '/archive/4/',
      '/archive/5/',
      '/archive/6/',
      '/archive/7/',
      '/archive/10/',
    ]);
  });

  it('numbers every page when there are few', () => {
    const pages = paginate(numbers(41), 20, BASE);
    for (const page of pages) expect(page.pagination.pages.map((link) => link.number)).toEqual([1, 2, 3]);
  });

  it('keeps the base of a taxonomy list', () => {
    const pages = paginate(numbers(3), 1, '/units/jiyuanlu-jiedao/');
    expect(pages.map((p) => p.url)).toEqual(['/units/jiyuanlu-jiedao/', '/units/jiyuanlu-jiedao/2/', '/units/jiyuanlu-jiedao/3/']);
  });

  it('does not change the list it is given', () => {
    const list = numbers(25);
    paginate(list, 20, BASE);
    expect(list).toEqual(numbers(25));
  });

  it('throws on a size that is not a positive integer', () => {
    for (const size of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => paginate(numbers(3), size, BASE), String(size)).toThrow(RangeError);
    }
  });
});
