/**
 * Page fingerprints: equal exactly when a page would be written the same. A change to one item
 * changes its page, its issue and the lists that show it, and nothing else.
 */
import { describe, expect, it } from 'vitest';
import { changedPages, fingerprintPages, fingerprintSite, issuePdfKeys, searchKey } from '../../src/site/fingerprint.ts';
import { buildSite } from '../../src/site/structure.ts';
import type { Item } from '../../src/content/index.ts';
import { content, issue, item, stubRender } from '../helpers/content.ts';

const site = (title = '第一条', pdf = false) =>
  buildSite(
    content({
      issues: [issue('2021/02', '2021-01-18'), issue('2021/03', '2021-01-25')],
      items: [
        item('2021/02', '01-a.md', { title: '上期一条', date: '2021-01-18' }),
        item('2021/03', '01-b.md', { title, date: '2021-01-25' }),
        item('2021/03', '02-c.md', { title: '第二条', date: '2021-01-25' }),
      ],
    }),
    stubRender,
    { pdf },
  );

describe('fingerprintPages', () => {
  it('gives every item, issue, listing and statistics page and CSV file one, the same for the same site and salt', () => {
    const before = fingerprintPages(site(), 'salt');
    const { items, issues, listings, stats } = site();
    expect([...before.keys()].sort()).toEqual([...items, ...issues, ...listings, ...stats.pages, ...stats.csv].map((page) => page.url).sort());
    expect(stats.csv.length).toBeGreaterThan(0);
    expect(fingerprintPages(site(), 'salt')).toEqual(before);
  });

  it('changes for the edited item, its neighbour (whose pager shows the title), its issue and the lists showing it, and no other page', () => {
    const before = fingerprintPages(site(), 'salt');
    const after = fingerprintPages(site('改过的标题'), 'salt');
    const changed = [...after].filter(([url, fingerprint]) => before.get(url) !== fingerprint).map(([url]) => url);
    expect(changed).toContain('/2021/03/b/');
    expect(changed).toContain('/2021/03/');
    expect(changed).toContain('/archive/');
    expect(changed).toContain('/2021/03/c/');
    expect(changed).not.toContain('/2021/02/a/');
    expect(changed).not.toContain('/2021/02/');
  });

  it('changes for an item whose body changed past its excerpt, by the body’s key: its page and its issue’s, which show the body', () => {
    const long = '本周各单位持续推进重点项目建设。'.repeat(20);
    const withBody = (tail: string) =>
      buildSite(
        content({
          issues: [issue('2021/03', '2021-01-25')],
          items: [item('2021/03', '01-b.md', { title: '第一条', body: `${long}${tail}` }), item('2021/03', '02-c.md', { title: '第二条' })],
        }),
        stubRender,
      );
    const [before, after] = [withBody('结尾一句。'), withBody('结尾改过的一句。')];
    expect(after.items[0]!.excerpt).toBe(before.items[0]!.excerpt);
    const [fingerprintsBefore, fingerprintsAfter] = [fingerprintPages(before, 'salt'), fingerprintPages(after, 'salt')];
    const changed = [...fingerprintsAfter].filter(([url, fingerprint]) => fingerprintsBefore.get(url) !== fingerprint).map(([url]) => url);
    expect(changed.sort()).toEqual(['/2021/03/', '/2021/03/b/']);
  });

  it('changes the statistics of the year an item is added to, and of all years, and not those of another year', () => {
    const twoYears = (extra: Item[]) =>
      buildSite(
        content({
          issues: [issue('2020/52', '2020-12-28'), issue('2021/01', '2021-01-04')],
          items: [item('2020/52', '01-a.md', { date: '2020-12-28' }), item('2021/01', '01-b.md', { date: '2021-01-04' }), ...extra],
        }),
        stubRender,
      );
    const before = twoYears([]);
    const after = twoYears([item('2021/01', '02-c.md', { date: '2021-01-04', unit: '中心路街道' })]);
    const [fingerprintsBefore, fingerprintsAfter] = [fingerprintPages(before, 'salt'), fingerprintPages(after, 'salt')];
    const changed = new Set([...fingerprintsAfter].filter(([url, fingerprint]) => fingerprintsBefore.get(url) !== fingerprint).map(([url]) => url));
    const statsOf = (prefix: string) => [...after.stats.pages, ...after.stats.csv].map((page) => page.url).filter((url) => url.startsWith(prefix));
    expect(statsOf('/stats/2021/').length).toBeGreaterThan(1);
    expect(statsOf('/stats/2020/').length).toBeGreaterThan(1);
    for (const url of statsOf('/stats/2021/')) expect(changed).toContain(url);
    expect(changed).toContain('/stats/');
    for (const url of statsOf('/stats/2020/')) expect(changed).not.toContain(url);
  });

  it('changes every page with the salt (layouts, code, options)', () => {
    const before = fingerprintPages(site(), 'salt');
    const after = fingerprintPages(site(), 'other salt');
    expect([...after].every(([url, fingerprint]) => before.get(url) !== fingerprint)).toBe(true);
  });
});

describe('changedPages', () => {
  it('is every page when nothing is reusable, and only the changed ones otherwise', () => {
    const s = site();
    const fingerprints = fingerprintPages(s, 'salt');
    expect(changedPages(s, fingerprints, new Map())).toEqual({ items: s.items, issues: s.issues, listings: s.listings, stats: s.stats.pages, csv: s.stats.csv });
    const edited = site('改过的标题');
    const changed = changedPages(edited, fingerprintPages(edited, 'salt'), fingerprints);
    expect(changed.items.map((page) => page.url)).toEqual(['/2021/03/b/', '/2021/03/c/']);
    expect(changed.issues.map((page) => page.url)).toEqual(['/2021/03/']);
  });
});

describe('fingerprintSite and searchKey', () => {
  it('follow any change of an item, and stay for the same site', () => {
    const a = site();
    const b = site('改过的标题');
    const fa = fingerprintPages(a, 'salt');
    const fb = fingerprintPages(b, 'salt');
    expect(fingerprintSite(a, 'salt', fa)).toBe(fingerprintSite(site(), 'salt', fingerprintPages(site(), 'salt')));
    expect(fingerprintSite(b, 'salt', fb)).not.toBe(fingerprintSite(a, 'salt', fa));
    expect(searchKey(a, fa)).toBe(searchKey(site(), fingerprintPages(site(), 'salt')));
    expect(searchKey(b, fb)).not.toBe(searchKey(a, fa));
  });
});

describe('issuePdfKeys', () => {
  const keysOf = (built: ReturnType<typeof site>) => issuePdfKeys(built, fingerprintPages(built, 'salt'));

  it('is empty unless the site offers PDFs, and one key per issue when it does', () => {
    expect(keysOf(site()).size).toBe(0);
    expect([...keysOf(site('第一条', true)).keys()].sort()).toEqual(['/2021/02/', '/2021/03/']);
  });

  it('changes for the issue whose item changed, and only for it', () => {
    const before = keysOf(site('第一条', true));
    const after = keysOf(site('改过的标题', true));
    expect(after.get('/2021/03/')).not.toBe(before.get('/2021/03/'));
    expect(after.get('/2021/02/')).toBe(before.get('/2021/02/'));
  });

  it('changes for the issue showing a photo replaced under the same name, whose page is unchanged', () => {
    const photo = { url: '/2021/03/b/xianchang-960.webp', source: '2021/03/现场.jpg', hash: 'aaa', image: { width: 960, height: 720, format: 'webp' as const } };
    const withPhoto = (hash: string) => {
      const built = site('第一条', true);
      return keysOf({ ...built, files: [{ ...photo, hash }] });
    };
    expect(withPhoto('bbb').get('/2021/03/')).not.toBe(withPhoto('aaa').get('/2021/03/'));
    expect(withPhoto('bbb').get('/2021/02/')).toBe(withPhoto('aaa').get('/2021/02/'));
  });
});
