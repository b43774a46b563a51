/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The search page in a real browser, over the built fixture site: known answers, filters, the URL
 * as the page's state, keyboard use, a path prefix, no JavaScript, and axe-core on the main page
 * types. Expected results come from substring search over the items' title and text.
 */
import { mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/pipeline/build.ts';
import { loadContent } from '../../src/content/load.ts';
import { findBodyLinks } from '../../src/markdown/body-links.ts';
import { buildSite } from '../../src/site/structure.ts';
import type { ItemPage } from '../../src/site/model.ts';
import { renderNow } from '../helpers/content.ts';
import { startFixtureInBrowser, START_TIMEOUT, type FixtureInBrowser } from '../helpers/fixture-browser.ts';
import { serve, type StaticServer } from '../helpers/serve.ts';
import { fixtureSite, writeFixtureSite } from '../fixtures/site.ts';

const fixture = fixtureSite();
const PREFIX = '/gongzuo/dongtai/';
let site: FixtureInBrowser;
let server: StaticServer;
let browser: Browser;
let dir: string;
let prefixed: StaticServer;
/** The published items, newest first, with their plain text: the ground truth's input. */
let items: ItemPage[];

beforeAll(async () => {
  site = await startFixtureInBrowser();
  ({ server, browser } = site);
  // The same content built for https://…/gongzuo/dongtai/ and served there, as a host would.
  dir = await mkdtemp(path.join(tmpdir(), 'bulletin-search-'));
  const contentDir = path.join(dir, 'content');
  await writeFixtureSite(contentDir);
  const result = await build({ contentDir, outDir: path.join(dir, 'prefixed'), root: dir, siteUrl: `https://bulletin.example.gov.cn${PREFIX}` });
  if (!result.ok) throw new Error(`fixture build failed: ${result.failure ?? JSON.stringify(result.diagnostics)}`);
  await mkdir(path.join(dir, 'host', 'gongzuo'), { recursive: true });
  await symlink(path.join(dir, 'prefixed'), path.join(dir, 'host', 'gongzuo', 'dongtai'));
  prefixed = await serve(path.join(dir, 'host'));
  const { content } = await loadContent(contentDir, { findLinks: findBodyLinks, root: dir });
  items = buildSite(content!, renderNow).newest;
}, START_TIMEOUT);

afterAll(async () => {
  await site?.close();
  await prefixed?.close();
  await rm(dir, { recursive: true, force: true });
});

/** URLs of the items containing every term (Latin in lower case), newest first. */
function expected(q: string, keep: (item: ItemPage) => boolean = () => true): string[] {
  const terms = q.toLowerCase().split(/\s+/).filter(Boolean);
  return items.filter((i) => keep(i) && terms.every((t) => `${i.title}\n${i.text}`.toLowerCase().includes(t))).map((i) => i.url);
}

/** A page in a context of its own (axe-core needs one), closed with the page. */
async function open(url: string, base = server.url): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  // Its context goes too; after the last test the browser may close first, and then it is gone already.
  page.on('close', () => void context.close().catch(() => undefined));
  await page.goto(base + url);
  return page;
}

const status = (page: Page) => page.locator('.search-status');

/** Waits for the answer to the search in the URL, then loads every page of it; the result links' paths. */
async function allResults(page: Page): Promise<string[]> {
  await page.waitForFunction(() => /找到|没有/.test(document.querySelector('.search-status')?.textContent ?? ''));
  await page.waitForFunction(() => !document.getElementById('search')?.hasAttribute('aria-busy'));
  const more = page.locator('.search-more');
  while (await more.isVisible()) {
    const before = await page.locator('.search-results > li').count();
    await more.click();
    await page.waitForFunction((n) => document.querySelectorAll('.search-results > li').length > n, before);
  }
  return page.locator('.search-results h2 a').evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
}

describe('queries with known answers', () => {
  it.each([
    ['a single character', '疫'],
    ['a single character in few items', '镇'],
    ['a two-character word', '冷链'],
    ['a phrase', '疫情防控'],
    ['a longer phrase', '进一步压紧压实'],
    ['a unit name', '济源路街道'],
    ['another unit name', '区市场监管局'],
    ['digits', '48'],
    ['digits with Han characters', '48小时'],
    ['Latin letters, any case', 'led'],
    ['two terms', '疫情 冷链'],
    ['an absent word', '火星探测器'],
    ['an absent name of eight characters', '欧阳振华同志讲话'],
  ])('%s: %s', async (_, q) => {
    const answer = expected(q);
    const page = await open(`/search/?q=${encodeURIComponent(q)}`);
    const got = await allResults(page);
    const said = await status(page).textContent();
    await page.close();
    expect(got).toEqual(answer);
    if (answer.length === 0) expect(said).toContain('没有找到');
    else expect(said).toContain(`找到 ${answer.length} 条`);
  }, 30_000);

  it('shows each result’s title as a link, its date, unit and category, and an excerpt with the match marked', async () => {
    const page = await open(`/search/?q=${encodeURIComponent('48小时')}`);
    const first = page.locator('.search-results > li').first();
    await first.waitFor();
    const item = items.find((i) => i.url === expected('48小时')[0])!;
    expect(await first.locator('h2 a').textContent()).toBe(item.title);
    expect(await first.locator('time').getAttribute('datetime')).toBe(item.date);
    expect(await first.locator('.meta').textContent()).toContain(item.unit.name);
    expect(await first.locator('.meta').textContent()).toContain(item.category.name);
    expect(await first.locator('.summary-excerpt mark').allTextContents()).toContain('48小时');
    await page.close();
  });

  it('shows markup in a title as text', async () => {
    const escaping = fixture.special.escaping;
    const page = await open(`/search/?q=${encodeURIComponent('稳岗')}`);
    await page.locator('.search-results > li').first().waitFor();
    expect(await page.locator('.search-results h2 a').first().textContent()).toBe(escaping.title);
    expect(await page.locator('.search-results script, .search-results b').count()).toBe(0);
    await page.close();
  });
});

describe('filters', () => {
  it('narrow to the ticked units (any of them) and category, and put them in the URL', async () => {
    const page = await open(`/search/?q=${encodeURIComponent('疫情')}`);
    await allResults(page);
    await page.locator('summary', { hasText: '来源单位' }).click();
    await page.getByLabel('济源路街道', { exact: true }).check();
    await page.waitForFunction(() => location.search.includes('unit='));
    await page.getByLabel('区卫生健康委员会', { exact: true }).check();
    await page.waitForFunction(() => new URLSearchParams(location.search).getAll('unit').length === 2);
    const units = ['济源路街道', '区卫生健康委员会'];
    expect(await allResults(page)).toEqual(expected('疫情', (i) => units.includes(i.unit.name)));
    await page.locator('summary', { hasText: '栏目' }).click();
    await page.getByLabel('疫情防控', { exact: true }).check();
    await page.waitForFunction(() => location.search.includes('category='));
    expect(await allResults(page)).toEqual(expected('疫情', (i) => units.includes(i.unit.name) && i.category.name === '疫情防控'));
    expect(await page.locator('summary', { hasText: '来源单位' }).textContent()).toContain('已选 2');
    await page.close();
  }, 30_000);

  it('drop from the URL a value the site does not have (it would have no box to untick)', async () => {
    const page = await open(`/search/?q=${encodeURIComponent('疫情')}&unit=${encodeURIComponent('已撤销的单位')}`);
    expect(await allResults(page)).toEqual(expected('疫情'));
    expect(new URL(page.url()).searchParams.getAll('unit')).toEqual([]);
    await page.close();
  }, 30_000);

  it('list a year’s items without a query, and a year is the issue’s year', async () => {
    const page = await open('/search/?year=2021');
    const answer = items.filter((i) => i.issue.year === 2021).map((i) => i.url);
    expect(await allResults(page)).toEqual(answer);
    expect(answer).toContain(fixture.special.lastDayOf2020.url);
    expect(await page.getByLabel('2021年', { exact: true }).isChecked()).toBe(true);
    await page.close();
  }, 30_000);
});

describe('the URL is the state', () => {
  it('typing updates results and the URL without loading a page; reload and back restore the search', async () => {
    const page = await open('/search/');
    await expect.poll(() => status(page).textContent()).toContain('请输入');
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 1));
    await page.locator('#search-q').pressSequentially('冷链');
    await page.waitForFunction(() => new URLSearchParams(location.search).get('q') === '冷链');
    expect(await allResults(page)).toEqual(expected('冷链'));
    // Same document: nothing was loaded.
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1);
    // Enter ends the run of typing: what is typed next is a new entry in the history.
    await page.keyboard.press('Enter');

    await page.locator('#search-q').fill('核酸检测');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => new URLSearchParams(location.search).get('q') === '核酸检测');
    expect(await allResults(page)).toEqual(expected('核酸检测'));

    await page.reload();
    expect(await page.locator('#search-q').inputValue()).toBe('核酸检测');
    expect(await allResults(page)).toEqual(expected('核酸检测'));

    await page.goBack();
    await page.waitForFunction(() => new URLSearchParams(location.search).get('q') === '冷链');
    expect(await page.locator('#search-q').inputValue()).toBe('冷链');
    expect(await allResults(page)).toEqual(expected('冷链'));
    await page.close();
  }, 30_000);

  it('the search box in every page’s header leads to the search page with the query', async () => {
    const page = await open(fixture.issues[0]!.url);
    await page.getByRole('searchbox', { name: '搜索本站信息' }).fill('疫苗');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/search\/\?q=/);
    expect(await page.locator('#search-q').inputValue()).toBe('疫苗');
    expect(await allResults(page)).toEqual(expected('疫苗'));
    await page.close();
  }, 30_000);
});

describe('keyboard', () => {
  it('searches, filters, opens a result and loads more without a mouse', async () => {
    const page = await open('/search/');
    await page.locator('#search-q').focus();
    await page.keyboard.type('区');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelectorAll('.search-results > li').length === 10);
    // The facets are drawn with the results' counts, on a busy machine a moment after the list.
    await page.waitForSelector('.search-facets summary');
    // Tab from the input: the button, then the facets' summaries; Enter opens one, Space ticks a box.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('来源单位');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    await page.waitForFunction(() => location.search.includes('unit='));
    const unit = await page.evaluate(() => (document.activeElement as HTMLInputElement).value);
    const answer = expected('区', (i) => i.unit.name === unit);
    expect(answer.length).toBeGreaterThan(0);
    expect(await allResults(page)).toEqual(answer);

    await page.locator('#search-q').fill('');
    await page.keyboard.type('防控');
    await page.keyboard.press('Enter');
    await page.getByLabel(unit, { exact: true }).focus();
    await page.keyboard.press('Space');
    await page.waitForFunction(() => !location.search.includes('unit='));
    await page.waitForFunction(() => document.querySelectorAll('.search-results > li').length === 10);
    await page.locator('.search-more').focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelectorAll('.search-results > li').length > 10);
    // Focus moves to the first new result, so the reader goes on from there.
    const focused = await page.evaluate(() => document.activeElement?.closest('li') === document.querySelectorAll('.search-results > li')[10]);
    expect(focused).toBe(true);
    const href = await page.evaluate(() => (document.activeElement as HTMLAnchorElement).href);
    await page.keyboard.press('Enter');
    await page.waitForURL(href);
    await page.close();
  }, 30_000);

  it('announces the result count in a live region', async () => {
    const page = await open(`/search/?q=${encodeURIComponent('冷链')}`);
    const region = page.locator('[role="status"][aria-live="polite"]');
    await expect.poll(() => region.textContent()).toContain(`找到 ${expected('冷链').length} 条`);
    expect(await page.getByLabel('关键词').getAttribute('type')).toBe('search');
    await page.close();
  });
});

describe('offers beside the results (issue #16)', () => {
  const settled = async (page: Page) => {
    await page.waitForFunction(() => /找到|没有/.test(document.querySelector('.search-status')?.textContent ?? ''));
    await page.waitForFunction(() => !document.getElementById('search')?.hasAttribute('aria-busy'));
  };
  const resultLinks = (page: Page) => page.locator('.search-results h2 a').evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname));

  it('a query that names a unit offers its filter; taking it ticks the unit and keeps the rest of the query', async () => {
    const page = await open(`/search/?q=${encodeURIComponent('通航试验区 项目')}`);
    await settled(page);
    const offer = page.getByRole('button', { name: '只看来源单位为“通航试验区管委会”的信息' });
    await expect.poll(() => offer.count()).toBe(1);
    expect(await status(page).textContent()).toContain('可以只看来源单位为“通航试验区管委会”的信息');
    await offer.click();
    await page.waitForURL((url) => url.searchParams.get('unit') === '通航试验区管委会');
    await settled(page);
    expect(new URL(page.url()).searchParams.get('q')).toBe('项目');
    expect(await page.locator('input[name="unit"][value="通航试验区管委会"]').isChecked()).toBe(true);
    expect(await resultLinks(page)).toEqual(expected('项目', (item) => item.unit.name === '通航试验区管委会'));
    await page.close();
  });

  it('a category’s name offers the category', async () => {
    const page = await open(`/search/?q=${encodeURIComponent('项目建设')}`);
    await settled(page);
    await expect.poll(() => page.getByRole('button', { name: '只看栏目为“项目建设”的信息' }).count()).toBe(1);
    await page.close();
  });

  it('pinyin finds the characters: lenglian shows the items with 冷链, and says so', async () => {
    const page = await open('/search/?q=lenglian');
    await settled(page);
    expect(await resultLinks(page)).toEqual(expected('冷链').slice(0, 10));
    expect(await status(page).textContent()).toContain('包含“冷链”的信息（按拼音“lenglian”查找）');
    expect(await page.locator('.search-results mark').first().textContent()).toBe('冷链');
    await page.close();
  });

  it('nothing found: offers a homophone that finds items, and the names close to what was typed', async () => {
    const page = await open(`/search/?q=${encodeURIComponent('冷连')}`);
    await settled(page);
    expect(await status(page).textContent()).toContain('没有找到包含“冷连”的信息。您是不是要找“冷链”？');
    await page.locator('.search-offer').getByRole('button', { name: '冷链' }).click();
    await page.waitForURL((url) => url.searchParams.get('q') === '冷链');
    await settled(page);
    expect(await page.locator('.search-results > li').count()).toBe(Math.min(10, expected('冷链').length));

    await page.goto(`${server.url}/search/?q=${encodeURIComponent('济源路街到')}`);
    await settled(page);
    expect(await status(page).textContent()).toContain('相近的名称：济源路街道。');
    await page.getByRole('button', { name: '来源单位：济源路街道' }).click();
    await page.waitForURL((url) => url.searchParams.get('unit') === '济源路街道');
    await settled(page);
    expect(new URL(page.url()).searchParams.get('q')).toBeNull();
    expect(await page.locator('.search-results > li').count()).toBe(Math.min(10, items.filter((item) => item.unit.name === '济源路街道').length));
    await page.close();
  });

  it('offers nothing for a query that finds what it asks and names no unit', async () => {
    const page = await open(`/search/?q=${encodeURIComponent('冷链')}`);
    await settled(page);
    expect(await page.locator('.search-offer').count()).toBe(0);
    await page.close();
  });
});

describe('hosting', () => {
  it('works under a path prefix: the index is found and result links keep the prefix', async () => {
    const page = await open(`${PREFIX}search/?q=${encodeURIComponent('冷链')}`, prefixed.url);
    const got = await allResults(page);
    expect(got).toEqual(expected('冷链').map((url) => PREFIX + url.slice(1)));
    await page.close();
  }, 30_000);

  it('asks for nothing but its own host', async () => {
    const page = await browser.newPage();
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(`${server.url}/search/?q=${encodeURIComponent('疫情防控')}&unit=${encodeURIComponent('济源路街道')}`);
    await allResults(page);
    await page.close();
    expect(requests.some((url) => url.endsWith('.bin'))).toBe(true);
    expect(requests.filter((url) => !url.startsWith(server.url))).toEqual([]);
  }, 30_000);

  it('without JavaScript, says so and links to the archive', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${server.url}/search/?q=${encodeURIComponent('疫情')}`);
    expect(await page.locator('#search').isVisible()).toBe(false);
    const notice = page.locator('main p', { hasText: 'JavaScript' });
    expect(await notice.isVisible()).toBe(true);
    expect(await notice.locator('a[href="/archive/"]').count()).toBe(1);
    await context.close();
  });
});

describe('accessibility (axe-core)', () => {
  const pages = (): [string, string][] => [
    ['home', '/'],
    ['item', fixture.items[0]!.url],
    ['issue', fixture.issues.at(-1)!.url],
    ['archive', '/archive/'],
    ['category', fixture.categories[0]!.url],
    ['search with results and an open filter', `/search/?q=${encodeURIComponent('疫情')}&unit=${encodeURIComponent('济源路街道')}`],
    ['search without results', `/search/?q=${encodeURIComponent('火星')}`],
    ['search offering a filter', `/search/?q=${encodeURIComponent('通航试验区')}`],
    ['search offering a homophone and a close name', `/search/?q=${encodeURIComponent('冷连 济源路街到')}`],
  ];

  it.each(pages())('%s (%s) has no serious or critical violation', async (_, url) => {
    const page = await open(url);
    if (url.startsWith('/search/')) await allResults(page);
    const { violations } = await new AxeBuilder({ page }).analyze();
    await page.close();
    const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  }, 30_000);
});
