/**
 * The checks that protect the archive from what Word, WPS and a hurried clerk produce: files
 * that are not UTF-8 or not text at all, symbolic links, local links to nothing, and the
 * warnings (long titles, far-future dates, repeated titles) that still let the build through.
 */
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { FILL_IN_MARK } from '../../src/content/fill-in-mark.ts';
import { loadContent, type LoadResult } from '../../src/content/load.ts';
import { LoadMemo } from '../../src/content/memo.ts';
import { findBodyLinks } from '../../src/markdown/body-links.ts';
import type { Diagnostic } from '../../src/content/model.ts';
import { formatDiagnostic } from '../../src/content/report.ts';
import { clerkTree, goodItem, itemFile, lines } from '../helpers/clerk-tree.ts';
import { removeDir } from '../helpers/tree.ts';
import { hashTree } from '../integration/support.ts';
import { PDF, PHOTO, SCREENSHOT_PNG } from '../fixtures/images.ts';

const roots: string[] = [];
afterAll(() => Promise.all(roots.map(removeDir)));

const ITEM = 'content/2021/03/01-huiyi.md';
const OTHER = 'content/2021/03/02-xiangmu.md';

async function load(files: Record<string, string | Uint8Array>, today?: string, prepare?: (content: string, root: string) => Promise<void>): Promise<LoadResult> {
  const tree = await clerkTree(files);
  roots.push(tree.root);
  await prepare?.(tree.content, tree.root);
  return loadContent(tree.content, { findLinks: findBodyLinks, root: tree.root, today });
}

const listing = (diagnostics: readonly Diagnostic[]) => diagnostics.map(formatDiagnostic).join('\n') || '(none)';

/** The one diagnostic of `file`, which must say every part of `says`. */
function only(result: LoadResult, file: string, says: string[]): Diagnostic {
  const found = result.diagnostics.filter((d) => d.file === file);
  expect(found, listing(result.diagnostics)).toHaveLength(1);
  for (const part of says) expect(found[0]!.message).toContain(part);
  return found[0]!;
}

describe('encodings', () => {
  it('names a GBK file, points at its first Chinese line and offers --fix-encoding', async () => {
    const text = itemFile({ title: '上街区召开疫情防控会议', date: '2021-01-23', category: '疫情防控' });
    const result = await load({ [ITEM]: iconv.encode(text, 'gbk') });
    const diagnostic = only(result, ITEM, ['不是 UTF-8', 'GB18030/GBK', 'npm run check -- --fix-encoding']);
    expect(diagnostic).toMatchObject({ line: 2, column: 1, severity: 'error' });
    expect(result.content).toBeUndefined();
  });

  it('names a short GBK file as GBK too, where chardet alone would guess Latin-1', async () => {
    const result = await load({ [ITEM]: iconv.encode(lines('---', 'title: 会议', '---', '', '正文'), 'gbk') });
    only(result, ITEM, ['GB18030/GBK']);
  });

  it('names a UTF-16 file, what Notepad saves as “Unicode”', async () => {
    const text = itemFile({ title: '上街区召开疫情防控会议', date: '2021-01-23', category: '疫情防控' });
    const result = await load({ [ITEM]: iconv.encode(text, 'utf16-le', { addBOM: true }) });
    expect(only(result, ITEM, ['UTF-16LE', '--fix-encoding']).line).toBe(1);
  });

  it('checks the settings files for their encoding too', async () => {
    const result = await load({ 'content/_data/categories.yaml': iconv.encode(lines('- name: 疫情防控'), 'gbk') });
    only(result, 'content/_data/categories.yaml', ['不是 UTF-8']);
  });
});

describe('files that are no content', () => {
  it('refuses a .md file over 1 MB, saying how large it is', async () => {
    const body = '很长的正文。'.repeat(70_000);
    const result = await load({ [ITEM]: itemFile({ title: '标题', date: '2021-01-23', category: '疫情防控' }, body) });
    only(result, ITEM, ['1.2 MB', '超过 1 MB']);
  });

  it('refuses binary content saved as .md', async () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    const result = await load({ [ITEM]: png });
    only(result, ITEM, ['不是文本文件', 'UTF-8']);
  });
});

describe('symbolic links', () => {
  it('refuses a .md symlink that leads outside content/', async () => {
    const result = await load({ 'outside.md': goodItem('外面的文件') }, undefined, (content, root) =>
      symlink(path.join(root, 'outside.md'), path.join(content, '2021/03/01-huiyi.md')),
    );
    only(result, ITEM, ['符号链接', 'content/ 之外', '复制进来']);
    expect(result.content).toBeUndefined();
  });

  it('refuses a linked folder, outside or inside content/', async () => {
    const result = await load({ 'elsewhere/01-a.md': goodItem('甲') }, undefined, async (content, root) => {
      await symlink(path.join(root, 'elsewhere'), path.join(content, '2021/04'));
      await symlink(path.join(content, '2021/03'), path.join(content, '2021/05'));
    });
    only(result, 'content/2021/04', ['content/ 之外']);
    only(result, 'content/2021/05', ['指向目录', '重复发布']);
  });

  it('refuses a symlink whose target is gone', async () => {
    const result = await load({}, undefined, (content) => symlink(path.join(content, 'nothing.md'), path.join(content, '2021/03/01-huiyi.md')));
    only(result, ITEM, ['不存在']);
  });

  it('follows a .md symlink to a file inside content/', async () => {
    const result = await load({ 'content/2021/03/source.txt': goodItem('链接的信息') }, undefined, (content) =>
      symlink(path.join(content, '2021/03/source.txt'), path.join(content, '2021/03/01-huiyi.md')),
    );
    expect(result.diagnostics, listing(result.diagnostics)).toEqual([]);
    expect(result.content?.items.map((item) => item.title)).toEqual(['链接的信息']);
  });
});

describe('warnings: the build still succeeds', () => {
  const title = (n: number) => '上街区召开会议'.repeat(10).slice(0, n);

  it('warns about a title over 60 characters, at the title', async () => {
    const result = await load({ [ITEM]: goodItem(title(61)) });
    const diagnostic = only(result, ITEM, ['61 个字', '超过 60 个字']);
    expect(diagnostic).toMatchObject({ severity: 'warning', line: 2, column: 8 });
    expect(result.content?.items).toHaveLength(1);
  });

  it('says nothing of a title of exactly 60 characters', async () => {
    const result = await load({ [ITEM]: goodItem(title(60)) });
    expect(result.diagnostics).toEqual([]);
  });

  it('warns about a date more than 30 days after today, and not of one 30 days after', async () => {
    // In an issue dated near them, so that only today is far.
    const [later, other] = ['content/2021/05/01-jia.md', 'content/2021/05/02-yi.md'];
    const result = await load(
      {
        'content/2021/05/index.md': lines('---', 'date: 2021-02-22', '---'),
        [later]: itemFile({ title: '甲', date: '2021-02-26', category: '疫情防控' }),
        [other]: itemFile({ title: '乙', date: '2021-02-25', category: '疫情防控' }),
      },
      '2021-01-26',
    );
    const diagnostic = only(result, later, ['2021-02-26', '今天（2021-01-26）', '31 天', '年份和月份']);
    expect(diagnostic).toMatchObject({ severity: 'warning', line: 3, column: 7 });
    expect(result.diagnostics.filter((d) => d.file === other)).toEqual([]);
    expect(result.content).toBeDefined();
  });

  it('warns about no date in the future when no today is given, only about its distance from the issue', async () => {
    const result = await load({ [ITEM]: itemFile({ title: '甲', date: '2099-01-01', category: '疫情防控' }) });
    expect(result.diagnostics.map((d) => d.message)).toEqual([expect.stringContaining('比本期的出刊日期（2021-01-25）晚')]);
  });

  it('warns about two items of one issue with the same title, at the second, naming the first', async () => {
    const result = await load({ [ITEM]: goodItem('上街区召开会议'), [OTHER]: goodItem('上街区召开会议') });
    const diagnostic = only(result, OTHER, [`与 ${ITEM} 的标题相同`]);
    expect(diagnostic).toMatchObject({ severity: 'warning', line: 2, column: 8 });
    expect(result.diagnostics.filter((d) => d.file === ITEM)).toEqual([]);
  });

  it('warns about the same title in another issue, naming the earlier one', async () => {
    const result = await load({
      [ITEM]: goodItem('每周工作'),
      'content/2021/04/index.md': lines('---', 'date: 2021-02-01', '---'),
      'content/2021/04/01-huiyi.md': itemFile({ title: '每周工作', date: '2021-01-30', category: '疫情防控' }),
    });
    const diagnostic = only(result, 'content/2021/04/01-huiyi.md', ['2021年第3期', '两期中有同名信息']);
    expect(diagnostic).toMatchObject({ severity: 'warning', line: 2 });
    expect(result.content).toBeDefined();
  });

  it('warns about an item dated far from its issue’s date, and not about one within 30 days', async () => {
    const result = await load(
      { [ITEM]: itemFile({ title: '甲', date: '2026-12-02', category: '疫情防控' }), [OTHER]: itemFile({ title: '乙', date: '2020-12-26', category: '疫情防控' }) },
      '2026-12-02',
    );
    const diagnostic = only(result, ITEM, ['2026-12-02', '出刊日期（2021-01-25）', '放错了期次目录']);
    expect(diagnostic).toMatchObject({ severity: 'warning', line: 3, column: 7 });
    expect(result.diagnostics.filter((d) => d.file === OTHER)).toEqual([]);
  });

  it('warns even while the same file has an error, so the clerk sees both at once', async () => {
    const result = await load({ [ITEM]: itemFile({ title: title(70), date: '2021-01-23', category: '疫情' }) });
    expect(result.diagnostics.map((d) => d.severity).sort()).toEqual(['error', 'warning']);
  });
});

describe('local links and images', () => {
  const body = lines('见[通知](附件/通知.pdf)和[上期](../02/01-huiyi.md#zheng-wen)。', '', '![现场](photo.jpg)', '', '<img src="missing.png" alt="截图">');

  it('reports a link and an image to local files that do not exist, each at its place', async () => {
    const result = await load({ [ITEM]: itemFile({ title: '甲', date: '2021-01-23', category: '疫情防控' }, body) });
    const found = result.diagnostics.filter((d) => d.file === ITEM).map((d) => [d.line, d.column, d.message]);
    expect(found, listing(result.diagnostics)).toEqual([
      [7, 2, expect.stringContaining('链接的文件“附件/通知.pdf”不存在')],
      [7, 18, expect.stringContaining('链接的文件“../02/01-huiyi.md#zheng-wen”不存在')],
      [9, 1, expect.stringContaining('图片“photo.jpg”不存在')],
      [11, 1, expect.stringContaining('图片“missing.png”不存在')],
    ]);
  });

  it('accepts them once the files exist, and never checks web addresses or site pages', async () => {
    const result = await load(
      {
        [ITEM]: itemFile({ title: '甲', date: '2021-01-23', category: '疫情防控' }, body + lines('', '[网站](https://example.gov.cn/a.pdf) [归档](/archive/) [本页](#top) [邮件](mailto:a@b.cn)')),
        'content/2021/03/photo.jpg': PHOTO,
        'content/2021/03/missing.png': SCREENSHOT_PNG,
        'content/2021/03/附件/通知.pdf': PDF,
        'content/2021/02/index.md': lines('---', 'date: 2021-01-18', '---'),
        'content/2021/02/01-huiyi.md': goodItem('乙'),
      },
    );
    expect(result.diagnostics, listing(result.diagnostics)).toEqual([]);
  });

  it('refuses a link that leaves the content folder', async () => {
    const result = await load({ [ITEM]: itemFile({ title: '甲', date: '2021-01-23', category: '疫情防控' }, '[密码](../../../../etc/passwd)') });
    only(result, ITEM, ['content/ 之外']);
  });

  it('refuses an image without a text alternative, from another host, or an embed, each at its place', async () => {
    const body = lines('![](photo.jpg)', '', '![现场](https://img.example.com/a.jpg)', '', '<video src="a.mp4"></video>');
    const result = await load({ [ITEM]: itemFile({ title: '甲', date: '2021-01-23', category: '疫情防控' }, body), 'content/2021/03/photo.jpg': PHOTO });
    const found = result.diagnostics.filter((d) => d.file === ITEM).map((d) => [d.line, d.column, d.message]);
    expect(found, listing(result.diagnostics)).toEqual([
      [7, 1, expect.stringContaining('请写出图片内容的文字说明')],
      [9, 1, expect.stringContaining('请把图片下载后放在本条信息旁')],
      [11, 1, expect.stringContaining('<video>')],
    ]);
  });

  it('gives the content the files it may publish, each read once while it is unchanged', async () => {
    const memo = new LoadMemo();
    const tree = await clerkTree({ [ITEM]: itemFile({ title: '甲', date: '2021-01-23', category: '疫情防控' }, '![现场](photo.jpg)\n\n[附件](附件/通知.pdf)'), 'content/2021/03/photo.jpg': PHOTO, 'content/2021/03/附件/通知.pdf': PDF });
    roots.push(tree.root);
    const first = await loadContent(tree.content, { findLinks: findBodyLinks, root: tree.root, memo });
    expect([...first.content!.files.values()]).toEqual([
      expect.objectContaining({ file: '2021/03/photo.jpg', extension: 'jpg', bytes: PHOTO.length, width: 900, height: 1200 }),
      expect.objectContaining({ file: '2021/03/附件/通知.pdf', extension: 'pdf', bytes: PDF.length }),
    ]);
    // Another photo of the same length under the same name: read again, because its state changed.
    const other = Buffer.from(PHOTO);
    other.write('HONOR', other.indexOf('HUAWEI'), 'latin1');
    await writeFile(path.join(tree.content, '2021/03/photo.jpg'), other);
    const second = await loadContent(tree.content, { findLinks: findBodyLinks, root: tree.root, memo });
    expect(second.content!.files.get('2021/03/photo.jpg')!.hash).not.toBe(first.content!.files.get('2021/03/photo.jpg')!.hash);
  });

  it('checks the links of an editor’s note in index.md', async () => {
    const result = await load({ 'content/2021/03/index.md': lines('---', 'date: 2021-01-25', '---', '', '见[附件](fujian.docx)。') });
    expect(only(result, 'content/2021/03/index.md', ['fujian.docx', '不存在']).line).toBe(5);
  });
});

describe('the importer’s gaps', () => {
  it(`names an unfilled category (${FILL_IN_MARK}) and lists the categories to choose from`, async () => {
    const result = await load({ [ITEM]: itemFile({ title: '甲', date: '2021-01-23', category: FILL_IN_MARK }) });
    const diagnostic = only(result, ITEM, ['栏目（category）待填写', `把“${FILL_IN_MARK}”换成`, '疫情防控、项目建设、基层动态']);
    expect(diagnostic).toMatchObject({ line: 4, column: 11, severity: 'error' });
  });

  it('names an unfilled date and shows the form to write', async () => {
    const result = await load({ [ITEM]: itemFile({ title: '甲', date: FILL_IN_MARK, category: '疫情防控' }) });
    only(result, ITEM, ['日期（date）待填写', '2021-01-23']);
  });
});

describe('nothing is written', () => {
  it('leaves the content folder as it was, however broken', async () => {
    const tree = await clerkTree({ [ITEM]: iconv.encode(goodItem('会议'), 'gbk'), [OTHER]: 'title：x' });
    roots.push(tree.root);
    await mkdir(path.join(tree.content, '2021/09'));
    await writeFile(path.join(tree.content, '2021/09/01-a.md'), goodItem('甲'));
    const before = await hashTree(tree.root);
    const result = await loadContent(tree.content, { findLinks: findBodyLinks, root: tree.root, today: '2021-01-26' });
    expect(result.diagnostics.length).toBeGreaterThan(2);
    expect(await hashTree(tree.root)).toEqual(before);
  });
});
