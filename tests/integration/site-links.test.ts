/**
 * Every link of a built site resolves. The build checks the bodies' links against the site
 * structure (a broken one stops it at the Markdown file and line, leaving the output alone); every
 * other link, of the pages' chrome, comes from the URL table, and is checked here over built
 * fixture sites by the HTML link check (tests/helpers/link-check.ts), itself tested first.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/pipeline/build.ts';
import { writeFixtureSite } from '../fixtures/site.ts';
import { checkSiteLinks, type BrokenLink } from '../helpers/link-check.ts';
import { makeTempDir, removeDir, writeTree, type Tree } from '../helpers/tree.ts';
import { goodSite } from './publish/support.ts';
import { BUILD_TIMEOUT, hashTree, PROJECT_ROOT, runCli, tempDir, type CliResult } from './support.ts';

const ROOT = { url: 'https://example.gov.cn/', pathPrefix: '/' };
const PREFIXED = { url: 'https://example.gov.cn/bulletin/', pathPrefix: '/bulletin/' };

const page = (body: string, head = '') =>
  `<!DOCTYPE html><html lang="zh-CN"><head><title>t</title>${head}</head><body>${body}</body></html>`;

async function check(tree: Tree, address = ROOT): Promise<BrokenLink[]> {
  const dir = await makeTempDir('bulletin-links-');
  try {
    await writeTree(dir, tree);
    return checkSiteLinks(dir, address);
  } finally {
    await removeDir(dir);
  }
}

describe('checkSiteLinks', () => {
  it('passes a site whose links all resolve: pages, assets, fragments, its own absolute URLs, other hosts', async () => {
    const broken = await check({
      'index.html': page(
        [
          '<a href="/archive/">archive</a>',
          '<a href="archive/2/">relative</a>',
          '<a href="/2021/01/#item-a">fragment on another page</a>',
          '<a href="#top">fragment here</a><p id="top"></p>',
          '<a href="#">empty fragment</a>',
          '<a href="/search/?q=%E7%96%AB">query</a>',
          '<form action="/search/"></form>',
          '<img src="/assets/logo.png" alt="">',
          '<script src="/assets/app.js"></script>',
          '<a href="https://www.gov.cn/">another host</a>',
          '<a href="mailto:ban@example.gov.cn">mail</a><a href="tel:12345">tel</a>',
        ].join(''),
        '<link rel="stylesheet" href="/assets/style.css"><link rel="canonical" href="https://example.gov.cn/">',
      ),
      'archive/index.html': page('<a href="../">home</a><a href="2/">page 2</a>'),
      'archive/2/index.html': page('<a href="/archive/">back</a>'),
      '2021/01/index.html': page('<section id="item-a"></section>'),
      'search/index.html': page(''),
      '404.html': page('<a href="/">home</a>'),
      'assets/style.css': '',
      'assets/app.js': '',
      'assets/logo.png': '',
    });
    expect(broken).toEqual([]);
  });

  it('finds a link to a missing page, a missing asset, a missing id, and checks pages nothing links to', async () => {
    const broken = await check({
      'index.html': page('<a href="/archive/9/">p9</a><img src="/assets/missing.png" alt=""><a href="/a/#nowhere">x</a>', '<link rel="stylesheet" href="/style.css">'),
      'a/index.html': page('<h1 id="here">a</h1><a href="/a/#here">ok</a>'),
      '404.html': page('<a href="/gone/">gone</a>'),
    });
    // Pages in the order of their files, links in the order of the page.
    expect(broken).toEqual([
      { page: '/404.html', link: '/gone/', reason: 'missing' },
      { page: '/', link: '/style.css', reason: 'missing' },
      { page: '/', link: '/archive/9/', reason: 'missing' },
      { page: '/', link: '/assets/missing.png', reason: 'missing' },
      { page: '/', link: '/a/#nowhere', reason: 'fragment' },
    ]);
  });

  it('follows every candidate of an image’s srcset, in <img> and <picture>', async () => {
    const broken = await check({
      'index.html': page(
        '<picture><source type="image/webp" srcset="/p/a-480.webp 480w, /p/a-960.webp 960w"><img src="/p/a-960.jpg" srcset="/p/a-480.jpg 480w,/p/a-960.jpg 960w" alt="a"></picture>',
      ),
      'p/a-480.webp': '',
      'p/a-960.jpg': '',
      'p/a-480.jpg': '',
    });
    expect(broken).toEqual([{ page: '/', link: '/p/a-960.webp', reason: 'missing' }]);
  });

  it('reports a link once per page however often the page repeats it', async () => {
    const broken = await check({ 'index.html': page('<a href="/x/">1</a><a href="/x/">2</a>') });
    expect(broken).toEqual([{ page: '/', link: '/x/', reason: 'missing' }]);
  });

  describe('under a path prefix', () => {
    const tree: Tree = {
      'index.html': page(
        '<a href="/bulletin/archive/">ok</a><a href="archive/">relative ok</a><a href="/archive/">no prefix</a>' +
          '<a href="https://example.gov.cn/other/">same host, outside</a><a href="https://example.gov.cn/bulletin/nothing/">absolute, missing</a>',
        '<link rel="canonical" href="https://example.gov.cn/bulletin/">',
      ),
      'archive/index.html': page('<a href="../">up</a><a href="../../">above the prefix</a>'),
    };

    it('accepts links with the prefix and refuses root-relative links without it', async () => {
      expect(await check(tree, PREFIXED)).toEqual([
        { page: '/archive/', link: '../../', reason: 'outside' },
        { page: '/', link: '/archive/', reason: 'outside' },
        { page: '/', link: 'https://example.gov.cn/other/', reason: 'outside' },
        { page: '/', link: 'https://example.gov.cn/bulletin/nothing/', reason: 'missing' },
      ]);
    });

    it('the same tree at the root of its host has other broken links', async () => {
      expect((await check(tree, ROOT)).map((b) => b.link)).toEqual([
        'https://example.gov.cn/bulletin/',
        '/bulletin/archive/',
        'https://example.gov.cn/other/',
        'https://example.gov.cn/bulletin/nothing/',
      ]);
    });
  });
});

describe('a build whose content links to a page that does not exist', () => {
  // A clerk links to an issue that was never published; the good output from before must stay.
  const ITEM = '2021/01/03-tonghang-kaigong.md';
  let dir: string;
  let out: string;
  let before: Record<string, string>;
  let cli: CliResult;
  let written: string;

  beforeAll(async () => {
    dir = await tempDir('broken-link');
    let content: string;
    ({ content, out, before } = await goodSite(dir));
    const file = path.join(content, ITEM);
    written = `${await readFile(file, 'utf8')}\n详见[2099年第1期](/2099/01/)。\n`;
    await writeFile(file, written, 'utf8');
    cli = await runCli(['--content', content, '--out', out], { SITE_URL: '' });
  }, BUILD_TIMEOUT);
  afterAll(() => removeDir(dir));

  it('stops before rendering, at the Markdown file, line and column of the link, with the fix', () => {
    expect(cli.code).toBe(1);
    const lines = written.split('\n');
    const line = lines.findIndex((text) => text.includes('详见')) + 1;
    const column = lines[line - 1]!.indexOf('[') + 1;
    const shown = path.relative(PROJECT_ROOT, path.join(dir, 'content', ITEM));
    expect(cli.stderr.split('\n')).toContain(
      `${shown}:${line}:${column}  链接“/2099/01/”指向的页面不存在：请核对网址；如果是还没有发布的一期或一条信息，请等它发布后再加这个链接，或链接到它的 .md 文件`,
    );
    // Once, at the file: not again for each page that shows the item.
    expect(cli.stderr.match(/2099\/01/g)).toHaveLength(1);
    expect(cli.stderr).not.toMatch(/^\s+at\s/m);
  });

  it('leaves the previous output byte for byte, and no staging folder', async () => {
    expect(await hashTree(out)).toEqual(before);
    expect((await readdir(dir)).sort()).toEqual(['content', 'out']);
  });
});

describe('the links of a built fixture site', { timeout: BUILD_TIMEOUT * 3 }, () => {
  let dir: string;
  beforeAll(async () => {
    dir = await tempDir('site-links');
    const content = path.join(dir, 'content');
    const fixture = await writeFixtureSite(content);
    const append = async (file: string, text: string) => writeFile(path.join(content, file), `${await readFile(path.join(content, file), 'utf8')}${text}`);
    await append('_data/site.yaml', 'admin:\n  backend: github\n  repo: o/r\n');
    // A photo made in several widths (srcset) and an attachment, beside the first item.
    const item = fixture.items[0]!;
    const folder = path.dirname(path.join(content, item.file));
    await sharp({ create: { width: 2400, height: 1600, channels: 3, background: { r: 90, g: 140, b: 200 } } }).jpeg().toFile(path.join(folder, '现场 照片.jpg'));
    await writeFile(path.join(folder, '方案.pdf'), '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
    await append(item.file, '\n![会议现场](<现场 照片.jpg>)\n\n[附件：方案](方案.pdf)\n');
  }, BUILD_TIMEOUT);
  afterAll(() => removeDir(dir));

  for (const [address, pdf] of [[ROOT, false], [PREFIXED, true]] as const) {
    it(`all resolve, with the published form, a photo's widths and an attachment${pdf ? ', and each issue’s PDF' : ''}, served at ${address.url}`, async () => {
      const out = path.join(dir, `out-${address.pathPrefix.length}`);
      const result = await build({ contentDir: path.join(dir, 'content'), outDir: out, root: dir, siteUrl: address.url, pdf });
      expect(result.failure).toBeUndefined();
      expect(result.ok).toBe(true);
      expect(checkSiteLinks(out, address)).toEqual([]);
      const html = await readFile(path.join(out, 'index.html'), 'utf8');
      expect(html).toContain(`href="${address.pathPrefix}assets/style.css"`);
    });
  }
});
