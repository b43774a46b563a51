/**
 * The 报尾 keys of an issue's index.md (reportTo, copyTo, sendTo, copies), seen from loadContent:
 * what is read, and what a clerk is told, in Chinese with line and column, when it is wrong.
 */
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadContent, type LoadResult } from '../../src/content/load.ts';
import { findBodyLinks } from '../../src/markdown/body-links.ts';
import { makeTempDir, removeDir, writeTree } from '../helpers/tree.ts';

const md = (...lines: string[]): string => `${lines.join('\n')}\n`;

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((dir) => removeDir(dir))));

const INDEX = 'content/2021/03/index.md';

/** A valid site whose one issue has `frontMatter` (lines between the fences). */
async function load(...frontMatter: string[]): Promise<LoadResult> {
  const root = await makeTempDir();
  dirs.push(root);
  await writeTree(root, {
    'content/_data/site.yaml': md('title: 工作动态', 'office: 示例区人民政府办公室', 'url: https://bulletin.example.gov.cn/'),
    'content/_data/units.yaml': md('- name: 济源路街道'),
    'content/_data/categories.yaml': md('- name: 疫情防控'),
    [INDEX]: md('---', ...frontMatter, '---'),
    'content/2021/03/01-huiyi.md': md('---', 'title: 会议', 'date: 2021-01-23', 'category: 疫情防控', '---', '', '正文。'),
  });
  return loadContent(path.join(root, 'content'), { findLinks: findBodyLinks, root });
}

const errors = (result: LoadResult) =>
  result.diagnostics.filter((d) => d.severity === 'error').map((d) => ({ file: d.file, line: d.line, column: d.column, message: d.message }));

describe('the 报尾 keys of an issue', () => {
  it('reads a line of names, a list of names and the number of copies', async () => {
    const result = await load('date: 2021-01-25', 'reportTo: 市委办公厅、市政府办公厅', 'copyTo:', '  - 区委办', '  - " 区政府办 "', 'copies: 60');
    expect(errors(result)).toEqual([]);
    expect(result.content!.issues[0]!.colophon).toEqual({
      reportTo: ['市委办公厅、市政府办公厅'],
      copyTo: ['区委办', '区政府办'],
      sendTo: [],
      copies: 60,
    });
  });

  it('leaves them empty when not given, or given with nothing after the colon', async () => {
    const result = await load('date: 2021-01-25', 'sendTo:');
    expect(errors(result)).toEqual([]);
    expect(result.content!.issues[0]!.colophon).toEqual({ reportTo: [], copyTo: [], sendTo: [], copies: undefined });
  });

  it('says how to write copies when it is not a positive whole number', async () => {
    for (const value of ['60份', '0', '2.5']) {
      const result = await load('date: 2021-01-25', `copies: ${value}`);
      expect(result.content).toBeUndefined();
      expect(errors(result)).toEqual([{ file: INDEX, line: 3, column: 9, message: '印数（copies）须为正整数，如 copies: 60' }]);
    }
  });

  it('says how to write recipients that are neither a line nor a list of names', async () => {
    const result = await load('date: 2021-01-25', 'reportTo:', '  name: 市委办公厅');
    expect(errors(result)).toEqual([
      { file: INDEX, line: 4, column: 3, message: '报送（reportTo）须为一行文字，或每行以“- ”开头的名单，如 reportTo: 区委办公室、区政府办公室' },
    ]);
  });

  it('reports an empty name list', async () => {
    const result = await load('date: 2021-01-25', 'copyTo: ""');
    expect(errors(result)).toEqual([{ file: INDEX, line: 3, column: 9, message: '抄送（copyTo）为空：请填写单位名称，或删除这一行' }]);
  });

  it('suggests the key for a typo', async () => {
    const result = await load('date: 2021-01-25', 'sendto: 各镇（街道）');
    expect(errors(result)[0]!.message).toContain('是否是“sendTo”');
  });
});
