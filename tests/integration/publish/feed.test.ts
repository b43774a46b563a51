/**
 * Feeds and metadata: the Atom feed of the 50 newest items (valid by an offline feed validator,
 * atom-validator.ts: RFC 4287's RELAX NG schema and the rules it cannot express; absolute URLs;
 * each China date's midnight in UTC), sitemap.xml listing every page, robots.txt, and a canonical
 * link and Open Graph tags on every page. The fixture gains a fourth issue of ten newer items, so
 * that the feed has more than 50 items to choose from.
 */
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { load, type CheerioAPI } from 'cheerio';
import { SaxesParser } from 'saxes';
import { dateToRfc3339 } from '@11ty/eleventy-plugin-rss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, chinaMidnightInstant } from '../../../src/content/date.ts';
import { newestFirst, type FixtureSite } from '../../fixtures/site.ts';
import { writeTree } from '../../helpers/tree.ts';
import { BUILD_TIMEOUT, removeDir } from '../support.ts';
import { ATOM, formatProblems, isRfc3339, validateAtomFeed, type Check } from './atom-validator.ts';
import { buildFixture, pathOfFile, type BuiltFixture } from './support.ts';

/** Ten items newer than any of the fixture's, each on its own day: 2021-01-29 back to 2021-01-20. */
const EXTRA = Array.from({ length: 10 }, (_, i) => ({
  file: `2021/03/${String(i + 1).padStart(2, '0')}-tongbao-${i + 1}.md`,
  url: `/2021/03/tongbao-${i + 1}/`,
  title: `第3期通报第${i + 1}条`,
  date: `2021-01-${29 - i}`,
}));

/** Open Graph dates: a China date's midnight at +08:00. */
const CHINA_MIDNIGHT = /^\d{4}-\d{2}-\d{2}T00:00:00\+08:00$/;
/** The feed's dates: the same instant in UTC, 16:00 on the day before. */
const CHINA_MIDNIGHT_UTC = /^\d{4}-\d{2}-\d{2}T16:00:00Z$/;

/** libxml2 (WebAssembly) and html-validate on 50 entries take a second or two. */
const VALIDATE_TIMEOUT = 30_000;

let built: BuiltFixture;
let fx: FixtureSite;
let base: string;
const read = (file: string) => readFile(path.join(built.out, file), 'utf8');

beforeAll(async () => {
  built = await buildFixture('feed', {
    prepare: (content) =>
      writeTree(content, {
        '2021/03/index.md': '---\ndate: 2021-01-29\n---\n',
        ...Object.fromEntries(
          EXTRA.map((item, i) => [
            item.file,
            `---\ntitle: ${item.title}\ndate: ${item.date}\nunit: 济源路街道\ncategory: 疫情防控\n---\n\n第${i + 1}条正文。详见[第1期](/2021/01/)。\n`,
          ]),
        ),
      }),
  });
  fx = built.fixture;
  base = fx.site.url;
}, BUILD_TIMEOUT);
afterAll(() => removeDir(built?.dir));

/** Well-formedness errors of a whole XML document, from a conformant parser with namespaces. */
function xmlErrors(xml: string): string[] {
  const errors: string[] = [];
  const parser = new SaxesParser({ xmlns: true });
  parser.on('error', (error) => errors.push(error.message));
  parser.write(xml).close();
  return errors;
}

describe('the Atom feed', () => {
  let xml: string;
  let $: CheerioAPI;
  beforeAll(async () => {
    xml = await read('feed.xml');
    $ = load(xml, { xml: true });
  });
  const entries = () => $('feed > entry').toArray().map((el) => $(el));

  it('is well-formed XML, UTF-8, an Atom <feed> in Chinese', () => {
    expect(xmlErrors(xml)).toEqual([]);
    expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<feed ')).toBe(true);
    expect($.root().children().length).toBe(1);
    expect($('feed').attr('xmlns')).toBe(ATOM);
    expect($('feed').attr('xml:lang')).toBe('zh-CN');
  });

  it('the parser used finds what a feed validator would refuse', () => {
    expect(xmlErrors('<feed xmlns="http://www.w3.org/2005/Atom"><title>a &nbsp; b</title></feed>')).not.toEqual([]);
    expect(xmlErrors('<feed><entry></feed>')).not.toEqual([]);
  });

  it('passes the feed validator: RFC 4287’s RELAX NG schema and the rules it cannot express', async () => {
    expect(formatProblems(await validateAtomFeed(xml, { servedAt: `${base}feed.xml` }))).toEqual([]);
  }, VALIDATE_TIMEOUT);

  /** Each way to break the built feed, and the checks of the validator that must then complain. */
  const broken: [string, (xml: string) => string, Check[], string?][] = [
    ['no <id> for the feed', (x) => x.replace(`\n  <id>${base}</id>`, ''), ['schema']],
    ['a date without its time', (x) => x.replace('<updated>2021-01-28T16:00:00Z</updated>', '<updated>2021-01-29</updated>'), ['schema', 'date']],
    // xsd:dateTime, which the schema uses, allows a time without zone; RFC 3339 does not.
    ['a date without its zone', (x) => x.replace('<updated>2021-01-28T16:00:00Z</updated>', '<updated>2021-01-28T16:00:00</updated>'), ['date']],
    ['a relative id', (x) => x.replace(`<id>${base}2021/03/tongbao-1/</id>`, '<id>/2021/03/tongbao-1/</id>'), ['id']],
    ['two entries with one id', (x) => x.replace(`<id>${base}2021/03/tongbao-2/</id>`, `<id>${base}2021/03/tongbao-1/</id>`), ['id']],
    ['no author anywhere', (x) => x.replaceAll(/<author>\s*<name>[^<]*<\/name>\s*<\/author>/g, ''), ['author']],
    ['a second alternate link of the same type', (x) => x.replace('<link rel="alternate" type="text/html"', '<link rel="alternate" type="text/html" href="https://example.org/"/>\n  $&'), ['alternate']],
    ['a self link to another address', (x) => x, ['self'], 'https://elsewhere.example/feed.xml'],
    ['markup inside <content type="html">, not escaped', (x) => x.replace('<content type="html">', '<content type="html"><p>正文</p>'), ['schema']],
    ['HTML content that does not parse', (x) => x.replace('<content type="html">', '<content type="html">&lt;p&gt;正文&lt;/b&gt;'), ['html']],
    ['HTML content escaped twice', (x) => x.replace(/(<content type="html">)([^<]*)/, (_, tag: string, text: string) => tag + text.replaceAll('&', '&amp;')), ['html']],
    ['HTML content with a script', (x) => x.replace('<content type="html">', '<content type="html">&lt;script&gt;alert(1)&lt;/script&gt;'), ['html']],
    ['HTML content with a relative link', (x) => x.replace('<content type="html">', '<content type="html">&lt;p&gt;&lt;a href="/2021/01/"&gt;上期&lt;/a&gt;&lt;/p&gt;'), ['html']],
    ['not well-formed XML', (x) => x.replace('</title>', ' &nbsp;</title>'), ['xml', 'schema']],
  ];
  it.each(broken)('the validator refuses a feed with %s', async (_, breakIt, checks, servedAt = `${base}feed.xml`) => {
    const changed = breakIt(xml);
    expect(changed === xml).toBe(checks.includes('self'));
    const problems = await validateAtomFeed(changed, { servedAt });
    expect(new Set(problems.map((p) => p.check)), formatProblems(problems).join('\n')).toEqual(new Set(checks));
  }, VALIDATE_TIMEOUT);

  it('takes RFC 3339 dates only', () => {
    for (const date of ['2021-01-22T16:00:00Z', '2021-01-23T00:00:00+08:00', '2020-12-31T23:59:60.5-05:30']) expect(isRfc3339(date), date).toBe(true);
    for (const date of ['2021-01-23', '2021-01-22T16:00:00', '2021-01-22t16:00:00z', '2021-02-30T00:00:00Z', '2021-01-22T24:00:00Z', '2021-01-22 16:00:00Z']) {
      expect(isRfc3339(date), date).toBe(false);
    }
  });

  it('has one title, id and updated, an author, and links to itself and to the site, all absolute', () => {
    for (const tag of ['title', 'id', 'updated']) expect($(`feed > ${tag}`), tag).toHaveLength(1);
    expect($('feed > title').text()).toBe(fx.site.title);
    expect($('feed > subtitle').text()).toBe(fx.site.description);
    expect($('feed > id').text()).toBe(base);
    expect($('feed > author > name').text()).toBe(fx.site.office);
    expect($('feed > link[rel="self"]').attr('href')).toBe(`${base}feed.xml`);
    expect($('feed > link[rel="self"]').attr('type')).toBe('application/atom+xml');
    expect($('feed > link[rel="alternate"]').attr('href')).toBe(base);
  });

  it('lists the 50 newest items, newest first', () => {
    const expected = [...EXTRA.map((item) => item.url), ...newestFirst(fx.items).map((item) => item.url)].slice(0, 50);
    expect(fx.items.length + EXTRA.length).toBeGreaterThan(50);
    expect(entries().map((e) => e.children('link[rel="alternate"]').attr('href'))).toEqual(expected.map((url) => `${base}${url.slice(1)}`));
  });

  it('gives every entry one id, title and updated, an author, a category and its content', () => {
    const all = [...fx.items, ...EXTRA.map((x) => ({ ...x, firstSentence: '', unit: '济源路街道', category: '疫情防控' }))];
    const ids = new Set<string>();
    for (const entry of entries()) {
      for (const tag of ['id', 'title', 'updated']) expect(entry.children(tag), tag).toHaveLength(1);
      const url = entry.children('link[rel="alternate"]').attr('href')!;
      const item = all.find((i) => `${base}${i.url.slice(1)}` === url)!;
      expect(entry.children('id').text()).toBe(url);
      ids.add(url);
      expect(entry.children('title').text()).toBe(item.title);
      expect(entry.children('author').children('name').text()).toBe(item.unit);
      expect(entry.children('category').attr('term')).toBe(item.category);
      expect(entry.children('content').attr('type')).toBe('html');
      expect(entry.children('content').text()).toContain(item.firstSentence);
      expect(entry.children('summary').text().length).toBeGreaterThan(0);
    }
    expect(ids.size).toBe(50);
  });

  it('shows a title with <b> and & as text', () => {
    const { escaping } = fx.special;
    const entry = entries().find((e) => e.children('id').text().endsWith(escaping.url))!;
    expect(entry.children('title').text()).toBe(escaping.title);
    expect(xml).toContain('&lt;b&gt;');
  });

  it('dates every entry with the instant its China date starts, in UTC, and the feed with the newest', () => {
    for (const entry of entries()) {
      const url = entry.children('id').text();
      const date = [...fx.items, ...EXTRA].find((i) => url.endsWith(i.url))!.date;
      // 00:00 in China is 16:00 UTC on the day before.
      expect(entry.children('updated').text()).toBe(`${addDays(date, -1)}T16:00:00Z`);
      expect(entry.children('published').text()).toBe(`${addDays(date, -1)}T16:00:00Z`);
    }
    expect($('feed > updated').text()).toBe('2021-01-28T16:00:00Z');
    for (const el of $('updated, published').toArray()) expect($(el).text()).toMatch(CHINA_MIDNIGHT_UTC);
  });

  it('writes its dates with the RSS plugin’s dateToRfc3339 from our China midnight, across a year’s end', () => {
    expect(dateToRfc3339(chinaMidnightInstant('2021-01-23'))).toBe('2021-01-22T16:00:00Z');
    expect(dateToRfc3339(chinaMidnightInstant('2021-01-01'))).toBe('2020-12-31T16:00:00Z');
    expect(() => chinaMidnightInstant('2021-02-30')).toThrow(TypeError);
  });

  it('makes the links inside an item’s content absolute', () => {
    const content = load(entries()[0]!.children('content').text());
    expect(content('a').attr('href')).toBe(`${base}2021/01/`);
  });

  it('is announced on every page', async () => {
    for (const file of built.files.filter((f) => f.endsWith('.html'))) {
      const $page = load(await read(file));
      expect($page('head link[rel="alternate"][type="application/atom+xml"]').attr('href'), file).toBe('/feed.xml');
    }
  });
});

describe('the Atom feed under a path prefix', () => {
  const site = 'https://example.gov.cn/bulletin/';
  let prefixed: BuiltFixture;
  beforeAll(async () => {
    prefixed = await buildFixture('feed-prefix', { siteUrl: site });
  }, BUILD_TIMEOUT);
  afterAll(() => removeDir(prefixed?.dir));

  it('passes the feed validator, served at the prefix, with every URL under it', async () => {
    const xml = await readFile(path.join(prefixed.out, 'feed.xml'), 'utf8');
    expect(formatProblems(await validateAtomFeed(xml, { servedAt: `${site}feed.xml` }))).toEqual([]);
    const $ = load(xml, { xml: true });
    expect($('feed > id').text()).toBe(site);
    for (const el of $('entry > id').toArray()) expect($(el).text().startsWith(site)).toBe(true);
  }, VALIDATE_TIMEOUT);
});

describe('sitemap.xml and robots.txt', () => {
  it('the sitemap is well-formed and lists every page but 404.html, once, by absolute URL, sorted', async () => {
    const xml = await read('sitemap.xml');
    expect(xmlErrors(xml)).toEqual([]);
    const $ = load(xml, { xml: true });
    expect($('urlset').attr('xmlns')).toBe('http://www.sitemaps.org/schemas/sitemap/0.9');
    const locs = $('urlset > url > loc').toArray().map((el) => $(el).text());
    const pages = built.files.filter((f) => f.endsWith('.html') && f !== '404.html').map((f) => `${base}${pathOfFile(f).slice(1)}`);
    expect(locs.toSorted()).toEqual(pages.toSorted());
    expect(locs).toEqual(locs.toSorted());
    expect(locs).toContain(`${base}archive/1/`);
    expect(locs).toContain(`${base}${EXTRA[0]!.url.slice(1)}`);
  });

  it('robots.txt lets every crawler in and names the sitemap', async () => {
    expect((await read('robots.txt')).split('\n')).toEqual(['User-agent: *', 'Disallow:', '', `Sitemap: ${base}sitemap.xml`, '']);
  });
});

describe('canonical link and Open Graph', () => {
  it('every page but 404.html names itself at its absolute address, as canonical link and og:url', async () => {
    for (const file of built.files.filter((f) => f.endsWith('.html'))) {
      const $ = load(await read(file));
      const canonical = $('head link[rel="canonical"]');
      if (file === '404.html') {
        expect(canonical).toHaveLength(0);
        continue;
      }
      const url = `${base}${pathOfFile(file).slice(1)}`;
      expect(canonical.length, file).toBe(1);
      expect(canonical.attr('href'), file).toBe(url);
      expect($('head meta[property="og:url"]').attr('content'), file).toBe(url);
    }
  });

  it('every page has og:title, og:description, og:site_name, og:locale and og:type; an item is an article with its date', async () => {
    const items = new Set([...fx.items, ...EXTRA].map((i) => i.url));
    for (const file of built.files.filter((f) => f.endsWith('.html'))) {
      const $ = load(await read(file));
      const og = (property: string) => $(`head meta[property="${property}"]`).attr('content');
      const title = $('head > title').text();
      expect(title.endsWith(fx.site.title), file).toBe(true);
      // The <title> without the bulletin's name after it; the home page's is the name alone.
      expect(og('og:title'), file).toBe(title === fx.site.title ? title : title.slice(0, -` - ${fx.site.title}`.length));
      expect(og('og:description'), file).toBe($('head meta[name="description"]').attr('content'));
      expect(og('og:site_name'), file).toBe(fx.site.title);
      expect(og('og:locale'), file).toBe('zh_CN');
      const item = items.has(pathOfFile(file));
      expect(og('og:type'), file).toBe(item ? 'article' : 'website');
      if (item) expect(og('article:published_time'), file).toMatch(CHINA_MIDNIGHT);
      else expect(og('article:published_time'), file).toBeUndefined();
    }
    const $item = load(await read(`${EXTRA[3]!.url.slice(1)}index.html`));
    expect($item('head meta[property="article:published_time"]').attr('content')).toBe('2021-01-26T00:00:00+08:00');
  });
});

describe('a site with nothing published yet', () => {
  let empty: BuiltFixture;
  beforeAll(async () => {
    // Only the _data files: no issue at all.
    empty = await buildFixture('feed-empty', {
      prepare: async (content) => {
        for (const year of ['2020', '2021']) await rm(path.join(content, year), { recursive: true });
      },
    });
  }, BUILD_TIMEOUT);
  afterAll(() => removeDir(empty?.dir));

  it('has no feed and announces none (Atom needs a date, and only content gives one), but has a sitemap', async () => {
    expect(empty.files).not.toContain('feed.xml');
    const home = await readFile(path.join(empty.out, 'index.html'), 'utf8');
    expect(home).not.toContain('application/atom+xml');
    expect(await readFile(path.join(empty.out, 'sitemap.xml'), 'utf8')).toContain(`<loc>${empty.fixture.site.url}</loc>`);
  });
});
