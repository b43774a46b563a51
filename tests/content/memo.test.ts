/**
 * `loadContent` with a memo (what the dev server keeps between rebuilds): after every kind of
 * change a clerk makes, the result must be exactly that of a fresh load without one, and only the
 * changed files are parsed again.
 */
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseContentFile } from '../../src/content/frontmatter.ts';
import { loadContent, type LoadResult } from '../../src/content/load.ts';
import { LoadMemo } from '../../src/content/memo.ts';
import { findBodyLinks } from '../../src/markdown/body-links.ts';
import { writeFixtureSite } from '../fixtures/site.ts';
import { makeTempDir, removeDir } from '../helpers/tree.ts';

// Counts the files parsed; the real parser does the work.
vi.mock('../../src/content/frontmatter.ts', async (original) => {
  const actual = await original<typeof import('../../src/content/frontmatter.ts')>();
  return { ...actual, parseContentFile: vi.fn(actual.parseContentFile) };
});
const parsed = vi.mocked(parseContentFile);

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map(removeDir)));

const LINKING = '2021/02/15-fujian.md';
const ATTACHMENT = '2021/02/附件/tongzhi.pdf';
const ITEM = '2021/01/03-tonghang-kaigong.md';

interface Site {
  root: string;
  content: string;
  memo: LoadMemo;
  today: string | undefined;
}

/** The fixture site plus an item linking to an attachment, loaded once into a new memo. */
async function site(): Promise<Site> {
  const root = await makeTempDir('bulletin-memo-');
  dirs.push(root);
  const content = path.join(root, 'content');
  await writeFixtureSite(content);
  const tree: Site = { root, content, memo: new LoadMemo(), today: '2021-01-20' };
  await write(tree, LINKING, '---\ntitle: 区政府印发春节值班通知\ndate: 2021-01-14\ncategory: 民生保障\n---\n\n通知全文见[附件](附件/tongzhi.pdf)。\n');
  await write(tree, ATTACHMENT, '%PDF-1.4');
  await same(tree);
  return tree;
}

async function write(tree: Site, file: string, text: string | Uint8Array): Promise<void> {
  const target = path.join(tree.content, ...file.split('/'));
  await mkdir(path.dirname(target), { recursive: true });
  await writeFile(target, text);
}

async function edit(tree: Site, file: string, change: (text: string) => string): Promise<void> {
  const target = path.join(tree.content, ...file.split('/'));
  const before = await readFile(target, 'utf8');
  const after = change(before);
  expect(after, `the edit of ${file} changes nothing`).not.toBe(before);
  await writeFile(target, after);
}

const remove = (tree: Site, file: string) => rm(path.join(tree.content, ...file.split('/')));

/** Loads with the memo and without one; both must give the same, which is returned. */
async function same(tree: Site): Promise<LoadResult> {
  const remembered = await loadContent(tree.content, { findLinks: findBodyLinks, root: tree.root, today: tree.today, memo: tree.memo });
  const fresh = await loadContent(tree.content, { findLinks: findBodyLinks, root: tree.root, today: tree.today });
  expect(remembered).toStrictEqual(fresh);
  return remembered;
}

/** How many files a load with the memo parses. */
async function parsedWithMemo(tree: Site): Promise<number> {
  parsed.mockClear();
  await loadContent(tree.content, { findLinks: findBodyLinks, root: tree.root, today: tree.today, memo: tree.memo });
  return parsed.mock.calls.length;
}

const messages = (result: LoadResult, file: string) =>
  result.diagnostics.filter((d) => d.file === `content/${file}`).map((d) => d.message);

const item = (result: LoadResult, file: string) => result.content?.items.find((i) => i.file === file);

describe('a memo gives what a fresh load gives', () => {
  let tree: Site;
  beforeEach(async () => {
    tree = await site();
  });

  it('when nothing changed, parsing no file again', async () => {
    expect(await parsedWithMemo(tree)).toBe(0);
    const result = await same(tree);
    expect(result.content?.items).toHaveLength(47);
  });

  it('after an item title changes, parsing that file alone', async () => {
    await edit(tree, ITEM, (text) => text.replace('title: 通航试验区郑上科创园项目开工建设', 'title: 郑上科创园项目开工'));
    expect(await parsedWithMemo(tree)).toBe(1);
    expect(item(await same(tree), ITEM)?.title).toBe('郑上科创园项目开工');
  });

  it('after a body changes', async () => {
    await edit(tree, ITEM, (text) => `${text}\n补充一段正文。\n`);
    expect(item(await same(tree), ITEM)?.body).toContain('补充一段正文。');
  });

  it('after a front-matter error is made and fixed', async () => {
    await edit(tree, ITEM, (text) => text.replace('title: 通航', 'title: "通航'));
    const broken = await same(tree);
    expect(broken.content).toBeUndefined();
    expect(messages(broken, ITEM).join()).toContain('引号没有配对');
    await edit(tree, ITEM, (text) => text.replace('title: "通航', 'title: 通航'));
    expect((await same(tree)).content).toBeDefined();
  });

  it('after an unknown key, a missing fence and an empty body', async () => {
    await edit(tree, ITEM, (text) => text.replace('category:', 'catgory:'));
    expect(messages(await same(tree), ITEM).join()).toContain('是否是“category”');
    await edit(tree, ITEM, (text) => text.replace(/\n---\n[\s\S]*$/, '\n'));
    expect(messages(await same(tree), ITEM).join()).toContain('字段区（front-matter）没有结束');
    await edit(tree, ITEM, (text) => `${text.replace('catgory:', 'category:')}---\n`);
    expect(messages(await same(tree), ITEM).join()).toContain('正文为空');
  });

  it('after a file stops being UTF-8 and comes back', async () => {
    const text = await readFile(path.join(tree.content, ITEM), 'utf8');
    await write(tree, ITEM, iconv.encode(text, 'gbk'));
    expect(messages(await same(tree), ITEM).join()).toContain('不是 UTF-8');
    await write(tree, ITEM, text);
    expect(item(await same(tree), ITEM)).toBeDefined();
  });

  it('after Word saves a file again with a BOM and CRLF: known by its bytes, so parsed again, to the same item', async () => {
    const before = item(await same(tree), ITEM);
    const text = await readFile(path.join(tree.content, ITEM), 'utf8');
    await write(tree, ITEM, `\uFEFF${text.replace(/\n/g, '\r\n')}`);
    expect(await parsedWithMemo(tree)).toBe(1);
    expect(item(await same(tree), ITEM)).toEqual(before);
    expect(await parsedWithMemo(tree)).toBe(0);
  });

  it('after units.yaml drops an alias items use, and after it is restored', async () => {
    const units = '_data/units.yaml';
    await edit(tree, units, (text) => text.replace('aliases: [区卫健委]', 'aliases: []'));
    const result = await same(tree);
    expect(messages(result, '2020/52/02-hesuan-jiance.md').join()).toContain('不在名单');
    await edit(tree, units, (text) => text.replace('aliases: []', 'aliases: [区卫健委]'));
    expect((await same(tree)).content).toBeDefined();
  });

  it('after units.yaml renames a unit, reading the canonical name anew', async () => {
    await edit(tree, '_data/units.yaml', (text) =>
      text.replace('- name: 区卫生健康委员会', '- name: 区卫生健康委').replace('aliases: [区卫健委]', 'aliases: [区卫健委, 区卫生健康委员会]'),
    );
    expect(item(await same(tree), '2020/52/02-hesuan-jiance.md')?.unit).toBe('区卫生健康委');
  });

  it('after categories.yaml loses a category', async () => {
    await edit(tree, '_data/categories.yaml', (text) => text.replace(/- name: 党建工作\n.*\n/, ''));
    expect(messages(await same(tree), '2021/01/16-xiawo-dangjian.md').join()).toContain('不在名单');
  });

  it('after the editing office changes, for the items that name no unit', async () => {
    await edit(tree, '_data/site.yaml', (text) => text.replace('office: 上街区人民政府办公室', 'office: 上街区政府办公室'));
    expect(item(await same(tree), '2021/01/jinji-huiyi.md')?.unit).toBe('上街区政府办公室');
  });

  it('after today changes, for the far-future warnings', async () => {
    tree.today = '2020-10-01';
    expect(messages(await same(tree), ITEM).join()).toContain('比今天（2020-10-01）晚');
    tree.today = undefined;
    expect(messages(await same(tree), ITEM)).toEqual([]);
  });

  it('after an issue index.md changes, and after it is deleted', async () => {
    await edit(tree, '2020/52/index.md', (text) => text.replace('date: 2020-12-25', 'date: 2020-12-25\ntitle: 岁末专刊'));
    expect((await same(tree)).content?.issues.find((i) => i.key === '2020/52')?.title).toBe('岁末专刊');
    await remove(tree, '2020/52/index.md');
    expect(messages(await same(tree), '2020/52/index.md').join()).toContain('缺少 index.md');
  });

  it('after an item is deleted, added, renamed or copied', async () => {
    await remove(tree, ITEM);
    expect(item(await same(tree), ITEM)).toBeUndefined();
    await write(tree, '2021/01/17-xinde.md', '---\ntitle: 新增一条信息\ndate: 2021-01-07\ncategory: 基层动态\n---\n\n正文。\n');
    expect(item(await same(tree), '2021/01/17-xinde.md')?.slug).toBe('xinde');
    await rename(path.join(tree.content, '2021/01/17-xinde.md'), path.join(tree.content, '2021/01/17-gaiming.md'));
    expect(item(await same(tree), '2021/01/17-gaiming.md')?.slug).toBe('gaiming');
    // A copy under another number: the same URL and the same title, each checked across files.
    const copy = await readFile(path.join(tree.content, '2021/01/17-gaiming.md'), 'utf8');
    await write(tree, '2021/01/18-gaiming.md', copy);
    const result = await same(tree);
    expect(messages(result, '2021/01/18-gaiming.md').join()).toMatch(/网址相同[\s\S]*标题相同/);
    await remove(tree, '2021/01/17-gaiming.md');
    expect(messages(await same(tree), '2021/01/18-gaiming.md')).toEqual([]);
  });

  it('after a linked attachment is deleted and put back, though the linking file is unchanged', async () => {
    await remove(tree, ATTACHMENT);
    expect(messages(await same(tree), LINKING).join()).toContain('“附件/tongzhi.pdf”不存在');
    await write(tree, ATTACHMENT, '%PDF-1.4');
    expect(messages(await same(tree), LINKING)).toEqual([]);
  });

  it('after the caller changed what an earlier load gave it', async () => {
    const first = await loadContent(tree.content, { findLinks: findBodyLinks, root: tree.root, today: tree.today, memo: tree.memo });
    for (const each of first.content!.items) each.title = '改过';
    for (const issue of first.content!.issues) issue.colophon.reportTo.push('改过');
    first.diagnostics.push({ file: 'x', line: 1, column: 1, severity: 'error', message: '改过' });
    const again = await same(tree);
    expect(again.content?.items.some((each) => each.title === '改过')).toBe(false);
    expect(again.content?.issues.some((issue) => issue.colophon.reportTo.includes('改过'))).toBe(false);
  });
});

describe('a memo with the changed files named (the dev server’s watcher)', () => {
  let tree: Site;
  beforeEach(async () => {
    tree = await site();
  });

  const load = (changed: string[]) =>
    loadContent(tree.content, { findLinks: findBodyLinks, root: tree.root, today: tree.today, memo: tree.memo, changedFiles: new Set(changed) });

  it('reads and checks only those, and gives what a fresh load gives', async () => {
    await edit(tree, ITEM, (text) => text.replace('title: 通航试验区郑上科创园项目开工建设', 'title: 郑上科创园开工'));
    parsed.mockClear();
    const result = await load([ITEM]);
    expect(parsed.mock.calls.map(([raw]) => raw).filter((raw) => raw.includes('郑上科创园开工'))).toHaveLength(1);
    expect(parsed).toHaveBeenCalledTimes(1);
    expect(result).toStrictEqual(await loadContent(tree.content, { findLinks: findBodyLinks, root: tree.root, today: tree.today }));
  });

  it('takes a file not named as it was, without reading it: the caller vouches for it', async () => {
    await edit(tree, ITEM, (text) => text.replace('title: 通航试验区郑上科创园项目开工建设', 'title: 未报告的修改'));
    parsed.mockClear();
    const result = await load([]);
    expect(parsed).not.toHaveBeenCalled();
    expect(item(result, ITEM)?.title).toBe('通航试验区郑上科创园项目开工建设');
  });

  it('still sees files added or deleted, and lists changes with the rest', async () => {
    await remove(tree, ITEM);
    await write(tree, '2021/01/09-xinjian.md', '---\ntitle: 新建一条\ndate: 2021-01-15\ncategory: 疫情防控\n---\n\n正文。\n');
    const result = await load(['2021/01/09-xinjian.md']);
    expect(item(result, ITEM)).toBeUndefined();
    expect(item(result, '2021/01/09-xinjian.md')?.title).toBe('新建一条');
    expect(result).toStrictEqual(await loadContent(tree.content, { findLinks: findBodyLinks, root: tree.root, today: tree.today }));
  });
});
