/**
 * `npm run import` on PDFs: the project's own print of the sample issue (`npm run pdf`) read back
 * gives the same items, units, paragraphs and issue keys as the content it was printed from; and
 * bulletins laid out otherwise (titles running into full-width first lines, units not on the
 * list, titles on two lines, a running head), printed here by chromium from HTML, come back whole.
 */
import { cp, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseContentFile } from '../../src/content/frontmatter.ts';
import { build } from '../../src/pipeline/build.ts';
import { printPdf } from '../../src/print/index.ts';
import { importBulletin } from '../../src/tools/import/run.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { BUILD_TIMEOUT, PROJECT_ROOT, removeDir, tempDir } from './support.ts';

let dir: string;
beforeAll(async () => {
  dir = await tempDir('import-pdf');
});
afterAll(() => removeDir(dir));

interface ItemFile {
  title: string;
  unit: unknown;
  date: unknown;
  paragraphs: string[];
}

async function itemsIn(folder: string): Promise<ItemFile[]> {
  const names = (await readdir(folder)).filter((name) => name.endsWith('.md') && name !== 'index.md').sort();
  return Promise.all(
    names.map(async (name) => {
      const { parsed } = parseContentFile(await readFile(path.join(folder, name), 'utf8'));
      const data = parsed!.frontMatter.data as { title: string; unit?: string; date: unknown };
      // The PDF carries no Markdown emphasis: compare the words.
      const paragraphs = parsed!.body.trim().split(/\n\s*\n/).map((p) => p.replaceAll('**', '').trim());
      return { title: data.title, unit: data.unit, date: data.date, paragraphs };
    }),
  );
}

/** A content folder with the sample's settings and lists and no issue; imports `pdf` into it. */
async function importInto(name: string, pdf: string): Promise<{ content: string; printed: string[]; code: number }> {
  const content = path.join(dir, name);
  await cp(path.join(PROJECT_ROOT, 'content/_data'), path.join(content, '_data'), { recursive: true });
  const printed: string[] = [];
  const code = await importBulletin({ file: pdf, contentDir: content, root: dir, today: '2021-02-01' }, (line) => printed.push(line));
  return { content, printed, code };
}

describe('the sample issue, printed by npm run pdf and imported back', () => {
  let imported: Awaited<ReturnType<typeof importInto>>;

  beforeAll(async () => {
    const site = path.join(dir, 'site');
    const built = await build({ contentDir: path.join(PROJECT_ROOT, 'content'), outDir: site, root: PROJECT_ROOT, siteUrl: '' });
    expect(built.ok).toBe(true);
    const pdf = path.join(dir, '2021-03.pdf');
    await printPdf({ siteDir: site, url: '/2021/03/', out: pdf, address: built.address! });
    imported = await importInto('round-trip', pdf);
  }, BUILD_TIMEOUT * 2);

  it('takes the issue from the masthead: 2021年第3期, its date and its 报尾', async () => {
    expect(imported.code, imported.printed.join('\n')).toBe(0);
    const index = parseContentFile(await readFile(path.join(imported.content, '2021/03/index.md'), 'utf8')).parsed!.frontMatter.data;
    const original = parseContentFile(await readFile(path.join(PROJECT_ROOT, 'content/2021/03/index.md'), 'utf8')).parsed!.frontMatter.data;
    expect(index).toEqual(original);
  });

  it('gives the same items, units and paragraphs', async () => {
    const original = await itemsIn(path.join(PROJECT_ROOT, 'content/2021/03'));
    const back = await itemsIn(path.join(imported.content, '2021/03'));
    expect(back.map(({ title, unit, paragraphs }) => ({ title, unit, paragraphs }))).toEqual(original.map(({ title, unit, paragraphs }) => ({ title, unit, paragraphs })));
  });

  it('accounts for every character it read, and leaves nothing unplaced', () => {
    expect(imported.printed.find((line) => line.startsWith('读取 '))).toMatch(/写入 3 条信息、5 段.*页码和页眉 \d+ 字.*未导入 0 字.*合计相符。$/);
    expect(imported.printed.some((line) => line.includes('不属于任何一条信息'))).toBe(false);
  });
});

/** Prints `body` as a bulletin page set in AR PL UMing (the body) with bold Noto Sans CJK titles, on A4. */
async function printHtml(body: string, out: string): Promise<void> {
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    await page.setContent(`<!DOCTYPE html><html lang="zh-CN"><head><style>
      @page { size: A4; margin: 30mm 26mm 30mm 28mm; }
      body { font: 16pt/1.75 "AR PL UMing CN"; margin: 0; }
      p { margin: 0; text-indent: 2em; text-align: justify; }
      .name { font: bold 40pt "Noto Serif CJK SC"; color: #c00; text-align: center; text-indent: 0; letter-spacing: 0.3em; }
      .no { text-align: center; text-indent: 0; }
      .line { text-indent: 0; display: flex; justify-content: space-between; border-bottom: 2px solid #c00; margin-bottom: 1em; }
      .title { font: bold 22pt/1.5 "Noto Serif CJK SC"; text-align: center; text-indent: 0; margin: 0.8em 0 0.4em; }
      b.run-in { font-family: "Noto Sans CJK SC"; }
      .unit { text-align: right; }
      .tail { text-indent: 0; border-top: 1px solid #000; }
    </style></head><body>${body}</body></html>`);
    // A running head and page numbers on every page, as a print shop sets them.
    await page.pdf({
      path: out,
      preferCSSPageSize: true,
      displayHeaderFooter: true,
      headerTemplate: '<div style="font: 10pt \'AR PL UMing CN\'; width: 100%; text-align: center">内部资料　注意保存</div>',
      footerTemplate: '<div style="font: 12pt \'AR PL UMing CN\'; width: 100%; text-align: center">— <span class="pageNumber"></span> —</div>',
    });
  } finally {
    await browser.close();
  }
}

/** Prints a page of `lines` (printHtml) and imports the PDF into a content folder called `name`. */
async function printAndImport(name: string, lines: string[]): ReturnType<typeof importInto> {
  const pdf = path.join(dir, `${name}.pdf`);
  await printHtml(lines.join('\n'), pdf);
  return importInto(name, pdf);
}

const SENTENCE = '街道组织党员志愿者深入小区开展入户走访，逐户登记返乡人员信息，发放疫情防控宣传资料，落实各项防控措施。';
const long = (n: number) => Array.from({ length: n }, () => SENTENCE).join('');

describe('a bulletin with titles run into full-width first lines and a unit not on the list', () => {
  let imported: Awaited<ReturnType<typeof importInto>>;

  beforeAll(async () => {
    imported = await printAndImport('run-in', [
      '<p class="name">工作动态</p>',
      '<p class="no">第5期</p>',
      '<p class="line"><span>示例区人民政府办公室</span><span>2021年2月8日</span></p>',
      `<p><b class="run-in">济源路街道开展返乡人员排查</b>　2月5日，${long(3)}</p>`,
      `<p>${long(2)}（济源路办事处）</p>`,
      `<p><b class="run-in">新安路街道织密防控网络</b>　${long(2)}</p>`,
      `<p>${long(1)}（新安路街道）</p>`,
      '<p class="title">上街区召开全区重点项目建设推进会暨第一季度经济运行分析会议</p>',
      `<p>2月6日，${long(4)}</p>`,
      '<p class="unit">（区发展改革委员会）</p>',
      '<p class="tail">报送：市委办公厅，市政府办公厅。</p>',
      '<p class="tail">抄送：区委、区人大常委会、区政府、区政协领导。</p>',
      '<p class="tail">（共印50份）</p>',
    ]);
  }, BUILD_TIMEOUT);

  it('finds every item: run-in titles, a two-line title, each with its paragraphs', async () => {
    expect(imported.code, imported.printed.join('\n')).toBe(0);
    const items = await itemsIn(path.join(imported.content, '2021/05'));
    expect(items.map((item) => item.title)).toEqual(['济源路街道开展返乡人员排查', '新安路街道织密防控网络', '上街区召开全区重点项目建设推进会暨第一季度经济运行分析会议']);
    expect(items.map((item) => item.paragraphs.length)).toEqual([2, 2, 1]);
    expect(items[0]!.paragraphs[0]).toBe(`2月5日，${long(3)}`);
    expect(items[0]!.date).toBe('2021-02-05');
  });

  it('keeps each item’s own unit, known (an alias) or not, and names the closest known one', async () => {
    const items = await itemsIn(path.join(imported.content, '2021/05'));
    expect(items.map((item) => item.unit)).toEqual(['济源路街道', '新安路街道', '区发展改革委员会']);
    expect(imported.printed.join('\n')).toMatch(/来源单位“区发展改革委员会”不在名单中（最接近的是“[^”]+”）/);
  });

  it('reads the masthead and the 报尾, drops the running head, and accounts for every character', async () => {
    const index = parseContentFile(await readFile(path.join(imported.content, '2021/05/index.md'), 'utf8')).parsed!.frontMatter.data;
    expect(index).toEqual({ date: '2021-02-08', reportTo: ['市委办公厅', '市政府办公厅'], copyTo: '区委、区人大常委会、区政府、区政协领导', copies: 50 });
    expect(imported.printed.find((line) => line.startsWith('读取 '))).toMatch(/写入 3 条信息、5 段.*合计相符。$/);
    expect(imported.printed.join('\n')).not.toContain('内部资料');
  });
});

describe('a bulletin with bold titles in the body’s type, centred, one on two lines', () => {
  let imported: Awaited<ReturnType<typeof importInto>>;

  beforeAll(async () => {
    const title = (text: string) => `<p style="font-family: 'Noto Sans CJK SC'; font-weight: bold; text-align: center; text-indent: 0; margin: 0.6em 2em 0.2em">${text}</p>`;
    imported = await printAndImport('bold', [
      '<p class="name">工作动态</p>',
      '<p class="line"><span>第6期</span><span>示例区人民政府办公室　2021年2月22日</span></p>',
      title('峡窝镇开展春季森林防火专项检查'),
      `<p>2月18日，${long(2)}</p>`,
      `<p>${long(1)}</p>`,
      '<p class="unit">（峡窝镇）</p>',
      title('区市场监督管理局开展节后复工复产企业食品安全与特种设备安全联合检查工作'),
      `<p>${long(3)}(区市场监督管理局)</p>`,
      '<p class="tail">发送：各镇（街道），区直各部门。</p>',
    ]);
  }, BUILD_TIMEOUT);

  it('takes each bold centred title, the two-line one whole, with its paragraphs and unit', async () => {
    expect(imported.code, imported.printed.join('\n')).toBe(0);
    const items = await itemsIn(path.join(imported.content, '2021/06'));
    expect(items.map(({ title, unit }) => [title, unit])).toEqual([
      ['峡窝镇开展春季森林防火专项检查', '峡窝镇'],
      ['区市场监督管理局开展节后复工复产企业食品安全与特种设备安全联合检查工作', '区市场监督管理局'],
    ]);
    expect(items.map((item) => item.paragraphs)).toEqual([[`2月18日，${long(2)}`, long(1)], [long(3)]]);
  });

  it('drops the page numbers and accounts for every character', async () => {
    const index = parseContentFile(await readFile(path.join(imported.content, '2021/06/index.md'), 'utf8')).parsed!.frontMatter.data;
    expect(index).toEqual({ date: '2021-02-22', sendTo: ['各镇（街道）', '区直各部门'] });
    expect(imported.printed.find((line) => line.startsWith('读取 '))).toMatch(/写入 2 条信息、3 段.*页码和页眉 [1-9]\d* 字.*未导入 0 字.*合计相符。$/);
  });
});
