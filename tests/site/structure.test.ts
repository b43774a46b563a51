/**
 * The site structure, from a content model built in memory and a stub renderer.
 */
import { describe, expect, it } from 'vitest';
import type { Content, Item } from '../../src/content/model.ts';
import { buildSite, excerpt } from '../../src/site/structure.ts';
import type { ListingPage, Site } from '../../src/site/model.ts';
import { CATEGORIES, content, issue, item, OFFICE, stubRender, UNITS } from '../helpers/content.ts';

const urlsOf = (pages: readonly { url: string }[]) => pages.map((page) => page.url);

/** Every page of the listing whose first page is `base`, in page order. */
function listing(site: Site, base: string): ListingPage[] {
  return site.listings.filter((page) => page.url === base || (page.url.startsWith(base) && /^\d+\/$/.test(page.url.slice(base.length))));
}

/** Item URLs across all pages of one listing. */
const listed = (site: Site, base: string) => listing(site, base).flatMap((page) => urlsOf(page.items));

/**
 * Three published issues over two years, with units, the office and categories mixed; one draft
 * item, one draft issue, and one issue whose only item is a draft.
 */
function sample(): Content {
  return content({
    issues: [
      issue('2020/52', '2020-12-28'),
      issue('2021/01', '2021-01-04'),
      issue('2021/02', '2021-01-11'),
      issue('2021/03', '2021-01-18', { draft: true }),
      issue('2021/04', '2021-01-25'),
    ],
    items: [
      item('2020/52', '01-nianzhong.md', { date: '2020-12-28', category: '基层动态', unit: '济源路街道' }),
      item('2020/52', '02-kuanian.md', { date: '2020-12-31', category: '疫情防控' }),
      item('2021/01', '01-huiyi.md', { date: '2021-01-04', category: '疫情防控' }),
      item('2021/01', '02-xiangmu.md', { date: '2021-01-03', category: '项目建设', unit: '通航试验区管委会' }),
      item('2021/01', '03-caogao.md', { date: '2021-01-04', draft: true }),
      item('2021/02', '01-huiyi.md', { date: '2021-01-11', category: '疫情防控', unit: '济源路街道' }),
      item('2021/02', '02-jiceng.md', { date: '2021-01-11', category: '基层动态', unit: '济源路街道' }),
      item('2021/03', '01-weifabu.md', { date: '2021-01-18' }),
      item('2021/04', '01-caogao.md', { date: '2021-01-25', draft: true }),
    ],
  });
}

describe('URLs', () => {
  it('puts each item at /YYYY/NN/slug/ and each issue at /YYYY/NN/', () => {
    const site = buildSite(sample(), stubRender);
    expect(urlsOf(site.items).sort()).toEqual([
      '/2020/52/kuanian/',
      '/2020/52/nianzhong/',
      '/2021/01/huiyi/',
      '/2021/01/xiangmu/',
      '/2021/02/huiyi/',
      '/2021/02/jiceng/',
    ]);
    expect(urlsOf(site.issues)).toEqual(['/2021/02/', '/2021/01/', '/2020/52/']);
    for (const page of site.items) expect(page.url).toMatch(/^\/\d{4}\/\d{2}\/[a-z0-9-]+\/$/);
  });

  it('lists every page for the sitemap once, sorted, each a root-relative ASCII path (the sitemap joins them to the root address)', () => {
    const site = buildSite(sample(), stubRender);
    expect(site.pageUrls).toEqual([...new Set(site.pageUrls)].sort());
    for (const url of site.pageUrls) expect(url).toMatch(/^\/(?:[a-z0-9-]+\/)*(?:[a-z0-9-]+\.[a-z]+)?$/);
    for (const page of [...site.items, ...site.issues, ...site.listings, ...site.termIndexes]) expect(site.pageUrls).toContain(page.url);
  });

  it('uses an explicit slug', () => {
    const site = buildSite(content({ issues: [issue('2021/03', '2021-01-25')], items: [item('2021/03', '01-a.md', { slug: 'custom-name' })] }), stubRender);
    expect(urlsOf(site.items)).toEqual(['/2021/03/custom-name/']);
  });

  it('links each item to its issue, unit and category', () => {
    const site = buildSite(sample(), stubRender);
    const page = site.items.find((p) => p.url === '/2021/01/xiangmu/')!;
    expect(page.issue).toMatchObject({ url: '/2021/01/', title: '2021年第1期', year: 2021, number: 1 });
    expect(page.unit).toMatchObject({ name: '通航试验区管委会', url: '/units/tonghang-shiyanqu/' });
    expect(page.category).toMatchObject({ name: '项目建设', url: '/categories/xiangmu-jianshe/' });
    expect(page.dateText).toBe('2021年1月3日');
  });

  it('gives an item without a unit the editing office', () => {
    const site = buildSite(sample(), stubRender);
    const page = site.items.find((p) => p.url === '/2021/01/huiyi/')!;
    expect(page.unit.name).toBe(OFFICE);
    const officeList = site.termIndexes.find((index) => index.kind === 'unit')!.terms.find((t) => t.name === OFFICE)!;
    expect(page.unit.url).toBe(officeList.url);
  });
});

describe('issues', () => {
  it('lists issues newest first; prev is the older one, next the newer one', () => {
    const site = buildSite(sample(), stubRender);
    expect(site.issues.map((i) => i.label)).toEqual(['2021年第2期', '2021年第1期', '2020年第52期']);
    expect(site.latestIssue?.url).toBe('/2021/02/');
    const [newest, middle, oldest] = site.issues;
    expect(newest!.next).toBeUndefined();
    expect(newest!.prev).toEqual({ url: '/2021/01/', title: '2021年第1期' });
    expect(middle!.next).toEqual({ url: '/2021/02/', title: '2021年第2期' });
    expect(middle!.prev).toEqual({ url: '/2020/52/', title: '2020年第52期' });
    expect(oldest!.prev).toBeUndefined();
    expect(oldest!.next).toEqual({ url: '/2021/01/', title: '2021年第1期' });
  });

  it('orders by year, then number, not by the text of the key', () => {
    const site = buildSite(
      content({
        issues: [issue('2021/9', '2021-03-01'), issue('2021/10', '2021-03-08'), issue('2020/99', '2020-12-28')],
        items: [item('2021/9', '01-a.md'), item('2021/10', '01-a.md'), item('2020/99', '01-a.md')],
      }),
      stubRender,
    );
    expect(site.issues.map((i) => i.key)).toEqual(['2021/10', '2021/9', '2020/99']);
  });

  it('groups issues by year, newest year first', () => {
    const site = buildSite(sample(), stubRender);
    expect(site.issueYears.map((y) => [y.year, y.issues.map((i) => i.key)])).toEqual([
      [2021, ['2021/02', '2021/01']],
      [2020, ['2020/52']],
    ]);
  });

  it('renders the editor’s note, and leaves it empty when there is none', () => {
    const site = buildSite(
      content({
        issues: [issue('2021/01', '2021-01-04', { note: '编者按。', title: '专刊' }), issue('2021/02', '2021-01-11')],
        items: [item('2021/01', '01-a.md'), item('2021/02', '01-a.md')],
      }),
      stubRender,
    );
    const byKey = new Map(site.issues.map((i) => [i.key, i]));
    expect(byKey.get('2021/01')).toMatchObject({ noteHtml: '<p>编者按。</p>', title: '专刊', dateText: '2021年1月4日' });
    expect(byKey.get('2021/02')).toMatchObject({ noteHtml: '', title: undefined });
  });
});

describe('order within an issue', () => {
  const KEY = '2021/03';
  const build = (items: Item[]) =>
    buildSite(content({ issues: [issue(KEY, '2021-01-25')], items }), stubRender).issues[0]!.items;

  it('orders by `order`, then the file name’s number, then the file name', () => {
    const pages = build([
      item(KEY, 'b.md'),
      item(KEY, 'a.md'),
      item(KEY, '03-c.md'),
      item(KEY, '01-d.md'),
      item(KEY, '02-e.md', { order: 10 }),
      item(KEY, 'f.md', { order: 2 }),
      item(KEY, '10-g.md'),
    ]);
    expect(pages.map((p) => p.file.split('/')[2])).toEqual(['01-d.md', 'f.md', '03-c.md', '02-e.md', '10-g.md', 'a.md', 'b.md']);
  });

  it('puts an explicit `order: 1` before a file whose name starts with 01', () => {
    const pages = build([item(KEY, '01-a.md'), item(KEY, '02-b.md'), item(KEY, '03-c.md', { order: 1 })]);
    expect(pages.map((p) => p.file.split('/')[2])).toEqual(['03-c.md', '01-a.md', '02-b.md']);
  });

  it('compares file-name numbers as numbers (2 before 10)', () => {
    const pages = build([item(KEY, '10-a.md'), item(KEY, '2-b.md'), item(KEY, '1-c.md')]);
    expect(pages.map((p) => p.file.split('/')[2])).toEqual(['1-c.md', '2-b.md', '10-a.md']);
  });

  it('links items to their neighbours in the issue', () => {
    const pages = build([item(KEY, '01-a.md', { title: '甲' }), item(KEY, '02-b.md', { title: '乙' }), item(KEY, '03-c.md', { title: '丙' })]);
    expect(pages.map((p) => [p.prev?.title, p.next?.title])).toEqual([
      [undefined, '乙'],
      ['甲', '丙'],
      ['乙', undefined],
    ]);
    expect(pages[1]!.prev).toEqual({ url: '/2021/03/a/', title: '甲' });
    expect(pages[1]!.next).toEqual({ url: '/2021/03/c/', title: '丙' });
  });

  it('keeps every URL when the order changes', () => {
    const before = build([item(KEY, '01-huiyi.md'), item(KEY, '02-xiangmu.md'), item(KEY, '03-fangkong.md')]);
    const after = build([
      item(KEY, '01-huiyi.md', { order: 3 }),
      item(KEY, '02-xiangmu.md', { order: 1 }),
      item(KEY, '03-fangkong.md', { order: 2 }),
    ]);
    expect(urlsOf(before)).toEqual(['/2021/03/huiyi/', '/2021/03/xiangmu/', '/2021/03/fangkong/']);
    expect(urlsOf(after)).toEqual(['/2021/03/xiangmu/', '/2021/03/fangkong/', '/2021/03/huiyi/']);
  });

  it('keeps every URL when files are renumbered', () => {
    const before = build([item(KEY, '01-huiyi.md'), item(KEY, '02-xiangmu.md')]);
    const after = build([item(KEY, '02-huiyi.md'), item(KEY, '01-xiangmu.md')]);
    expect(new Set(urlsOf(after))).toEqual(new Set(urlsOf(before)));
    expect(urlsOf(after)).toEqual(['/2021/03/xiangmu/', '/2021/03/huiyi/']);
  });
});

describe('the archive', () => {
  it('lists newest first by date, then by issue, then by position in the issue', () => {
    const site = buildSite(
      content({
        issues: [issue('2021/01', '2021-01-04'), issue('2021/02', '2021-01-11')],
        items: [
          item('2021/01', '01-a.md', { date: '2021-01-04' }),
          item('2021/01', '02-b.md', { date: '2021-01-10' }),
          item('2021/01', '03-c.md', { date: '2021-01-10' }),
          item('2021/02', '02-d.md', { date: '2021-01-10' }),
          item('2021/02', '03-e.md', { date: '2021-01-11' }),
          item('2021/02', '04-f.md', { date: '2021-01-10', order: 1 }),
        ],
      }),
      stubRender,
    );
    expect(listed(site, '/archive/')).toEqual([
      '/2021/02/e/',
      '/2021/02/f/',
      '/2021/02/d/',
      '/2021/01/b/',
      '/2021/01/c/',
      '/2021/01/a/',
    ]);
  });

  it('lists the items of the site in issue order, oldest issue first', () => {
    const site = buildSite(sample(), stubRender);
    expect(urlsOf(site.items)).toEqual([
      '/2020/52/nianzhong/',
      '/2020/52/kuanian/',
      '/2021/01/huiyi/',
      '/2021/01/xiangmu/',
      '/2021/02/huiyi/',
      '/2021/02/jiceng/',
    ]);
  });

  it('pages by the configured page size', () => {
    const model = sample();
    model.site.pageSize = 2;
    const site = buildSite(model, stubRender);
    const pages = listing(site, '/archive/');
    // Numbered from the oldest: page 1 holds the two oldest items; the list's page the newest two.
    expect(urlsOf(pages)).toEqual(['/archive/', '/archive/2/', '/archive/1/']);
    expect(pages.map((p) => p.items.length)).toEqual([2, 2, 2]);
    expect(urlsOf(pages[2]!.items)).toEqual(['/2020/52/kuanian/', '/2020/52/nianzhong/']);
    expect(pages[0]!.title).toBe('全部信息');
    expect(pages[2]!.title).toBe('全部信息（第1页）');
    expect(pages[0]!.pagination).toMatchObject({ pageNumber: undefined, total: 6, prev: undefined, next: '/archive/2/' });
    expect(pages[2]!.pagination).toMatchObject({ pageNumber: 1, total: undefined, prev: '/archive/2/', next: undefined });
  });
});

describe('drafts', () => {
  it('leaves out draft items, draft issues and issues without a published item', () => {
    const site = buildSite(sample(), stubRender);
    const all = [...urlsOf(site.items), ...site.listings.flatMap((l) => urlsOf(l.items)), ...site.issues.flatMap((i) => urlsOf(i.items))];
    expect(all).not.toContain('/2021/01/caogao/');
    expect(all).not.toContain('/2021/03/weifabu/');
    expect(all).not.toContain('/2021/04/caogao/');
    expect(urlsOf(site.issues)).not.toContain('/2021/03/');
    expect(urlsOf(site.issues)).not.toContain('/2021/04/');
    expect(site.items.every((page) => !page.draft)).toBe(true);
  });

  it('keeps drafts with { drafts: true }', () => {
    const site = buildSite(sample(), stubRender, { drafts: true });
    expect(urlsOf(site.issues)).toEqual(['/2021/04/', '/2021/03/', '/2021/02/', '/2021/01/', '/2020/52/']);
    expect(urlsOf(site.items)).toEqual(expect.arrayContaining(['/2021/01/caogao/', '/2021/03/weifabu/', '/2021/04/caogao/']));
    expect(site.items.find((page) => page.url === '/2021/01/caogao/')?.draft).toBe(true);
    expect(listed(site, '/archive/')).toHaveLength(9);
  });

  it('does not show an issue folder with no items', () => {
    const site = buildSite(
      content({ issues: [issue('2021/01', '2021-01-04'), issue('2021/02', '2021-01-11')], items: [item('2021/01', '01-a.md')] }),
      stubRender,
    );
    expect(urlsOf(site.issues)).toEqual(['/2021/01/']);
    expect(site.latestIssue?.url).toBe('/2021/01/');
  });

  it('builds an empty site from content with no items', () => {
    const site = buildSite(content({ issues: [], items: [] }), stubRender);
    expect(site.issues).toEqual([]);
    expect(site.latestIssue).toBeUndefined();
    expect(listing(site, '/archive/')).toHaveLength(1);
    expect(listing(site, '/archive/')[0]!.items).toEqual([]);
  });
});

describe('taxonomies', () => {
  it('has one listing per category of the list, even an empty one', () => {
    const site = buildSite(sample(), stubRender);
    const index = site.termIndexes.find((i) => i.kind === 'category')!;
    expect(index.url).toBe('/categories/');
    expect(index.terms.map((t) => [t.name, t.url])).toEqual(CATEGORIES.map((c) => [c.name, `/categories/${c.slug}/`]));
    for (const c of CATEGORIES) {
      const pages = listing(site, `/categories/${c.slug}/`);
      expect(pages, c.name).toHaveLength(1);
      expect(pages[0]).toMatchObject({ kind: 'category', parent: { url: '/categories/' } });
      expect(pages[0]!.heading).toContain(c.name);
    }
  });

  it('has one listing per unit, the editing office included, in the order of the list', () => {
    const site = buildSite(sample(), stubRender);
    const index = site.termIndexes.find((i) => i.kind === 'unit')!;
    expect(index.url).toBe('/units/');
    expect(index.terms.map((t) => t.name)).toEqual(UNITS.map((u) => u.name));
    expect(index.terms[0]!.name).toBe(OFFICE);
    for (const t of index.terms) {
      const pages = listing(site, t.url);
      expect(pages, t.name).toHaveLength(1);
      expect(pages[0]).toMatchObject({ kind: 'unit', parent: { url: '/units/' } });
      expect(pages[0]!.heading).toContain(t.name);
    }
    expect(new Set(index.terms.map((t) => t.url)).size).toBe(index.terms.length);
  });

  it('has one listing per year with items, newest first, by the issue’s year', () => {
    const site = buildSite(sample(), stubRender);
    const index = site.termIndexes.find((i) => i.kind === 'year')!;
    expect(index.url).toBe('/years/');
    expect(index.terms.map((t) => [t.name, t.url, t.count])).toEqual([
      ['2021年', '/years/2021/', 4],
      ['2020年', '/years/2020/', 2],
    ]);
    expect(listing(site, '/years/2021/')[0]).toMatchObject({ kind: 'year', parent: { url: '/years/' } });
  });

  it('counts in each term index add up to the number of published items', () => {
    const site = buildSite(sample(), stubRender);
    expect(site.termIndexes.map((i) => i.kind).sort()).toEqual(['category', 'unit', 'year']);
    for (const index of site.termIndexes) {
      const sum = index.terms.reduce((total, t) => total + t.count, 0);
      expect(sum, index.kind).toBe(site.items.length);
      for (const t of index.terms) expect(listed(site, t.url), t.name).toHaveLength(t.count);
    }
    const counts = (kind: string) => Object.fromEntries(site.termIndexes.find((i) => i.kind === kind)!.terms.map((t) => [t.name, t.count]));
    expect(counts('category')).toEqual({ 疫情防控: 3, 项目建设: 1, 基层动态: 2 });
    expect(counts('unit')).toEqual({ [OFFICE]: 2, 通航试验区管委会: 1, 济源路街道: 3, 中心路街道: 0 });
  });

  it('puts each item once in the archive and once in its category, unit and year, on small pages too', () => {
    const model = sample();
    model.site.pageSize = 1;
    const site = buildSite(model, stubRender);
    const archive = listed(site, '/archive/');
    expect(archive).toHaveLength(site.items.length);
    expect(new Set(archive).size).toBe(archive.length);
    for (const page of site.items) {
      const year = `/years/${page.date.slice(0, 4)}/`;
      for (const kind of ['category', 'unit', 'year'] as const) {
        const index = site.termIndexes.find((i) => i.kind === kind)!;
        const own = kind === 'category' ? page.category.url : kind === 'unit' ? page.unit.url : year;
        for (const t of index.terms) {
          const times = listed(site, t.url).filter((url) => url === page.url).length;
          expect(times, `${page.url} in ${t.url}`).toBe(t.url === own ? 1 : 0);
        }
      }
    }
  });

  it('lists each taxonomy newest first, like the archive', () => {
    const site = buildSite(sample(), stubRender);
    const archive = listed(site, '/archive/');
    for (const index of site.termIndexes) {
      for (const t of index.terms) {
        const urls = listed(site, t.url);
        expect(urls, t.url).toEqual(archive.filter((url) => urls.includes(url)));
      }
    }
  });

  it('has the main navigation in order', () => {
    const site = buildSite(sample(), stubRender);
    expect(urlsOf(site.nav)).toEqual(['/', '/issues/', '/archive/', '/categories/', '/units/', '/years/', '/stats/']);
  });
});

describe('rendering and excerpts', () => {
  it('renders each body with the given renderer', () => {
    const site = buildSite(content({ issues: [issue('2021/01', '2021-01-04')], items: [item('2021/01', '01-a.md', { body: '正文。' })] }), stubRender);
    expect(site.items[0]).toMatchObject({ html: '<p>正文。</p>', text: '正文。', excerpt: '正文。' });
  });

  it('keeps a short text whole', () => {
    expect(excerpt('会议要求压实责任。')).toBe('会议要求压实责任。');
    expect(excerpt('甲'.repeat(90))).toBe('甲'.repeat(90));
  });

  it('cuts a long text at the last sentence end that fits', () => {
    const first = `${'甲'.repeat(50)}。`;
    const second = `${'乙'.repeat(30)}！`;
    const rest = '丙'.repeat(40);
    expect(excerpt(first + second + rest)).toBe(first + second);
    expect(excerpt(`${'甲'.repeat(60)}；${'乙'.repeat(60)}`)).toBe(`${'甲'.repeat(60)}；`);
    expect(excerpt(`${'甲'.repeat(60)}？${'乙'.repeat(60)}`)).toBe(`${'甲'.repeat(60)}？`);
  });

  it('cuts with an ellipsis when no sentence ends in the second half', () => {
    const text = `${'甲'.repeat(10)}。${'乙'.repeat(200)}`;
    const cut = excerpt(text);
    expect(cut.endsWith('…')).toBe(true);
    expect(cut).toBe(`${text.slice(0, 90)}…`);
  });

  it('uses the excerpt in item pages', () => {
    const body = `${'甲'.repeat(50)}。${'乙'.repeat(100)}`;
    const site = buildSite(content({ issues: [issue('2021/01', '2021-01-04')], items: [item('2021/01', '01-a.md', { body })] }), stubRender);
    expect(site.items[0]!.excerpt).toBe(`${'甲'.repeat(50)}。`);
  });

  it('is the same site every time for the same content', () => {
    const strip = (site: Site) => JSON.parse(JSON.stringify(site)) as unknown;
    expect(strip(buildSite(sample(), stubRender))).toEqual(strip(buildSite(sample(), stubRender)));
  });
});
