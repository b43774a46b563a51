/// <reference lib="dom" />
/**
 * The site published under a path prefix (SITE_URL=https://example.gov.cn/bulletin/): every
 * link, asset, form, feed and sitemap entry in the output resolves under the prefix; then a real
 * browser, served the site under /bulletin/ and nothing at the root, follows every link.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { load } from 'cheerio';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../../helpers/browser.ts';
import { serve, type StaticServer } from '../../helpers/serve.ts';
import { BUILD_TIMEOUT, removeDir } from '../support.ts';
import { buildFixture, pathOfFile, type BuiltFixture } from './support.ts';

const SITE = 'https://example.gov.cn/bulletin/';
const PREFIX = '/bulletin/';
/** An item whose body gains a root-relative link, which must get the prefix like the templates' links. */
const LINKING_ITEM = '2021/01/03-tonghang-kaigong.md';

let built: BuiltFixture;
const read = (file: string) => readFile(path.join(built.out, file), 'utf8');

beforeAll(async () => {
  // The output goes to www/bulletin/, so that serving www/ puts the site under /bulletin/.
  built = await buildFixture('prefix', {
    siteUrl: SITE,
    out: 'www/bulletin',
    prepare: async (content) => {
      const file = path.join(content, LINKING_ITEM);
      await writeFile(file, `${await readFile(file, 'utf8')}\n详见[2020年第52期](/2020/52/)。\n`, 'utf8');
    },
  });
}, BUILD_TIMEOUT);
afterAll(() => removeDir(built?.dir));

/**
 * The output file a URL on the site is served from, or why it is not on the site. Absolute URLs
 * must start with SITE, root-relative ones with PREFIX; relative ones are resolved first.
 */
function fileFor(value: string, pageUrl: string): { file: string } | { problem: string } {
  const absolute = new URL(value, new URL(pageUrl.slice(1), SITE));
  const url = `${absolute.origin}${absolute.pathname}`;
  if (/^[a-z][a-z0-9+.-]*:/i.test(value) && !value.startsWith(SITE)) return { problem: 'not under the site URL' };
  if (value.startsWith('/') && !value.startsWith(PREFIX)) return { problem: 'root-relative without the prefix' };
  if (!url.startsWith(SITE)) return { problem: 'outside the prefix' };
  const relative = decodeURIComponent(url.slice(SITE.length));
  return { file: relative === '' || relative.endsWith('/') ? `${relative}index.html` : relative };
}

describe('the output under a path prefix', () => {
  it('every href, src, form action and og:url of every page resolves to a file under the prefix', async () => {
    const files = new Set(built.files);
    const problems: string[] = [];
    let checked = 0;
    for (const file of built.files.filter((f) => f.endsWith('.html'))) {
      // Without scripting, so that the links inside <noscript> are parsed as links.
      const $ = load(await read(file), { scriptingEnabled: false });
      const values = [
        ...$('[href]').toArray().map((el) => $(el).attr('href')!),
        ...$('[src]').toArray().map((el) => $(el).attr('src')!),
        ...$('form[action]').toArray().map((el) => $(el).attr('action')!),
        ...$('meta[property="og:url"]').toArray().map((el) => $(el).attr('content')!),
      ];
      for (const value of values.filter((v) => !v.startsWith('#'))) {
        checked++;
        const target = fileFor(value, pathOfFile(file));
        if ('problem' in target) problems.push(`${file}: ${value}: ${target.problem}`);
        else if (!files.has(target.file)) problems.push(`${file}: ${value}: no file ${target.file}`);
      }
    }
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThan(1000);
  });

  it('the templates’ root-relative links and a clerk’s link in Markdown both carry the prefix', async () => {
    const $ = load(await read('2021/01/tonghang-kaigong/index.html'));
    expect($('head link[rel="stylesheet"]').attr('href')).toBe('/bulletin/assets/style.css');
    expect($('a.site-name').attr('href')).toBe('/bulletin/');
    expect($('main .prose a').attr('href')).toBe('/bulletin/2020/52/');
    expect($('head link[rel="canonical"]').attr('href')).toBe(`${SITE}2021/01/tonghang-kaigong/`);
  });

  it('the stylesheet refers to no root-relative URL, which would miss the prefix', async () => {
    for (const file of built.files.filter((f) => f.endsWith('.css'))) {
      expect(await read(file), file).not.toMatch(/url\(\s*['"]?\//);
    }
  });

  it('every link and id in the feed, and every URL in the sitemap and robots.txt, is a file under the prefix', async () => {
    const files = new Set(built.files);
    const urls: string[] = [];
    const feed = load(await read('feed.xml'), { xml: true });
    urls.push(...feed('link').toArray().map((el) => feed(el).attr('href')!), ...feed('id').toArray().map((el) => feed(el).text()));
    for (const content of feed('entry > content').toArray()) {
      const $ = load(feed(content).text());
      urls.push(...$('a[href]').toArray().map((el) => $(el).attr('href')!));
    }
    const sitemap = load(await read('sitemap.xml'), { xml: true });
    urls.push(...sitemap('loc').toArray().map((el) => sitemap(el).text()));
    urls.push(/^Sitemap: (.+)$/m.exec(await read('robots.txt'))![1]!);
    expect(urls.length).toBeGreaterThan(100);
    expect(urls).toContain(`${SITE}2020/52/`);
    const problems = urls.flatMap((url) => {
      if (!url.startsWith(SITE)) return [`${url}: not under ${SITE}`];
      const target = fileFor(url, '/');
      return 'file' in target && files.has(target.file) ? [] : [`${url}: no file`];
    });
    expect(problems).toEqual([]);
  });
});

describe('in a browser, served under /bulletin/ with nothing at the root', () => {
  let server: StaticServer;
  let browser: Browser;
  let origin: string;

  beforeAll(async () => {
    server = await serve(path.dirname(built.out));
    origin = server.url;
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** Opens `url`, and records every request that went outside the prefix, failed, or was answered with an error. */
  async function open(url: string): Promise<{ page: Page; problems: string[] }> {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(`${origin}${PREFIX}`)) problems.push(`${page.url()}: asked for ${request.url()}`);
    });
    page.on('response', (response) => {
      if (response.status() >= 400) problems.push(`${page.url()}: ${response.status()} for ${response.url()}`);
    });
    page.on('requestfailed', (request) => {
      // Chromium fetches the favicon after the load event; going on to the next page cancels it.
      const cancelled = request.failure()?.errorText === 'net::ERR_ABORTED' && /\/favicon\.(ico|svg)$/.test(request.url());
      if (!cancelled) problems.push(`${page.url()}: ${request.url()} failed`);
    });
    page.on('pageerror', (error) => problems.push(`${page.url()}: script error ${error.message}`));
    await page.goto(origin + url, { waitUntil: 'load' });
    return { page, problems };
  }

  /** One page of each type; rendering every page would take minutes on a busy machine, and the test above reads them all. */
  function pageTypes(): string[] {
    const { fixture } = built;
    return ['', fixture.issues[0]!.url.slice(1), fixture.items[0]!.url.slice(1), 'issues/', 'archive/1/', fixture.categories[0]!.url.slice(1), 'units/', 'years/2021/', '404.html', 'search/'].map(
      (url) => `${PREFIX}${url}`,
    );
  }

  it('loads each type of page with its stylesheet and scripts, and every link on it answers', async () => {
    const { page, problems } = await open(PREFIX);
    const followed = new Map<string, number>();
    for (const url of pageTypes()) {
      await page.goto(origin + url, { waitUntil: 'load' });
      if (!(await page.evaluate(() => [...document.styleSheets].some((sheet) => sheet.cssRules.length > 0)))) problems.push(`${url}: no stylesheet applied`);
      const links = await page.evaluate(() => [...document.querySelectorAll<HTMLAnchorElement | HTMLLinkElement>('a[href], link[href]')].map((a) => a.href));
      for (const link of links.map((l) => l.replace(/#.*$/, ''))) {
        if (followed.has(link) || (!link.startsWith(origin) && link.startsWith('http'))) continue;
        followed.set(link, (await page.request.get(link)).status());
      }
    }
    await page.close();
    expect(problems).toEqual([]);
    expect([...followed].filter(([link, status]) => status !== 200 || !link.startsWith(`${origin}${PREFIX}`))).toEqual([]);
    expect(followed.size).toBeGreaterThan(60);
  }, 180_000);

  it('the main navigation leads to the archive, and the feed announced in the page is served', async () => {
    const { page, problems } = await open(PREFIX);
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '全部信息' }).click();
    await page.waitForURL(`${origin}${PREFIX}archive/`);
    expect(await page.locator('h1').textContent()).toBe('全部信息');
    const feedUrl = await page.locator('link[rel="alternate"][type="application/atom+xml"]').evaluate((l: HTMLLinkElement) => l.href);
    expect(feedUrl).toBe(`${origin}${PREFIX}feed.xml`);
    const feed = await page.request.get(feedUrl);
    expect(feed.status()).toBe(200);
    expect(await feed.text()).toContain(`<link rel="self" type="application/atom+xml" href="${SITE}feed.xml"/>`);
    await page.close();
    expect(problems).toEqual([]);
  }, 60_000);

  it('search works under the prefix: its results link to pages under it', async () => {
    const { page, problems } = await open(`${PREFIX}search/?q=${encodeURIComponent('疫情')}`);
    const results = page.locator('.search-results a[href]');
    await results.first().waitFor({ timeout: 20_000 });
    const hrefs = await results.evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href));
    await page.close();
    // Each result links to its item, and to its unit and category.
    expect(hrefs.filter((href) => !href.startsWith(`${origin}${PREFIX}`))).toEqual([]);
    expect(hrefs.filter((href) => /^\/bulletin\/\d{4}\/\d{2}\/[a-z0-9-]+\/$/.test(new URL(href).pathname)).length).toBeGreaterThan(0);
    expect(problems).toEqual([]);
  }, 60_000);
});
