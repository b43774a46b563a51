/**
 * What readers of a Chinese government site expect on every page (issue #16), in the built HTML:
 * the footer's identifiers from site.yaml, a Content-Security-Policy that allows this site only
 * and no inline script, a favicon, breadcrumbs (当前位置) and 【打印】 where they belong.
 */
import { appendFile, readFile } from 'node:fs/promises';
import path from 'node:path';
import * as cheerio from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDir } from '../support.ts';
import { buildFixture, pathOfFile, type BuiltFixture } from './support.ts';

let built: BuiltFixture;
const FOOTER = ['footer:', '  host: 示例区人民政府', '  siteCode: "4101060001"', '  icp: 豫ICP备12345678号-1', '  police: 豫公网安备41010602000001号', '  contact: 0371-12345678', ''].join('\n');

beforeAll(async () => {
  built = await buildFixture('conventions', { prepare: (content) => appendFile(path.join(content, '_data/site.yaml'), FOOTER) });
}, 120_000);
afterAll(() => removeDir(built?.dir));

const page = async (file: string) => cheerio.load(await readFile(path.join(built.out, file), 'utf8'));
const htmlPages = () => built.files.filter((file) => file.endsWith('.html'));

describe('every page', () => {
  it('carries the footer’s identifiers, the records linked', async () => {
    for (const file of htmlPages()) {
      const $ = await page(file);
      const lines = $('.site-footer li').map((_, li) => $(li).text()).get();
      expect(lines, file).toEqual(['主办单位：示例区人民政府', `编印单位：${built.fixture.office.name}`, '网站标识码：4101060001', 'ICP备案号：豫ICP备12345678号-1', '公安机关备案号：豫公网安备41010602000001号', '联系方式：0371-12345678']);
      expect($('.site-footer a').map((_, a) => $(a).attr('href')).get()).toEqual(['https://beian.miit.gov.cn/', 'https://www.beian.gov.cn/portal/registerSystemInfo?recordcode=41010602000001']);
    }
  });

  it('sets a Content-Security-Policy of this site only, with no inline script or style anywhere', async () => {
    for (const file of htmlPages()) {
      const $ = await page(file);
      const policy = $('meta[http-equiv="Content-Security-Policy"]').attr('content') ?? '';
      expect(policy, file).toMatch(/(^|;\s*)default-src 'self'(;|$)/);
      expect(policy).not.toMatch(/unsafe-inline|unsafe-eval/);
      expect($('script:not([src])').length, file).toBe(0);
      expect($('[style]').length, file).toBe(0);
      expect($('*').filter((_, el) => Object.keys((el as { attribs?: Record<string, string> }).attribs ?? {}).some((name) => name.startsWith('on'))).length, file).toBe(0);
    }
  });

  it('names a favicon that the output holds, and has one at the root for browsers that ask there', async () => {
    const $ = await page('index.html');
    const icons = $('link[rel="icon"]').map((_, link) => $(link).attr('href')).get();
    expect(icons).toEqual(['/assets/favicon.svg', '/favicon.ico']);
    for (const icon of icons) expect(built.files).toContain(icon.slice(1));
  });
});

describe('where a reader is', () => {
  it('shows 当前位置 on issue, item, archive, statistics and search pages, ending at the page itself', async () => {
    const issue = built.fixture.issues.at(-1)!;
    const item = issue.items[0]!;
    const expected: [string, string[]][] = [
      [issue.url, ['首页', '往期简报', issue.label]],
      [item.url, ['首页', '往期简报', issue.label, item.title]],
      ['/archive/', ['首页', '全部信息']],
      ['/stats/', ['首页', '信息采用情况']],
      ['/search/', ['首页', '搜索']],
    ];
    for (const [url, trail] of expected) {
      const $ = await page(`${url.slice(1)}index.html`);
      expect($('.breadcrumb li').map((_, li) => $(li).text().trim()).get(), url).toEqual(trail);
      expect($('.breadcrumb li[aria-current="page"]').text().trim()).toBe(trail.at(-1));
    }
  });

  it('offers 【打印】 on issue and item pages only, with the script that prints', async () => {
    for (const file of htmlPages()) {
      const $ = await page(file);
      const url = pathOfFile(file);
      const printable = built.fixture.issues.some((issue) => issue.url === url || issue.items.some((item) => item.url === url));
      expect($('button[data-print]').text(), url).toBe(printable ? '【打印】' : '');
      expect($('script[src="/assets/print.js"]').length, url).toBe(printable ? 1 : 0);
    }
  });
});
