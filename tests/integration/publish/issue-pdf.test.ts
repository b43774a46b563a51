/**
 * `npm run build -- --pdf` (issue #16): every issue printed to PDF, linked from its page as
 * 【下载PDF版】, printed again only when its issue changed; `npm run build` alone makes none and
 * needs no browser. Run as CI runs it, the CLI in a child process; read back with poppler-utils.
 */
import { statSync } from 'node:fs';
import { appendFile, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as cheerio from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listTree } from '../../../src/files/tree.ts';
import { writeFixtureSite, type FixtureSite } from '../../fixtures/site.ts';
import { flat, linkTargets, pageText } from '../../helpers/pdf.ts';
import { hashTree, removeDir, runCli, tempDir, type CliResult } from '../support.ts';

const TIMEOUT = 180_000;
const SITE_URL = 'https://example.gov.cn/bulletin/';

let dir: string;
let content: string;
let fixture: FixtureSite;
let first: CliResult;
const out = () => path.join(dir, 'out');
const build = (...args: string[]) =>
  runCli(['--content', content, '--out', out(), '--cache', path.join(dir, 'cache'), ...args], { SITE_URL });
const pdfOf = (issue: FixtureSite['issues'][number]) => path.join(out(), issue.key, `${issue.key.replace('/', '-')}.pdf`);
const text = async (pdf: string) => flat(await pageText(pdf));

beforeAll(async () => {
  dir = await tempDir('issue-pdf');
  content = path.join(dir, 'content');
  fixture = await writeFixtureSite(content);
  first = await build('--pdf');
}, TIMEOUT);
afterAll(() => removeDir(dir));

describe('a build with --pdf', () => {
  it('prints every issue and says so', () => {
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain(`各期 PDF：新生成 ${fixture.issues.length} 份，0 份未改变`);
  });

  it('links each issue page to its PDF, under the path prefix, with a Chinese file name', async () => {
    for (const issue of fixture.issues) {
      const $ = cheerio.load(await readFile(path.join(out(), issue.key, 'index.html'), 'utf8'));
      const link = $('.page-tools a.pdf-link');
      expect(link.text()).toBe('【下载PDF版】');
      expect(link.attr('href')).toBe(`/bulletin/${issue.key}/${issue.key.replace('/', '-')}.pdf`);
      expect(link.attr('download')).toBe(`工作动态${issue.label}.pdf`);
    }
    // Item pages offer 【打印】 only.
    const item = cheerio.load(await readFile(path.join(out(), fixture.issues[0]!.items[0]!.url, 'index.html'), 'utf8'));
    expect(item('.pdf-link').length).toBe(0);
  });

  it('prints the issue as the bulletin: masthead, every item, none of the site around it', async () => {
    for (const issue of fixture.issues) {
      const pdf = pdfOf(issue);
      expect((await readFile(pdf)).subarray(0, 5).toString()).toBe('%PDF-');
      const printed = await text(pdf);
      expect(printed.startsWith(`工作动态第${issue.number}期`), printed.slice(0, 40)).toBe(true);
      for (const item of issue.items) expect(printed, item.title).toContain(item.title.replace(/\s+/g, ''));
      for (const chrome of ['【下载PDF版】', '【打印】', '当前位置', '跳到正文']) expect(printed).not.toContain(chrome);
    }
  });

  it('links the PDF’s pages to the published site, never to the address it was printed from', async () => {
    const targets = await linkTargets(pdfOf(fixture.issues[0]!));
    expect(targets.length).toBeGreaterThan(0);
    for (const target of targets) expect(target.startsWith(SITE_URL), target).toBe(true);
  });
});

describe('the next build', () => {
  it('prints only the issue whose item changed, and takes the others from the cache', async () => {
    const [changed, ...others] = fixture.issues;
    const before = await hashTree(out());
    await appendFile(path.join(content, changed!.items[0]!.file), '\n补充一段新的文字。\n');
    const next = await build('--pdf');
    expect(next.code, next.stderr).toBe(0);
    expect(next.stdout).toContain(`各期 PDF：新生成 1 份，${others.length} 份未改变`);
    const after = await hashTree(out());
    const key = (issue: FixtureSite['issues'][number]) => path.relative(out(), pdfOf(issue)).split(path.sep).join('/');
    expect(after[key(changed!)]).not.toBe(before[key(changed!)]);
    expect(await text(pdfOf(changed!))).toContain('补充一段新的文字。');
    for (const issue of others) expect(after[key(issue)], issue.key).toBe(before[key(issue)]);
  }, TIMEOUT);

  it('with nothing changed prints nothing', async () => {
    const pdf = pdfOf(fixture.issues[1]!);
    const inode = statSync(pdf).ino;
    const again = await build('--pdf');
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('已是最新');
    expect(statSync(pdf).ino).toBe(inode);
  }, TIMEOUT);

  it('prints an issue again whose PDF left the cache while its page stays in the output, from that page', async () => {
    const [changed, ...others] = fixture.issues;
    // Another item edited, so that the build does not find the output up to date, and the issue's cached PDF gone.
    await appendFile(path.join(content, others[0]!.items[0]!.file), '\n又补充一段。\n');
    const cached = listTree(path.join(dir, 'cache', 'pdf'));
    const before = await hashTree(out());
    const key = path.relative(out(), pdfOf(changed!)).split(path.sep).join('/');
    for (const file of cached) {
      const pdf = path.join(dir, 'cache', 'pdf', file);
      if ((await readFile(pdf)).equals(await readFile(pdfOf(changed!)))) await rm(pdf);
    }
    expect(listTree(path.join(dir, 'cache', 'pdf')).length).toBe(cached.length - 1);
    const next = await build('--pdf');
    expect(next.code, next.stderr).toBe(0);
    expect(next.stdout).toContain(`各期 PDF：新生成 2 份，${others.length - 1} 份未改变`);
    // Its page was not rendered again: the printer found it in the output kept.
    expect((await hashTree(out()))[`${changed!.key}/index.html`]).toBe(before[`${changed!.key}/index.html`]);
    const printed = await text(pdfOf(changed!));
    expect(printed.startsWith(`工作动态第${changed!.number}期`), printed.slice(0, 40)).toBe(true);
    expect(printed).toContain('补充一段新的文字。');
    expect(key).toBe(`${changed!.key}/${changed!.key.replace('/', '-')}.pdf`);
  }, TIMEOUT);

  it('without --pdf offers no PDF and leaves none behind', async () => {
    const plain = await build();
    expect(plain.code, plain.stderr).toBe(0);
    expect(plain.stdout).not.toContain('PDF');
    expect(listTree(out()).filter((file) => file.endsWith('.pdf'))).toEqual([]);
    const $ = cheerio.load(await readFile(path.join(out(), fixture.issues[0]!.key, 'index.html'), 'utf8'));
    expect($('.pdf-link').length).toBe(0);
    expect($('.print-button').text()).toBe('【打印】');
  }, TIMEOUT);
});

describe('when the PDFs cannot be printed', () => {
  it('stops with a Chinese message saying what to install, and leaves the last good output as it was', async () => {
    const before = await hashTree(out());
    const config = path.join(dir, 'no-fonts.conf');
    await writeFile(config, '<?xml version="1.0"?>\n<fontconfig></fontconfig>\n');
    // A cache of its own: the shared one holds every issue's PDF already, and nothing would be printed.
    const failed = await runCli(['--content', content, '--out', out(), '--cache', path.join(dir, 'cache-empty'), '--pdf'], { SITE_URL, FONTCONFIG_FILE: config });
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('无法生成各期 PDF（--pdf）');
    expect(failed.stderr).toContain('fonts-noto-cjk');
    expect(failed.stderr).toContain('不带 --pdf 的 npm run build 不需要浏览器');
    expect(failed.stderr).not.toMatch(/\n\s+at /);
    expect(await hashTree(out())).toEqual(before);
  }, TIMEOUT);
});
