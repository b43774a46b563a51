/**
 * The whole build of the fixture site (tests/fixtures/site.ts), read back as HTML: every page
 * exists, every link resolves, every page is reachable, lists hold each item exactly once,
 * counts agree, item and issue pages show what they must, pagination, escaping.
 */
import { appendFile, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { load, type CheerioAPI } from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/pipeline/build.ts';
import { listTree } from '../../src/files/tree.ts';
import { formatDiagnostic } from '../../src/content/report.ts';
import {
  allUnitsOf,
  chineseDate,
  newestFirst,
  writeFixtureSite,
  type FixtureItem,
  type FixtureOptions,
  type FixtureSite,
  type FixtureTerm,
} from '../fixtures/site.ts';
import { BUILD_TIMEOUT, removeDir, tempDir } from './support.ts';

// ---------------------------------------------------------------------------------------------
// A built site, read back

interface BuiltSite {
  dir: string;
  fixture: FixtureSite;
  /** Every file of the output, relative, with `/`. */
  files: Set<string>;
  /** HTML files → source text. */
  html: Map<string, string>;
}

/** Writes the fixture (then lets `prepare` change it) and builds it in-process. */
async function buildFixture(options: FixtureOptions = {}, prepare?: (contentDir: string) => Promise<void>): Promise<BuiltSite> {
  const dir = await tempDir('build');
  const contentDir = path.join(dir, 'content');
  try {
    const fixture = await writeFixtureSite(contentDir, options);
    await prepare?.(contentDir);
    const outDir = path.join(dir, 'out');
    const result = await build({ contentDir, outDir, root: dir });
    if (!result.ok) {
      throw new Error(`fixture build failed: ${result.failure ?? ''}\n${result.diagnostics.map(formatDiagnostic).join('\n')}`);
    }
    const files = listTree(outDir);
    const html = new Map<string, string>();
    for (const file of files.filter((f) => f.endsWith('.html'))) html.set(file, await readFile(path.join(outDir, file), 'utf8'));
    return { dir, fixture, files: new Set(files), html };
  } catch (error) {
    await removeDir(dir);
    throw error;
  }
}

/** `/2021/01/` → `2021/01/index.html`; `/404.html` → `404.html`. */
function fileOf(url: string): string {
  const pathname = decodeURIComponent(url.replace(/[?#].*$/, ''));
  const relative = pathname.replace(/^\//, '');
  return relative === '' || relative.endsWith('/') ? `${relative}index.html` : relative;
}

/** `2021/01/index.html` → `/2021/01/`. */
function urlOf(file: string): string {
  return `/${file.replace(/(^|\/)index\.html$/, '$1')}`;
}

const ORIGIN = 'https://fixture.invalid';

/** Where `href` on the page at `pageUrl` points, when it stays on the site. */
function resolveInternal(href: string, pageUrl: string): { url: string; hash: string } | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('//')) return undefined;
  const target = new URL(href, ORIGIN + pageUrl);
  return { url: target.pathname, hash: decodeURIComponent(target.hash.slice(1)) };
}

const ITEM_URL = /^\/\d{4}\/\d{1,3}\/[^/]+\/$/;
const ISSUE_URL = /^\/\d{4}\/\d{1,3}\/$/;

const text = (value: string) => value.replace(/\s+/g, ' ').trim();

/**
 * The numbered row of a pagination bar, in order: `['最新', '…', 10, 9, 8, '…', 1]`. The row is what
 * stands between 上一页 and 下一页 (最新 and 最早 before and after them are buttons of their own).
 */
function pagerSequence($: CheerioAPI): (number | '…' | '最新')[] {
  const bar = $('main a[rel="next"], main a[rel="prev"]').first().closest('nav');
  const items = bar.find('li').toArray();
  const from = items.findIndex((li) => $(li).find('a[rel="prev"]').length > 0) + 1;
  const to = items.findIndex((li) => $(li).find('a[rel="next"]').length > 0);
  const sequence: (number | '…' | '最新')[] = [];
  for (const li of items.slice(from, to < 0 ? undefined : to)) {
    const label = $(li).text().replace(/\s+/g, '');
    const number = /^第?(\d+)页?$/.exec(label);
    if (number) sequence.push(Number(number[1]));
    else if (label === '…' || label === '...') sequence.push('…');
    else if (label === '最新') sequence.push('最新');
    else throw new Error(`unexpected entry in the pagination bar: ${label}`);
  }
  return sequence;
}

// ---------------------------------------------------------------------------------------------

describe('the fixture site, built', () => {
  let site: BuiltSite;
  let fx: FixtureSite;
  const parsed = new Map<string, CheerioAPI>();

  beforeAll(async () => {
    site = await buildFixture();
    fx = site.fixture;
  }, BUILD_TIMEOUT);
  afterAll(() => removeDir(site?.dir));

  /** The parsed page at `url`; fails the test when there is none. */
  function page(url: string): CheerioAPI {
    const file = fileOf(url);
    const cached = parsed.get(file);
    if (cached) return cached;
    const source = site.html.get(file);
    if (source === undefined) throw new Error(`no page at ${url} (expected ${file})`);
    const $ = load(source);
    parsed.set(file, $);
    return $;
  }

  /** URLs of the pages of a paginated list, following rel="next" from its first page. */
  function listPages(first: string): string[] {
    const urls = [first];
    for (;;) {
      const next = page(urls.at(-1)!)('main a[rel="next"]').attr('href');
      if (!next) return urls;
      const url = resolveInternal(next, urls.at(-1)!)!.url;
      if (urls.includes(url)) throw new Error(`pagination of ${first} loops back to ${url}`);
      urls.push(url);
    }
  }

  /** Item URLs linked from one page, in order. */
  function itemsOn(url: string): string[] {
    const $ = page(url);
    return $('main a[href]')
      .toArray()
      .map((a) => resolveInternal($(a).attr('href')!, url)?.url ?? '')
      .filter((href) => ITEM_URL.test(href));
  }

  /** Item URLs listed on every page of a paginated list, in order. */
  function listedItems(first: string): string[] {
    return listPages(first).flatMap(itemsOn);
  }

  const urls = (items: readonly FixtureItem[]) => items.map((item) => item.url);
  const categoryItems = (c: FixtureTerm) => newestFirst(fx.items.filter((item) => item.category === c.name));
  const unitItems = (u: FixtureTerm) => newestFirst(fx.items.filter((item) => item.unit === u.name));
  /** A year lists the items of that year's issues (README: “the issue's year”), newest year first. */
  const years = () => [2021, 2020].map((year) => ({ year, url: `/years/${year}/`, items: newestFirst(fx.items.filter((i) => i.issue.startsWith(`${year}/`))) }));
  /** A list of `n` items has its own page and floor(n / pageSize) − 1 numbered pages (none below 2 × pageSize), newest first. */
  const pageUrls = (base: string, n: number) => [base, ...Array.from({ length: Math.max(0, Math.floor(n / fx.site.pageSize) - 1) }, (_, i) => `${base}${Math.floor(n / fx.site.pageSize) - 1 - i}/`)];

  function expectedPages(): string[] {
    return [
      '/',
      ...urls(fx.items),
      ...fx.issues.map((issue) => issue.url),
      '/issues/',
      ...pageUrls('/archive/', fx.items.length),
      '/categories/',
      ...fx.categories.flatMap((c) => pageUrls(c.url, categoryItems(c).length)),
      '/units/',
      ...allUnitsOf(fx).flatMap((u) => pageUrls(u.url, unitItems(u).length)),
      '/years/',
      ...years().flatMap((y) => pageUrls(y.url, y.items.length)),
      '/search/',
      '/stats/',
      '/stats/2021/',
      '/stats/2020/',
      '/404.html',
    ];
  }

  describe('pages', () => {
    it('the fixture is what the suite assumes (45 items in 3 issues, the archive over two pages)', () => {
      expect(fx.issues.map((i) => i.items.length)).toEqual([15, 16, 14]);
      expect(fx.items).toHaveLength(45);
      expect(pageUrls('/archive/', fx.items.length)).toEqual(['/archive/', '/archive/1/']);
      // More than a page's worth, yet on one page: a list's own page holds up to 2 × pageSize − 1.
      expect(categoryItems(fx.categories[0]!).length).toBeGreaterThan(fx.site.pageSize);
      expect(pageUrls(fx.categories[0]!.url, categoryItems(fx.categories[0]!).length)).toHaveLength(1);
      expect(years()[0]!.items.length).toBeGreaterThan(fx.site.pageSize);
      expect(categoryItems(fx.special.emptyCategory)).toEqual([]);
      expect(unitItems(fx.special.emptyUnit)).toEqual([]);
    });

    it('every page type exists, and there is no other HTML page', () => {
      const expected = expectedPages().map(fileOf).sort();
      expect([...site.html.keys()].sort()).toEqual(expected);
      expect(expected).toContain('2021/01/ji-yuan-lu-jie-dao-fang-yi/index.html');
      expect(expected).toContain('archive/1/index.html');
      expect(expected).not.toContain('archive/2/index.html');
    });

    it('every page is a Chinese document with a <title>, one <h1>, a skip link and <main>', () => {
      const problems: string[] = [];
      for (const file of site.html.keys()) {
        const $ = page(urlOf(file));
        const say = (what: string) => problems.push(`${file}: ${what}`);
        if ($('html').attr('lang') !== 'zh-CN') say(`<html lang="${$('html').attr('lang')}">`);
        if ($('head > title').length !== 1 || !text($('head > title').text()).endsWith(fx.site.title)) {
          say(`<title>${$('title').text()}</title>`);
        }
        if ($('h1').length !== 1 || text($('h1').text()) === '') say(`${$('h1').length} <h1>`);
        if ($('main').length !== 1) say(`${$('main').length} <main>`);
        if ($('main h1').length !== 1) say('the <h1> is not inside <main>');
        const skip = $('body a[href]').first();
        const target = skip.attr('href')?.startsWith('#') ? $(`[id="${skip.attr('href')!.slice(1)}"]`) : undefined;
        if (!target?.length || !(target.is('main') || target.find('main').length > 0 || target.closest('main').length > 0)) {
          say(`the first link is not a skip link to <main>: ${$.html(skip)}`);
        }
      }
      expect(problems).toEqual([]);
    });

    it('every page has a <title> of its own', () => {
      const byTitle = new Map<string, string[]>();
      for (const file of site.html.keys()) {
        const title = text(page(urlOf(file))('title').text());
        byTitle.set(title, [...(byTitle.get(title) ?? []), file]);
      }
      expect([...byTitle].filter(([, files]) => files.length > 1)).toEqual([]);
    });

    it('ids are unique on every page', () => {
      const problems: string[] = [];
      for (const file of site.html.keys()) {
        const $ = page(urlOf(file));
        const seen = new Set<string>();
        $('[id]').each((_, el) => {
          const id = $(el).attr('id')!;
          if (seen.has(id)) problems.push(`${file}: id="${id}" twice`);
          seen.add(id);
        });
      }
      expect(problems).toEqual([]);
    });
  });

  describe('links', () => {
    it('every internal link, stylesheet, image and script resolves to a file of the output, and every #fragment to an id', () => {
      const problems: string[] = [];
      let checked = 0;
      for (const file of site.html.keys()) {
        const pageUrl = urlOf(file);
        const $ = page(pageUrl);
        for (const [selector, attribute] of [['a[href]', 'href'], ['link[href]', 'href'], ['img[src]', 'src'], ['script[src]', 'src']] as const) {
          $(selector).each((_, el) => {
            const value = $(el).attr(attribute)!;
            const target = resolveInternal(value, pageUrl);
            if (!target) return; // external: the next test fails on it
            checked++;
            const targetFile = fileOf(target.url);
            if (!site.files.has(targetFile)) {
              problems.push(`${file}: ${attribute}="${value}" → no file ${targetFile}`);
              return;
            }
            if (target.hash && targetFile.endsWith('.html')) {
              const $target = page(urlOf(targetFile));
              if ($target(`[id="${target.hash}"]`).length !== 1) problems.push(`${file}: ${attribute}="${value}" → no id "${target.hash}" on ${targetFile}`);
            }
          });
        }
      }
      expect(problems).toEqual([]);
      expect(checked).toBeGreaterThan(1000);
    });

    it('no link leaves the site: no http:// or https:// (or other scheme) in any href or src', () => {
      const external: string[] = [];
      for (const file of site.html.keys()) {
        const $ = page(urlOf(file));
        // The canonical link is the page itself at the address the site is published at.
        const canonical = `${fx.site.url}${urlOf(file).slice(1)}`;
        $('[href], [src]').not(`link[rel="canonical"][href="${canonical}"]`).each((_, el) => {
          for (const value of [$(el).attr('href'), $(el).attr('src')]) {
            if (value !== undefined && (/^[a-z][a-z0-9+.-]*:/i.test(value.trim()) || value.trim().startsWith('//'))) external.push(`${file}: ${value}`);
          }
        });
      }
      expect(external).toEqual([]);
    });

    it('every page is reachable by following links from the home page (404.html, robots.txt and sitemap.xml aside)', () => {
      const reached = new Set<string>(['index.html']);
      const queue = ['/'];
      while (queue.length > 0) {
        const pageUrl = queue.shift()!;
        const $ = page(pageUrl);
        $('a[href], link[href], script[src]').each((_, el) => {
          const target = resolveInternal($(el).attr('href') ?? $(el).attr('src')!, pageUrl);
          if (!target) return;
          const file = fileOf(target.url);
          if (reached.has(file) || !site.files.has(file)) return;
          reached.add(file);
          if (file.endsWith('.html')) queue.push(urlOf(file));
        });
      }
      // robots.txt and sitemap.xml are for crawlers, which ask for them by name; search/search.js
      // fetches the parts of the search index (search/**/*.bin) itself.
      const unreachable = [...site.files].filter(
        (file) => !reached.has(file) && !['404.html', 'robots.txt', 'sitemap.xml'].includes(file) && !/^search\/.*\.bin$/.test(file),
      );
      expect(unreachable).toEqual([]);
      expect(reached).toContain('assets/style.css');
    });
  });

  describe('lists', () => {
    it('the archive lists every published item exactly once, newest first, over 2 pages', () => {
      expect(listPages('/archive/')).toEqual(['/archive/', '/archive/1/']);
      const listed = listedItems('/archive/');
      expect(new Set(listed).size).toBe(listed.length);
      expect(listed).toEqual(urls(newestFirst(fx.items)));
      // Newest first, as read off the pages themselves.
      const dates = listPages('/archive/').flatMap((url) => {
        const $ = page(url);
        return $('main time[datetime]').toArray().map((el) => $(el).attr('datetime')!);
      });
      expect(dates).toHaveLength(fx.items.length);
      expect(dates).toEqual(dates.toSorted().reverse());
    });

    it('every category lists each of its items exactly once, newest first', () => {
      for (const category of fx.categories) {
        expect(listedItems(category.url), category.name).toEqual(urls(categoryItems(category)));
      }
    });

    it('every unit lists each of its items exactly once, newest first; items written with an alias are under the unit', () => {
      for (const unit of allUnitsOf(fx)) {
        expect(listedItems(unit.url), unit.name).toEqual(urls(unitItems(unit)));
      }
      const viaAlias = fx.items.filter((item) => item.unitWritten !== undefined && item.unitWritten !== item.unit);
      expect(viaAlias.length).toBeGreaterThan(3);
      for (const item of viaAlias) expect(listedItems(allUnitsOf(fx).find((u) => u.name === item.unit)!.url)).toContain(item.url);
    });

    it('every year lists each item of that year’s issues exactly once, newest first', () => {
      for (const { year, url, items } of years()) expect(listedItems(url), String(year)).toEqual(urls(items));
      // In 2021年第1期 but dated 2020-12-31: the issue's year decides.
      expect(listedItems('/years/2021/')).toContain(fx.special.lastDayOf2020.url);
      expect(listedItems('/years/2020/')).not.toContain(fx.special.lastDayOf2020.url);
      expect(listedItems('/years/2021/')).toContain(fx.special.newYearsDay.url);
    });

    it('the empty category and the empty unit have a page that lists nothing', () => {
      for (const term of [fx.special.emptyCategory, fx.special.emptyUnit]) {
        expect(listedItems(term.url), term.name).toEqual([]);
        expect(text(page(term.url)('main').text())).toContain('共0条');
      }
    });

    it('the draft is published nowhere: no page, no link, no title, no text', () => {
      for (const draft of fx.drafts) {
        expect(site.files).not.toContain(fileOf(draft.url));
        for (const [file, source] of site.html) {
          expect(source, file).not.toContain(draft.slug);
          expect(source, file).not.toContain(draft.title);
          expect(source, file).not.toContain(draft.firstSentence);
        }
      }
    });

    it('the counts on /categories/, /units/ and /years/ equal the items listed on each term’s pages', () => {
      const indexes = [
        { url: '/categories/', terms: fx.categories.map((c) => ({ url: c.url, name: c.name, count: categoryItems(c).length })) },
        { url: '/units/', terms: allUnitsOf(fx).map((u) => ({ url: u.url, name: u.name, count: unitItems(u).length })) },
        { url: '/years/', terms: years().map((y) => ({ url: y.url, name: `${y.year}年`, count: y.items.length })) },
      ];
      for (const index of indexes) {
        const $ = page(index.url);
        const shown = $('main a[href]')
          .toArray()
          .filter((a) => {
            const href = $(a).attr('href')!;
            return href.startsWith(index.url) && href !== index.url;
          })
          .map((a) => {
            const count = /(\d+)\s*条/.exec($(a).closest('li').text());
            return { url: $(a).attr('href')!, name: text($(a).text()), count: count ? Number(count[1]) : NaN };
          });
        // Every term, in the order of its list (units: the editing office first; years: newest first).
        expect(shown, index.url).toEqual(index.terms);
        for (const term of shown) {
          expect(listedItems(term.url).length, term.url).toBe(term.count);
          expect(text(page(term.url)('main').text()), term.url).toContain(`共${term.count}条`);
        }
      }
    });

    it('the issue list groups the issues by year, newest first', () => {
      const $ = page('/issues/');
      const groups: { heading: string; issues: string[] }[] = [];
      $('main')
        .find('h2, a[href]')
        .each((_, el) => {
          if ($(el).is('h2')) groups.push({ heading: text($(el).text()), issues: [] });
          else if (ISSUE_URL.test($(el).attr('href')!)) {
            if (groups.length === 0) throw new Error(`issue link before any year heading: ${$.html(el)}`);
            groups.at(-1)!.issues.push($(el).attr('href')!);
          }
        });
      expect(groups.map((g) => g.issues)).toEqual([['/2021/02/', '/2021/01/'], ['/2020/52/']]);
      expect(groups[0]!.heading).toContain('2021年');
      expect(groups[1]!.heading).toContain('2020年');
      for (const issue of fx.issues) expect(text($(`main a[href="${issue.url}"]`).text())).toContain(issue.label);
    });

    it('the home page leads to the latest issue and its items', () => {
      const $ = page('/');
      const latest = fx.issues.at(-1)!;
      expect(text($(`main a[href="${latest.url}"]`).first().text())).toContain(latest.label);
      for (const item of latest.items) expect($(`main a[href="${item.url}"]`).length, item.url).toBeGreaterThan(0);
    });
  });

  describe('item pages', () => {
    it('show title, date, unit, category, issue, and the neighbours within the issue', () => {
      for (const issue of fx.issues) {
        issue.items.forEach((item, i) => {
          const $ = page(item.url);
          const unit = allUnitsOf(fx).find((u) => u.name === item.unit)!;
          const category = fx.categories.find((c) => c.name === item.category)!;
          expect(text($('main h1').text()), item.url).toBe(item.title);
          expect(text($(`main time[datetime="${item.date}"]`).first().text()), item.url).toBe(chineseDate(item.date));
          expect($('main a[href^="/units/"]').toArray().map((a) => [$(a).attr('href'), text($(a).text())]), item.url).toEqual([[unit.url, unit.name]]);
          expect($('main a[href^="/categories/"]').toArray().map((a) => [$(a).attr('href'), text($(a).text())]), item.url).toEqual([[category.url, category.name]]);
          expect(text($(`main .meta a[href="${issue.url}"]`).text()), item.url).toBe(issue.label);
          const prev = issue.items[i - 1];
          const next = issue.items[i + 1];
          expect($('main a[rel="prev"]').attr('href'), `${item.url} prev`).toBe(prev?.url);
          expect($('main a[rel="next"]').attr('href'), `${item.url} next`).toBe(next?.url);
          if (prev) expect(text($('main a[rel="prev"]').text())).toContain(prev.title);
          if (next) expect(text($('main a[rel="next"]').text())).toContain(next.title);
          const body = text($('main').text());
          expect(body, item.url).toContain(item.firstSentence);
          expect(body, item.url).toContain(item.lastSentence);
        });
      }
    });

    it('show dates as 2021年1月5日, with no leading zeros', () => {
      expect(text(page(fx.special.chineseFileName.url)('main time').first().text())).toBe('2021年1月5日');
      expect(text(page(fx.special.newYearsDay.url)('main time').first().text())).toBe('2021年1月1日');
      expect(text(page(fx.special.lastDayOf2020.url)('main time').first().text())).toBe('2020年12月31日');
      expect(text(page(fx.special.chineseFileName.url)(`main .meta a[href="/2021/01/"]`).text())).toBe('2021年第1期');
    });

    it('render Markdown emphasis, lists and tables', () => {
      const $ = page(fx.special.markdown.url);
      expect($('main strong').toArray().map((el) => $(el).text())).toContain('严格落实');
      expect($('main em').toArray().map((el) => $(el).text())).toContain('早发现、早报告、早隔离、早治疗');
      expect($('main ul li').toArray().map((el) => text($(el).text()))).toEqual(
        expect.arrayContaining(['加强返乡人员排查，做到底数清、情况明；', '严格农贸市场、商场超市等重点场所管控；', '倡导“就地过年”，减少人员流动。']),
      );
      expect($('main table th').toArray().map((el) => text($(el).text()))).toEqual(['措施', '责任单位', '完成时限']);
      expect($('main table tbody tr')).toHaveLength(2);
      // Soft line breaks between Chinese sentences are joined, not left as spaces.
      const ordinary = fx.items.find((item) => item.body.split('\n')[1] !== '')!;
      const firstParagraph = ordinary.body.split('\n\n')[0]!.replace(/\n/g, '');
      expect(text(page(ordinary.url)('main').text())).toContain(firstParagraph);
    });
  });

  describe('issue pages', () => {
    it('have the 报头: bulletin name, 第N期, 编印单位 and date', () => {
      for (const issue of fx.issues) {
        const $ = page(issue.url);
        const h1 = text($('main h1').text());
        expect(h1, issue.url).toContain(fx.site.title);
        expect(h1, issue.url).toContain(`第${issue.number}期`);
        const masthead = text($('main h1').closest('header').text());
        expect(masthead, issue.url).toContain(`${issue.year}年`);
        expect(masthead, issue.url).toContain(fx.site.office);
        expect(masthead, issue.url).toContain(chineseDate(issue.date));
      }
    });

    it('show the issue title and the editor’s note', () => {
      const issue = fx.issues.find((i) => i.title)!;
      const $ = page(issue.url);
      expect(text($('main').text())).toContain(issue.title);
      expect(text($('main').text())).toContain('春节临近，人员流动增加，疫情防控形势严峻复杂。');
      expect($('main strong').toArray().map((el) => $(el).text())).toContain('疫情防控');
      expect(text($('title').text())).toContain(issue.title);
    });

    it('then show every item in full, in the issue’s order (order: and file names)', () => {
      for (const issue of fx.issues) {
        const $ = page(issue.url);
        const linked = $('main a[href]')
          .toArray()
          .map((a) => $(a).attr('href')!)
          .filter((href) => ITEM_URL.test(href));
        expect([...new Set(linked)], issue.url).toEqual(urls(issue.items));
        const body = text($('main').text());
        let cursor = 0;
        for (const item of issue.items) {
          const first = body.indexOf(item.firstSentence, cursor);
          expect(first, `${issue.url}: “${item.firstSentence}” after position ${cursor}`).toBeGreaterThanOrEqual(0);
          const last = body.indexOf(item.lastSentence, first);
          expect(last, `${issue.url}: “${item.lastSentence}”`).toBeGreaterThanOrEqual(first);
          cursor = last + item.lastSentence.length;
        }
      }
      // order: 1 (no number in the file name) first, 01- with order: 99 last.
      const january = fx.issues.find((i) => i.key === '2021/01')!;
      expect(january.items[0]!.file).toBe('2021/01/jinji-huiyi.md');
      expect(january.items.at(-1)!.file).toBe('2021/01/01-yuandan-zhiban.md');
    });

    it('end with links to the previous (older) and next (newer) issue', () => {
      fx.issues.forEach((issue, i) => {
        const $ = page(issue.url);
        const older = fx.issues[i - 1];
        const newer = fx.issues[i + 1];
        expect($('main a[rel="prev"]').attr('href'), `${issue.url} prev`).toBe(older?.url);
        expect($('main a[rel="next"]').attr('href'), `${issue.url} next`).toBe(newer?.url);
        if (older) expect(text($('main a[rel="prev"]').text())).toContain(older.label);
        if (newer) expect(text($('main a[rel="next"]').text())).toContain(newer.label);
        // After the last item's body.
        const everything = $('main *').toArray();
        const lastItem = issue.items.at(-1)!;
        const lastBody = $('main p').filter((_, p) => $(p).text().includes(lastItem.lastSentence)).last()[0]!;
        for (const pager of $('main a[rel="prev"], main a[rel="next"]').toArray()) {
          expect(everything.indexOf(pager), issue.url).toBeGreaterThan(everything.indexOf(lastBody));
        }
      });
    });
  });

  describe('pagination', () => {
    it('the archive’s own page shows the newest 25 and the total; page 1 the oldest 20, with the dates it covers', () => {
      expect(listPages('/archive/').map((url) => itemsOn(url).length)).toEqual([25, 20]);
      expect(itemsOn('/archive/1/')).toEqual(urls(newestFirst(fx.items)).slice(25));
      expect(text(page('/archive/')('main .count').text())).toBe('共45条，本页为最新的25条');
      const $ = page('/archive/1/');
      const dates = $('main time[datetime]').toArray().map((el) => text($(el).text()));
      expect(text($('main .count').text())).toBe(`第1页，20条：${dates.at(-1)}至${dates[0]}`);
      expect(text($('title').text())).toContain('全部信息（第1页）');
      expect(text($('main nav.pagination').text())).toContain('第1页（页码从最早的信息编起）');
    });

    it('the newest page has no rel="prev", page 1 no rel="next"; each links the other, with 最新 and 最早', () => {
      const newest = page('/archive/');
      expect(newest('main a[rel="prev"]')).toHaveLength(0);
      expect(newest('main a[rel="next"]').attr('href')).toBe('/archive/1/');
      expect(text(newest('main nav.pagination [aria-current="page"]').text())).toBe('最新');
      const $ = page('/archive/1/');
      expect($('main a[rel="prev"]').attr('href')).toBe('/archive/');
      expect($('main a[rel="next"]')).toHaveLength(0);
      const bar = $('main a[rel="prev"]').closest('nav');
      expect(bar.find('a').filter((_, a) => text($(a).text()) === '最新').first().attr('href')).toBe('/archive/');
      expect(text(bar.find('[aria-current="page"]').text()).replace(/\s+/g, '')).toMatch(/^第?1页?$/);
      expect(pagerSequence($)).toEqual(['最新', 1]);
    });

    it('single-page lists have no pagination bar', () => {
      for (const url of [fx.units[0]!.url, fx.categories[0]!.url, '/years/2021/']) {
        expect(page(url)('main nav.pagination'), url).toHaveLength(0);
        expect(text(page(url)('main .count').text()), url).toMatch(/^共\d+条$/);
      }
    });
  });

  describe('escaping', () => {
    it('a title with <b> and & is shown as text, everywhere it is shown', () => {
      const item = fx.special.escaping;
      expect(item.title).toContain('<b>');
      expect(item.title).toContain('&');
      const $ = page(item.url);
      expect(text($('main h1').text())).toBe(item.title);
      expect($('main h1 b')).toHaveLength(0);
      expect($.html($('main h1'))).toContain('&lt;b&gt;重点&lt;/b&gt;');
      expect($.html($('main h1'))).toContain('&amp;');
      expect(text($('title').text())).toBe(`${item.title} - ${fx.site.title}`);
      // In the lists and the issue, as link text.
      for (const url of ['/archive/', `/${item.issue}/`, '/units/fagaiwei/', '/categories/jingji-fazhan/']) {
        const $list = page(url);
        const links = $list(`main a[href="${item.url}"]`);
        expect(links.length, url).toBeGreaterThan(0);
        expect(text(links.first().text()), url).toBe(item.title);
      }
      // The neighbours' prev/next links.
      const issue = fx.issues.find((i) => i.key === item.issue)!;
      const before = issue.items[item.position - 1]!;
      expect(text(page(before.url)('main a[rel="next"]').text())).toContain(item.title);
    });

    it('no page has a <b> or a <script>, and the body’s script is gone, text and all', () => {
      for (const [file, source] of site.html) {
        const $ = page(urlOf(file));
        expect($('b'), file).toHaveLength(0);
        // The site's own scripts (files under /assets/ and /search/) only; nothing inline.
        expect($('script').filter((_, el) => !/^\/(assets|search)\/[\w-]+\.js$/.test($(el).attr('src') ?? '')), file).toHaveLength(0);
        expect(source, file).not.toContain('alert(');
        expect(source, file).not.toContain('xss');
      }
      const $ = page(fx.special.escaping.url);
      expect(text($('main').text())).toContain(fx.special.escaping.lastSentence);
      expect($('meta[name="description"]').attr('content')).toContain('为帮助企业稳岗');
    });
  });
});

describe('long lists (pageSize 2: the archive’s own page and 21 numbered pages)', () => {
  let site: BuiltSite;
  beforeAll(async () => {
    site = await buildFixture({ pageSize: 2 });
  }, BUILD_TIMEOUT);
  afterAll(() => removeDir(site?.dir));

  const archivePage = (n: number | undefined) => load(site.html.get(fileOf(n === undefined ? '/archive/' : `/archive/${n}/`)) ?? '');

  it('has 22 archive pages: 3 newest items on its own, then 2 on each of pages 21 to 1', () => {
    expect([...site.html.keys()].filter((f) => f.startsWith('archive/')).sort()).toEqual(
      ['archive/index.html', ...Array.from({ length: 21 }, (_, i) => `archive/${i + 1}/index.html`)].sort(),
    );
    expect(archivePage(undefined)('main .summaries > li')).toHaveLength(3);
    for (const n of [1, 11, 21]) expect(archivePage(n)('main .summaries > li'), String(n)).toHaveLength(2);
  });

  it.each([undefined, 21, 20, 19, 12, 10, 5, 3, 2, 1])('page %s shows 最新, page 1 and two on each side, newest first, with “…” for every jump', (n) => {
    const sequence = pagerSequence(archivePage(n));
    expect(sequence[0]).toBe('最新');
    const numbers = sequence.filter((x): x is number => typeof x === 'number');
    const at = n ?? 22;
    for (const must of [1, at - 2, at - 1, at, at + 1, at + 2].filter((x) => x >= 1 && x <= 21)) expect(numbers).toContain(must);
    expect(numbers).toEqual(numbers.toSorted((a, b) => b - a));
    // Between two entries more than one apart there must be a gap marker, and nowhere else (最新 stands for 22).
    const position = (x: number | '最新') => (x === '最新' ? 22 : x);
    const problems: string[] = [];
    sequence.forEach((x, i) => {
      const next = sequence[i + 1];
      const before = sequence[i - 1];
      if (x !== '…' && next !== undefined && next !== '…' && position(x) - position(next) > 1) problems.push(`${x} → ${next} with no “…”`);
      if (x === '…' && (before === undefined || before === '…' || next === undefined || next === '…' || position(before) - position(next) < 2)) {
        problems.push(`stray “…” at ${i}`);
      }
    });
    expect(problems, JSON.stringify(sequence)).toEqual([]);
  });
});

describe('the editing office listed in units.yaml under a short name, with its full name as an alias', () => {
  // units.yaml gains `- name: 区政府办公室 / aliases: [上街区人民政府办公室]` (site.office), and one
  // of the office's items says `unit: 区政府办公室`. Both ways of naming the office are one unit.
  let site: BuiltSite;
  beforeAll(async () => {
    site = await buildFixture({}, async (contentDir) => {
      await appendFile(path.join(contentDir, '_data', 'units.yaml'), '- name: 区政府办公室\n  slug: zhengfu-bangongshi\n  aliases: [上街区人民政府办公室]\n');
      const file = path.join(contentDir, '2021', '02', '12-jiceng-jianfu.md');
      await writeFile(file, (await readFile(file, 'utf8')).replace('category: 基层动态', 'unit: 区政府办公室\ncategory: 基层动态'));
    });
  }, BUILD_TIMEOUT);
  afterAll(() => removeDir(site?.dir));

  it('lists all of the office’s items on one unit page', () => {
    const officeItems = site.fixture.items.filter((item) => item.unit === site.fixture.site.office).map((item) => item.url);
    expect(officeItems).toHaveLength(12);
    const unitPages = [...site.html.keys()].filter((file) => /^units\/[^/]+\/(\d+\/)?index\.html$/.test(file));
    const pagesWithOfficeItems = unitPages.filter((file) => officeItems.some((url) => site.html.get(file)!.includes(`href="${url}"`)));
    expect(pagesWithOfficeItems).toEqual(['units/zhengfu-bangongshi/index.html']);
    const $ = load(site.html.get('units/index.html')!);
    const names = $('main a[href^="/units/"]').toArray().map((a) => text($(a).text()));
    expect(names).not.toContain(site.fixture.site.office);
  });
});
