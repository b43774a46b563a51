/**
 * The content schema, seen from `loadContent`: each bad case is a small content tree written to a
 * temp folder, and the test checks the diagnostic a clerk would read — file, line, column, a
 * Chinese message that says how to fix it — and that no content comes back.
 */
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadContent, type LoadResult } from '../../src/content/load.ts';
import { findBodyLinks } from '../../src/markdown/body-links.ts';
import type { Diagnostic } from '../../src/content/model.ts';
import { formatDiagnostic } from '../../src/content/report.ts';
import { makeTempDir, removeDir, writeTree, type Tree } from '../helpers/tree.ts';

/** File text from its lines: the first argument is line 1. */
const md = (...lines: string[]): string => `${lines.join('\n')}\n`;

const SITE = md(
  'title: 工作动态',
  'office: 示例区人民政府办公室',
  'url: https://bulletin.example.gov.cn/',
  'pageSize: 20',
  'description: 示例区工作动态',
);

const UNITS = md(
  '- name: 通航试验区管委会',
  '  slug: tonghang-shiyanqu',
  '  aliases: [通航试验区]',
  '- name: 济源路街道',
  '  slug: jiyuanlu-jiedao',
  '  aliases: [济源路街道办事处, 济源路办事处]',
  '- name: 中心路街道',
);

const CATEGORIES = md('- name: 疫情防控', '- name: 项目建设', '  slug: xiangmu-jianshe', '- name: 基层动态');

const ISSUE = md('---', 'date: 2021-01-25', '---');

/** A tree with valid settings and lists and one issue, 2021/03, with no items yet. */
const BASE: Tree = {
  'content/_data/site.yaml': SITE,
  'content/_data/units.yaml': UNITS,
  'content/_data/categories.yaml': CATEGORIES,
  'content/2021/03/index.md': ISSUE,
};

/** A valid item, for trees that need one beside a broken file. */
const GOOD_ITEM = md('---', 'title: 上街区召开疫情防控会议', 'date: 2021-01-23', 'category: 疫情防控', '---', '', '会议要求压实责任。');

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((dir) => removeDir(dir)));
});

/** Writes BASE with `files` laid over it (an empty string for a path deletes it) and loads it. */
async function load(files: Tree = {}): Promise<LoadResult> {
  const root = await makeTempDir();
  dirs.push(root);
  const tree: Tree = { ...BASE, ...files };
  for (const [file, text] of Object.entries(files)) if (text === '') delete tree[file];
  await writeTree(root, tree);
  return loadContent(path.join(root, 'content'), { findLinks: findBodyLinks, root });
}

const listing = (diagnostics: readonly Diagnostic[]) => diagnostics.map(formatDiagnostic).join('\n') || '(none)';

interface Expected {
  file: string;
  line: number;
  column: number;
  /** Substrings the message must contain. */
  says: string[];
}

/** The load failed, and among its diagnostics is an error at exactly this place saying all of `says`. */
function expectError(result: LoadResult, expected: Expected): Diagnostic {
  expect(result.content).toBeUndefined();
  const found = result.diagnostics.find(
    (d) => d.file === expected.file && expected.says.every((s) => d.message.includes(s)),
  );
  expect(found, `no diagnostic for ${expected.file} saying ${expected.says.join(' / ')}; got:\n${listing(result.diagnostics)}`).toBeDefined();
  const diagnostic = found!;
  expect({ line: diagnostic.line, column: diagnostic.column }, listing(result.diagnostics)).toEqual({
    line: expected.line,
    column: expected.column,
  });
  expect(diagnostic.severity).toBe('error');
  expect(diagnostic.message).toMatch(/\p{Script=Han}/u);
  return diagnostic;
}

/** Diagnostics for one file. */
const inFile = (result: LoadResult, file: string) => result.diagnostics.filter((d) => d.file === file);

const ITEM = 'content/2021/03/01-huiyi.md';

describe('title', () => {
  it('reports a missing title at the start of the front-matter', async () => {
    const result = await load({ [ITEM]: md('---', 'date: 2021-01-23', 'category: 疫情防控', '---', '正文。') });
    expectError(result, { file: ITEM, line: 2, column: 1, says: ['缺少标题', 'title:'] });
  });

  it('reports an empty quoted title at its value', async () => {
    const result = await load({ [ITEM]: md('---', 'title: ""', 'date: 2021-01-23', 'category: 疫情防控', '---', '正文。') });
    expectError(result, { file: ITEM, line: 2, column: 8, says: ['标题', '为空', '请填写标题'] });
  });

  it('reports a title of spaces only as empty', async () => {
    const result = await load({ [ITEM]: md('---', 'title: "   "', 'date: 2021-01-23', 'category: 疫情防控', '---', '正文。') });
    expectError(result, { file: ITEM, line: 2, column: 8, says: ['标题', '为空', '请填写标题'] });
  });

  // `title:` followed by nothing but spaces is how an unfilled template looks. YAML reads it as
  // null, and the clerk should be told the title is empty, as for `title: ""`.
  it('reports `title:   ` (nothing after the colon) as an empty title', async () => {
    const result = await load({ [ITEM]: md('---', 'title:   ', 'date: 2021-01-23', 'category: 疫情防控', '---', '正文。') });
    expectError(result, { file: ITEM, line: 2, column: 10, says: ['标题', '为空', '请填写标题'] });
  });
});

describe('date', () => {
  it('reads full-width digits typed by an input method: ２０２１年１月２３日 → 2021-01-23', async () => {
    const result = await load({ [ITEM]: md('---', 'title: 标题', 'date: ２０２１年１月２３日', 'category: 疫情防控', '---', '', '正文。') });
    expectError(result, { file: ITEM, line: 3, column: 7, says: ['2021-01-23'] });
  });

  it('reports a missing date and shows the form to write', async () => {
    const result = await load({ [ITEM]: md('---', 'title: 标题', 'category: 疫情防控', '---', '正文。') });
    expectError(result, { file: ITEM, line: 2, column: 1, says: ['缺少日期', 'date: 2021-01-23'] });
  });

  it('says that 2021-02-30 does not exist', async () => {
    const result = await load({ [ITEM]: md('---', 'title: 标题', 'date: 2021-02-30', 'category: 疫情防控', '---', '正文。') });
    expectError(result, { file: ITEM, line: 3, column: 7, says: ['2021-02-30', '不存在'] });
  });

  it('suggests 2021-01-23 for 2021年1月23日', async () => {
    const result = await load({ [ITEM]: md('---', 'title: 标题', 'date: 2021年1月23日', 'category: 疫情防控', '---', '正文。') });
    expectError(result, { file: ITEM, line: 3, column: 7, says: ['2021年1月23日', '请写成 2021-01-23'] });
  });

  it('suggests 2021-01-23 for 2021/1/23', async () => {
    const result = await load({ [ITEM]: md('---', 'title: 标题', 'date: 2021/1/23', 'category: 疫情防控', '---', '正文。') });
    expectError(result, { file: ITEM, line: 3, column: 7, says: ['2021/1/23', '请写成 2021-01-23'] });
  });

  it('checks the date of an issue index.md too', async () => {
    const result = await load({
      'content/2021/03/index.md': md('---', 'date: 2021年1月25日', '---'),
      [ITEM]: GOOD_ITEM,
    });
    expectError(result, { file: 'content/2021/03/index.md', line: 2, column: 7, says: ['请写成 2021-01-25'] });
  });
});

describe('unit and category', () => {
  it('takes a blank `unit:` as the editing office’s own item', async () => {
    const result = await load({
      [ITEM]: md('---', 'title: 标题', 'date: 2021-01-23', 'unit:', 'category: 疫情防控', '---', '', '正文。'),
    });
    expect(listing(result.diagnostics)).toBe('(none)');
    expect(result.content!.items[0]!.unit).toBe('示例区人民政府办公室');
  });

  it('suggests the closest unit name for an unknown unit', async () => {
    const result = await load({
      [ITEM]: md('---', 'title: 标题', 'date: 2021-01-23', 'unit: 济源路街到', 'category: 疫情防控', '---', '正文。'),
    });
    expectError(result, { file: ITEM, line: 4, column: 7, says: ['济源路街到', '是否是“济源路街道”', 'units.yaml'] });
  });

  it('accepts an alias and resolves it to the canonical name', async () => {
    const result = await load({
      [ITEM]: md('---', 'title: 标题', 'date: 2021-01-23', 'unit: 济源路办事处', 'category: 疫情防控', '---', '正文。'),
    });
    expect(result.diagnostics, listing(result.diagnostics)).toEqual([]);
    expect(result.content?.items.map((item) => item.unit)).toEqual(['济源路街道']);
  });

  it('suggests the closest category for an unknown category', async () => {
    const result = await load({
      [ITEM]: md('---', 'title: 标题', 'date: 2021-01-23', 'category: 疫情防空', '---', '正文。'),
    });
    expectError(result, { file: ITEM, line: 4, column: 11, says: ['疫情防空', '是否是“疫情防控”', 'categories.yaml'] });
  });
});

describe('broken YAML', () => {
  it('asks for quotes when a title holds a colon and a space', async () => {
    const result = await load({ [ITEM]: md('---', 'title: 通知: 关于春节值班', 'date: 2021-01-23', 'category: 疫情防控', '---', '', '正文。') });
    expectError(result, { file: ITEM, line: 2, column: 8, says: ['引号', '全角冒号'] });
  });

  it('asks for quotes when a value starts with a bracket', async () => {
    const result = await load({ [ITEM]: md('---', 'title: [通知]关于春节值班', 'date: 2021-01-23', 'category: 疫情防控', '---', '', '正文。') });
    expectError(result, { file: ITEM, line: 2, column: 12, says: ['引号', '[通知]'] });
  });

  // The quote is opened on line 2; the parser only notices at the end of the front-matter. The
  // clerk must be sent to the line with the lone quote, not to the last field.
  it('points an unclosed quote at the line where the quote opens', async () => {
    const result = await load({
      [ITEM]: md('---', 'title: "上街区召开会议', 'date: 2021-01-23', 'category: 疫情防控', '---', '正文。'),
    });
    expect(result.content).toBeUndefined();
    const [first] = inFile(result, ITEM);
    expect(first, listing(result.diagnostics)).toMatchObject({ line: 2, severity: 'error' });
    expect(first!.message).toContain('引号');
  });

  // Line 3 is indented by mistake; line 2 (`title: 标题`) is fine and must not be the one blamed.
  it('points bad indentation at the indented line', async () => {
    const result = await load({
      [ITEM]: md('---', 'title: 标题', '  date: 2021-01-23', 'category: 疫情防控', '---', '正文。'),
    });
    expect(result.content).toBeUndefined();
    const [first] = inFile(result, ITEM);
    expect(first, listing(result.diagnostics)).toMatchObject({ line: 3, severity: 'error' });
    expect(first!.message).toMatch(/\p{Script=Han}/u);
  });

  // A field without its colon: the message must be about the colon, not about quotes or brackets.
  it('says a field line is missing its colon', async () => {
    const result = await load({
      [ITEM]: md('---', 'title: 标题', 'date: 2021-01-23', 'category 疫情防控', '---', '正文。'),
    });
    const diagnostic = expectError(result, { file: ITEM, line: 4, column: 1, says: ['冒号'] });
    expect(diagnostic.message).not.toContain('引号');
  });

  it('refuses a tab used for indentation, at the tab', async () => {
    const result = await load({
      [ITEM]: md('---', 'title: 标题', 'date: 2021-01-23', '\tcategory: 疫情防控', '---', '正文。'),
    });
    expectError(result, { file: ITEM, line: 4, column: 1, says: ['Tab', '空格'] });
  });

  it('refuses a full-width colon after a key and shows the fix', async () => {
    const result = await load({
      [ITEM]: md('---', 'title：标题', 'date: 2021-01-23', 'category: 疫情防控', '---', '正文。'),
    });
    expectError(result, { file: ITEM, line: 2, column: 6, says: ['全角冒号', '半角冒号', 'title: '] });
  });

  it('refuses a field written twice', async () => {
    const result = await load({
      [ITEM]: md('---', 'title: 标题', 'title: 另一个标题', 'date: 2021-01-23', 'category: 疫情防控', '---', '正文。'),
    });
    expectError(result, { file: ITEM, line: 3, column: 1, says: ['写了两次', '删去'] });
  });

  // One mistake, one line in the clerk's list: a YAML problem of an item or issue file must not
  // come back twice.
  it('reports each YAML problem once', async () => {
    const result = await load({
      'content/2021/03/index.md': md('---', 'date：2021-01-25', '---'),
      'content/2021/03/01-a.md': md('---', 'title: 标题', 'date: 2021-01-23', '\tcategory: 疫情防控', '---', '正文。'),
      'content/2021/03/02-b.md': md('---', 'title：标题', 'date: 2021-01-23', 'category: 疫情防控', '---', '正文。'),
      'content/2021/03/03-c.md': md('---', 'title: 标题', 'title: 另一个标题', 'date: 2021-01-23', 'category: 疫情防控', '---', '正文。'),
    });
    expect(result.content).toBeUndefined();
    expect(result.diagnostics.map((d) => `${d.file}:${d.line}:${d.column}`), listing(result.diagnostics)).toEqual([
      'content/2021/03/01-a.md:4:1',
      'content/2021/03/02-b.md:2:6',
      'content/2021/03/03-c.md:3:1',
      'content/2021/03/index.md:2:5',
    ]);
  });
});

describe('front-matter keys', () => {
  it('suggests `title` for the unknown key `tilte`', async () => {
    const result = await load({
      [ITEM]: md('---', 'tilte: 标题', 'date: 2021-01-23', 'category: 疫情防控', '---', '正文。'),
    });
    expectError(result, { file: ITEM, line: 2, column: 1, says: ['未知字段“tilte”', '是否是“title”'] });
  });

  it('refuses permalink, layout and eleventyComputed, each at its own line', async () => {
    const result = await load({
      [ITEM]: md(
        '---',
        'title: 标题',
        'date: 2021-01-23',
        'category: 疫情防控',
        'permalink: /elsewhere/',
        'layout: other.njk',
        'eleventyComputed:',
        '  title: 计算的标题',
        '---',
        '正文。',
      ),
    });
    expectError(result, { file: ITEM, line: 5, column: 1, says: ['不允许设置“permalink”', '删除这一行'] });
    expectError(result, { file: ITEM, line: 6, column: 1, says: ['不允许设置“layout”', '删除这一行'] });
    expectError(result, { file: ITEM, line: 7, column: 1, says: ['不允许设置“eleventyComputed”', '删除这一行'] });
    expect(inFile(result, ITEM)).toHaveLength(3);
  });
});

describe('file shape', () => {
  it('reports front-matter that is never closed', async () => {
    const result = await load({ [ITEM]: md('---', 'title: 标题', 'date: 2021-01-23', 'category: 疫情防控', '正文。') });
    expectError(result, { file: ITEM, line: 1, column: 1, says: ['没有结束', '---'] });
  });

  it('reports a file without front-matter', async () => {
    const result = await load({ [ITEM]: md('上街区召开会议。') });
    expectError(result, { file: ITEM, line: 1, column: 1, says: ['缺少字段区', '第一行应为“---”'] });
  });

  it('reports an empty body at the line after the front-matter', async () => {
    const result = await load({ [ITEM]: md('---', 'title: 标题', 'date: 2021-01-23', 'category: 疫情防控', '---', '', '   ') });
    expectError(result, { file: ITEM, line: 6, column: 1, says: ['正文为空', '---'] });
  });

  it('reports items outside an issue folder', async () => {
    const result = await load({ 'content/2021/x.md': GOOD_ITEM, 'content/notes.md': GOOD_ITEM });
    for (const file of ['content/2021/x.md', 'content/notes.md']) {
      expectError(result, { file, line: 1, column: 1, says: ['期次目录', 'content/2021/03/01-huiyi.md'] });
    }
  });

  it('names the missing index.md of an issue folder', async () => {
    const result = await load({ 'content/2021/04/01-huiyi.md': GOOD_ITEM });
    expectError(result, { file: 'content/2021/04/index.md', line: 1, column: 1, says: ['content/2021/04/', '缺少 index.md', 'date:'] });
  });
});

describe('URL collisions', () => {
  it('refuses two items whose file names give the same slug, naming both files', async () => {
    const result = await load({ 'content/2021/03/01-huiyi.md': GOOD_ITEM, 'content/2021/03/02-huiyi.md': GOOD_ITEM });
    expect(result.content).toBeUndefined();
    const errors = result.diagnostics.filter((d) => d.message.includes('/2021/03/huiyi/'));
    expect(errors, listing(result.diagnostics)).toHaveLength(1);
    const named = [errors[0]!.file, errors[0]!.message].join(' ');
    expect(named).toContain('content/2021/03/01-huiyi.md');
    expect(named).toContain('content/2021/03/02-huiyi.md');
    expect(errors[0]).toMatchObject({ line: 1, column: 1, severity: 'error' });
    expect(errors[0]!.message).toContain('slug:');
  });

  it('refuses an explicit slug equal to another file’s slug, naming both files', async () => {
    const result = await load({
      'content/2021/03/01-huiyi.md': GOOD_ITEM,
      'content/2021/03/02-fangkong.md': md('---', 'title: 标题', 'date: 2021-01-23', 'category: 疫情防控', 'slug: huiyi', '---', '正文。'),
    });
    expect(result.content).toBeUndefined();
    const errors = result.diagnostics.filter((d) => d.message.includes('/2021/03/huiyi/'));
    expect(errors, listing(result.diagnostics)).toHaveLength(1);
    const named = [errors[0]!.file, errors[0]!.message].join(' ');
    expect(named).toContain('content/2021/03/01-huiyi.md');
    expect(named).toContain('content/2021/03/02-fangkong.md');
  });

  // A file name with nothing to transliterate gives an empty slug, so the item's URL would be
  // `/2021/03//`, i.e. the issue's own page. Explicit slugs are checked against SLUG_PATTERN;
  // one derived from the file name must not slip through empty.
  it('refuses a file name that gives no URL segment', async () => {
    const result = await load({ 'content/2021/03/——.md': GOOD_ITEM });
    expect(result.content?.items.map((item) => item.slug)).toBeUndefined();
    const errors = inFile(result, 'content/2021/03/——.md');
    expect(errors, listing(result.diagnostics)).toHaveLength(1);
    expect(errors[0]).toMatchObject({ line: 1, column: 1, severity: 'error' });
    expect(errors[0]!.message).toContain('slug');
  });

  it('allows the same slug in two different issues', async () => {
    const result = await load({
      'content/2021/03/01-huiyi.md': GOOD_ITEM,
      'content/2021/04/index.md': md('---', 'date: 2021-02-01', '---'),
      'content/2021/04/01-huiyi.md': GOOD_ITEM,
    });
    // The same title in the next issue is a warning (see the warnings' tests), not an error.
    expect(result.diagnostics.filter((d) => d.severity === 'error'), listing(result.diagnostics)).toEqual([]);
    expect(result.content?.items.map((item) => `${item.issue}/${item.slug}`)).toEqual(['2021/03/huiyi', '2021/04/huiyi']);
  });
});

describe('BOM and CRLF (Word, WPS)', () => {
  it('accepts a UTF-8 BOM and CRLF line endings without any diagnostic', async () => {
    const crlf = '\uFEFF---\r\ntitle: 标题\r\ndate: 2021-01-23\r\ncategory: 疫情防控\r\n---\r\n\r\n第一段。\r\n第二行。\r\n';
    const result = await load({ 'content/2021/03/index.md': '\uFEFF---\r\ndate: 2021-01-25\r\n---\r\n', [ITEM]: crlf });
    expect(result.diagnostics, listing(result.diagnostics)).toEqual([]);
    const item = result.content?.items[0];
    expect(item).toMatchObject({ title: '标题', date: '2021-01-23', category: '疫情防控' });
    expect(item?.body).not.toContain('\r');
    expect(item?.body.trim()).toBe('第一段。\n第二行。');
  });

  it('keeps positions right in a CRLF file with a BOM', async () => {
    const crlf = '\uFEFF---\r\ntitle: 标题\r\ndate: 2021-01-23\r\nunit: 济源路街到\r\ncategory: 疫情防控\r\n---\r\n正文。\r\n';
    const result = await load({ [ITEM]: crlf });
    expectError(result, { file: ITEM, line: 4, column: 7, says: ['是否是“济源路街道”'] });
  });
});

describe('settings and lists', () => {
  it('reports every problem of site.yaml: missing office, bad url, pageSize 0', async () => {
    const result = await load({
      'content/_data/site.yaml': md('title: 工作动态', 'url: bulletin.example.gov.cn', 'pageSize: 0'),
    });
    const file = 'content/_data/site.yaml';
    expectError(result, { file, line: 1, column: 1, says: ['缺少编印单位', 'office:'] });
    expectError(result, { file, line: 2, column: 6, says: ['url', 'https://'] });
    expectError(result, { file, line: 3, column: 11, says: ['pageSize', '1 到 200'] });
    expect(inFile(result, file)).toHaveLength(3);
  });

  it('refuses a name used twice in units.yaml, as a name or as an alias', async () => {
    const result = await load({
      'content/_data/units.yaml': md(
        '- name: 济源路街道',
        '  aliases: [济源路办事处]',
        '- name: 中心路街道',
        '  aliases: [济源路办事处]',
        '- name: 济源路街道',
        '  slug: jiyuanlu-2',
      ),
    });
    const file = 'content/_data/units.yaml';
    expectError(result, { file, line: 3, column: 9, says: ['济源路办事处', '不能重复'] });
    expectError(result, { file, line: 5, column: 9, says: ['“济源路街道”已用于', '不能重复'] });
  });

  it('refuses two units with the same slug, suggesting a slug line', async () => {
    const result = await load({
      'content/_data/units.yaml': md('- name: 济源路街道', '  slug: jiyuanlu', '- name: 中心路街道', '  slug: jiyuanlu'),
    });
    expectError(result, {
      file: 'content/_data/units.yaml',
      line: 3,
      column: 9,
      says: ['中心路街道', '济源路街道', 'jiyuanlu', 'slug:'],
    });
  });

  it('refuses a category list that is not a list', async () => {
    const result = await load({ 'content/_data/categories.yaml': md('name: 疫情防控') });
    expectError(result, { file: 'content/_data/categories.yaml', line: 1, column: 1, says: ['名单须为列表', '- name:'] });
  });
});

describe('all problems at once', () => {
  it('reports problems in three files in one call', async () => {
    const result = await load({
      'content/2021/03/01-a.md': md('---', 'date: 2021-01-23', 'category: 疫情防控', '---', '正文。'),
      'content/2021/03/02-b.md': md('---', 'title: 标题', 'date: 2021-02-30', 'category: 疫情防控', '---', '正文。'),
      'content/2021/03/03-c.md': md('---', 'title: 标题', 'date: 2021-01-23', 'category: 疫情防空', '---', '正文。'),
    });
    expect(result.content).toBeUndefined();
    expect(result.diagnostics.length).toBeGreaterThanOrEqual(3);
    expectError(result, { file: 'content/2021/03/01-a.md', line: 2, column: 1, says: ['缺少标题'] });
    expectError(result, { file: 'content/2021/03/02-b.md', line: 3, column: 7, says: ['不存在'] });
    expectError(result, { file: 'content/2021/03/03-c.md', line: 4, column: 11, says: ['疫情防控'] });
  });

  it('reports every problem of one file together', async () => {
    const result = await load({
      [ITEM]: md('---', 'title: ""', 'date: 2021/1/23', 'unit: 济源路街到', 'category: 疫情防空', 'order: 0', '---', '正文。'),
    });
    expect(inFile(result, ITEM).map((d) => d.line)).toEqual([2, 3, 4, 5, 6]);
  });

  it('reports a YAML error in one file beside a schema error in another', async () => {
    const result = await load({
      'content/2021/03/01-a.md': md('---', 'title：标题', 'date: 2021-01-23', 'category: 疫情防控', '---', '正文。'),
      'content/2021/03/02-b.md': md('---', 'title: 标题', 'date: 2021-01-23', 'category: 疫情防空', '---', '正文。'),
    });
    expectError(result, { file: 'content/2021/03/01-a.md', line: 2, column: 6, says: ['全角冒号'] });
    expectError(result, { file: 'content/2021/03/02-b.md', line: 4, column: 11, says: ['疫情防控'] });
  });

  // load.ts promises “every problem in every file”; the item files do not depend on site.yaml
  // except for the office's name, so a broken site.yaml must not hide their problems.
  it('still checks the items when site.yaml is broken', async () => {
    const result = await load({
      'content/_data/site.yaml': md('title: 工作动态', 'url: https://bulletin.example.gov.cn/'),
      [ITEM]: md('---', 'date: 2021-01-23', 'category: 疫情防控', '---', '正文。'),
    });
    expectError(result, { file: 'content/_data/site.yaml', line: 1, column: 1, says: ['缺少编印单位'] });
    expectError(result, { file: ITEM, line: 2, column: 1, says: ['缺少标题'] });
  });

  it('lists diagnostics in file order, then by line', async () => {
    const result = await load({
      'content/2021/03/02-b.md': md('---', 'title: 标题', 'date: 2021-02-30', 'category: 疫情防空', '---', '正文。'),
      'content/2021/03/01-a.md': md('---', 'date: 2021-01-23', 'category: 疫情防控', '---', '正文。'),
    });
    expect(result.diagnostics.map((d) => `${d.file}:${d.line}`)).toEqual([
      'content/2021/03/01-a.md:2',
      'content/2021/03/02-b.md:3',
      'content/2021/03/02-b.md:4',
    ]);
  });
});

describe('the editing office as a unit', () => {
  const OWN = md('---', 'title: 办公室信息', 'date: 2021-01-23', 'category: 疫情防控', '---', '', '正文。');

  it('uses the entry of units.yaml that names the office, under its name or an alias, once', async () => {
    const result = await load({
      'content/_data/units.yaml': md('- name: 济源路街道', '- name: 区政府办公室', '  slug: bangongshi', '  aliases: [示例区人民政府办公室]'),
      [ITEM]: OWN,
    });
    expect(listing(result.diagnostics)).toBe('(none)');
    expect(result.content!.units.map((u) => [u.name, u.slug])).toEqual([
      ['济源路街道', 'ji-yuan-lu-jie-dao'],
      ['区政府办公室', 'bangongshi'],
    ]);
    expect(result.content!.items[0]!.unit).toBe('区政府办公室');
  });

  it('refuses a unit whose slug is the one the office’s name gives', async () => {
    const result = await load({
      'content/_data/units.yaml': md('- name: 综合办', '  slug: shi-li-qu-ren-min-zheng-fu-ban-gong-shi'),
      [ITEM]: OWN,
    });
    expectError(result, { file: 'content/_data/site.yaml', line: 2, column: 9, says: ['综合办', 'units.yaml', 'slug'] });
  });
});

describe('a valid tree', () => {
  it('loads into the content model', async () => {
    const result = await load({
      'content/2021/03/index.md': md('---', 'date: 2021-01-25', 'title: 春节前疫情防控专刊', '---', '', '本期编者按。'),
      'content/2021/03/01-fangkong-huiyi.md': md(
        '---',
        'title: 上街区召开新冠肺炎疫情防控领导小组会议',
        'date: 2021-01-23',
        'category: 疫情防控',
        '---',
        '',
        '1月23日，上街区召开会议。',
      ),
      'content/2021/03/02-tonghang.md': md(
        '---',
        'title: 上街区加快通航核心板块项目建设',
        'date: 2021-01-25',
        'unit: 通航试验区',
        'category: 项目建设',
        'order: 5',
        '---',
        '',
        '元旦以来，项目加快建设。',
      ),
      'content/2021/03/03-济源路防控.md': md(
        '---',
        'title: 济源路街道落实落细疫情防控',
        'date: 2021-01-25',
        'unit: 济源路街道',
        'category: 基层动态',
        'draft: true',
        '---',
        '',
        '一是压实责任促担当。',
      ),
      'content/2021/03/04-renamed.md': md(
        '---',
        'title: 自定网址名',
        'date: 2021-01-25',
        'category: 基层动态',
        'slug: custom-name',
        '---',
        '正文。',
      ),
    });
    expect(result.diagnostics, listing(result.diagnostics)).toEqual([]);
    const content = result.content!;
    expect(content.site).toMatchObject({
      title: '工作动态',
      office: '示例区人民政府办公室',
      url: 'https://bulletin.example.gov.cn/',
      pageSize: 20,
    });
    // The editing office comes first: its own items (no `unit`) have a unit page too.
    expect(content.units.map((u) => [u.name, u.slug])).toEqual([
      ['示例区人民政府办公室', 'shi-li-qu-ren-min-zheng-fu-ban-gong-shi'],
      ['通航试验区管委会', 'tonghang-shiyanqu'],
      ['济源路街道', 'jiyuanlu-jiedao'],
      ['中心路街道', 'zhong-xin-lu-jie-dao'],
    ]);
    expect(content.units[2]!.aliases).toEqual(['济源路街道办事处', '济源路办事处']);
    expect(content.categories.map((c) => c.slug)).toEqual(['yi-qing-fang-kong', 'xiangmu-jianshe', 'ji-ceng-dong-tai']);

    expect(content.issues).toHaveLength(1);
    expect(content.issues[0]).toMatchObject({
      file: '2021/03/index.md',
      key: '2021/03',
      year: 2021,
      number: 3,
      date: '2021-01-25',
      title: '春节前疫情防控专刊',
      note: '本期编者按。',
      draft: false,
    });

    const byFile = new Map(content.items.map((item) => [item.file, item]));
    expect([...byFile.keys()].sort()).toEqual([
      '2021/03/01-fangkong-huiyi.md',
      '2021/03/02-tonghang.md',
      '2021/03/03-济源路防控.md',
      '2021/03/04-renamed.md',
    ]);
    expect(byFile.get('2021/03/01-fangkong-huiyi.md')).toMatchObject({
      issue: '2021/03',
      title: '上街区召开新冠肺炎疫情防控领导小组会议',
      date: '2021-01-23',
      unit: '示例区人民政府办公室',
      category: '疫情防控',
      order: undefined,
      slug: 'fangkong-huiyi',
      draft: false,
    });
    expect(byFile.get('2021/03/01-fangkong-huiyi.md')!.body.trim()).toBe('1月23日，上街区召开会议。');
    expect(byFile.get('2021/03/02-tonghang.md')).toMatchObject({ unit: '通航试验区管委会', order: 5, slug: 'tonghang' });
    expect(byFile.get('2021/03/03-济源路防控.md')).toMatchObject({ unit: '济源路街道', slug: 'ji-yuan-lu-fang-kong', draft: true });
    expect(byFile.get('2021/03/04-renamed.md')).toMatchObject({ slug: 'custom-name', unit: '示例区人民政府办公室' });
  });

  it('loads the sample content of the repository without diagnostics', async () => {
    const root = path.resolve(import.meta.dirname, '../..');
    const result = await loadContent(path.join(root, 'content'), { findLinks: findBodyLinks, root });
    expect(result.diagnostics, listing(result.diagnostics)).toEqual([]);
    expect(result.content?.items.length).toBeGreaterThan(0);
  });
});

describe('text that YAML would lose or retype (published as written)', () => {
  it('refuses a # comment after a title, at the #, with the quoted title as the fix', async () => {
    const result = await load({ [ITEM]: md('---', 'title: 济源路街道 #强责任 广宣传', 'date: 2021-01-23', 'category: 疫情防控', '---', '正文。') });
    const diagnostic = expectError(result, { file: ITEM, line: 2, column: 14, says: ['“#”', '强责任 广宣传', '注释', '引号'] });
    expect(diagnostic.message).toContain('title: "济源路街道 #强责任 广宣传"');
  });

  it('refuses a comment after any value, quoted or in a list, but not a comment line of its own', async () => {
    const quoted = await load({ [ITEM]: md('---', 'title: "会议" # 备注', 'date: 2021-01-23', 'category: 疫情防控', '---', '正文。') });
    expectError(quoted, { file: ITEM, line: 2, column: 13, says: ['备注', 'title: "会议 # 备注"'] });
    const listed = await load({ 'content/2021/03/index.md': md('---', 'date: 2021-01-25', 'reportTo:', '  - 市委办公厅 #主送', '---') });
    expectError(listed, { file: 'content/2021/03/index.md', line: 4, column: 11, says: ['主送', '- "市委办公厅 #主送"'] });
    const line = await load({ [ITEM]: md('---', '# 这是备注行', 'title: 会议', 'date: 2021-01-23', 'category: 疫情防控', '---', '正文。') });
    expect(inFile(line, ITEM), listing(line.diagnostics)).toEqual([]);
  });

  for (const [written, reading] of [
    ['2021', '数字'],
    ['3.5', '数字'],
    ['yes', '是非值'],
    ['No', '是非值'],
    ['true', '是非值'],
    ['~', '空值'],
    ['null', '空值'],
    ['2021-01-23', '日期'],
  ] as const) {
    it(`refuses title: ${written}, which YAML reads as ${reading}, with the quoted form`, async () => {
      const result = await load({ [ITEM]: md('---', `title: ${written}`, 'date: 2021-01-23', 'category: 疫情防控', '---', '正文。') });
      const diagnostic = expectError(result, { file: ITEM, line: 2, column: 8, says: [reading, `title: "${written}"`] });
      expect(inFile(result, ITEM), listing(result.diagnostics)).toEqual([diagnostic]);
    });
  }

  it('refuses a unit or category that YAML reads as a number, and accepts the same quoted', async () => {
    const bare = await load({ [ITEM]: md('---', 'title: 会议', 'date: 2021-01-23', 'unit: 110', 'category: 疫情防控', '---', '正文。') });
    expectError(bare, { file: ITEM, line: 4, column: 7, says: ['来源单位', '数字', 'unit: "110"'] });
    const quoted = await load({ [ITEM]: md('---', 'title: "2021"', 'date: 2021-01-23', 'category: 疫情防控', '---', '正文。') });
    expect(inFile(quoted, ITEM), listing(quoted.diagnostics)).toEqual([]);
  });

  it('leaves dates, order and draft to their own types', async () => {
    const result = await load({ [ITEM]: md('---', 'title: 会议', 'date: 2021-01-23', 'category: 疫情防控', 'order: 2', 'draft: false', '---', '正文。') });
    expect(inFile(result, ITEM), listing(result.diagnostics)).toEqual([]);
  });
});
