/**
 * `npm run check` as clerks and CI run it: a content tree with one mistake per file, checked
 * once by each output format, and every case of the issue read back from what was printed.
 */
import { readdir, readFile, symlink } from 'node:fs/promises';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FILL_IN_MARK } from '../../src/content/fill-in-mark.ts';
import { clerkTree, goodItem, itemFile, lines, type ClerkTree } from '../helpers/clerk-tree.ts';
import { removeDir } from '../helpers/tree.ts';
import { BUILD_TIMEOUT, hashTree, runCli, type CliResult } from '../integration/support.ts';
import { diagnosticsIn, runTool, shownPath, type Shown } from './support.ts';

const ISSUE = 'content/2021/03';
const TODAY = '2021-01-26';
const fields = (title: string, extra: Record<string, string> = {}) => ({ title, date: '2021-01-23', category: '疫情防控', ...extra });

/** One file per case of the issue; the symlink is added after writing. */
const BROKEN: Record<string, string | Uint8Array> = {
  [`${ISSUE}/gbk.md`]: iconv.encode(goodItem('用记事本保存的信息'), 'gbk'),
  [`${ISSUE}/bom-crlf.md`]: `\uFEFF${goodItem('用 Word 保存的信息').replace(/\n/g, '\r\n')}`,
  [`${ISSUE}/mao-hao.md`]: lines('---', 'title：全角冒号', 'date: 2021-01-23', 'category: 疫情防控', '---', '', '正文。'),
  [`${ISSUE}/kong-ge.md`]: lines('---', 'title: 全角空格', '\u3000date: 2021-01-23', 'category: 疫情防控', '---', '', '正文。'),
  [`${ISSUE}/tab.md`]: lines('---', 'title: 制表符', '\tdate: 2021-01-23', 'category: 疫情防控', '---', '', '正文。'),
  [`${ISSUE}/wei-jie-shu.md`]: lines('---', 'title: 没有结束', 'date: 2021-01-23', 'category: 疫情防控', '', '正文。'),
  [`${ISSUE}/kong.md`]: itemFile(fields('空正文'), ''),
  [`${ISSUE}/chang.md`]: goodItem('上街区'.repeat(20) + '会'),
  [`${ISSUE}/ri-qi.md`]: itemFile(fields('中文日期', { date: '2021年1月23日' })),
  [`${ISSUE}/wei-lai.md`]: itemFile(fields('将来的日期', { date: '2021-03-01' })),
  [`${ISSUE}/chong-fu-a.md`]: goodItem('重复的标题'),
  [`${ISSUE}/chong-fu-b.md`]: goodItem('重复的标题'),
  [`${ISSUE}/da.md`]: itemFile(fields('很大的文件'), '很长的正文。'.repeat(70_000)),
  [`${ISSUE}/er-jin-zhi.md`]: Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0x06, 0, 0x08, 0, 0, 0]),
  [`${ISSUE}/bao-liu.md`]: itemFile(fields('改网址', { permalink: '/x/', layout: 'base.njk', eleventyExcludeFromCollections: 'true' })),
  [`${ISSUE}/ji-suan.md`]: lines('---', ...Object.entries(fields('计算字段')).map(([k, v]) => `${k}: ${v}`), 'eleventyComputed:', '  title: x', '---', '', '正文。'),
  [`${ISSUE}/lian-jie.md`]: itemFile(fields('坏链接'), lines('见[通知](tongzhi.pdf)。', '', '![照片](zhaopian.jpg)')),
  [`${ISSUE}/tian-xie.md`]: itemFile(fields('导入的信息', { category: FILL_IN_MARK })),
  'outside.md': goodItem('content 之外的文件'),
};

let broken: ClerkTree;
let text: CliResult;
let json: CliResult;
let github: CliResult;
let sameDay: CliResult;
let build: CliResult;
let before: Record<string, string>;
const roots: string[] = [];

beforeAll(async () => {
  broken = await clerkTree(BROKEN);
  roots.push(broken.root);
  await symlink(path.join(broken.root, 'outside.md'), path.join(broken.content, '2021/03/wai-lian.md'));
  before = await hashTree(broken.content);
  const args = ['--content', broken.content];
  [text, json, github, sameDay, build] = await Promise.all([
    runTool('check', [...args, '--today', TODAY]),
    runTool('check', [...args, '--today', TODAY, '--format', 'json']),
    runTool('check', [...args, '--today', TODAY], { GITHUB_ACTIONS: 'true' }),
    // Without --today, as `npm run build` runs: both take today's date in China from the clock.
    runTool('check', args),
    runCli([...args, '--out', path.join(broken.root, 'dist')]),
  ]);
}, BUILD_TIMEOUT);

afterAll(() => Promise.all(roots.map(removeDir)));

/** What the text run printed for one file of the issue. */
function printed(name: string): Shown[] {
  const file = shownPath(path.join(broken.content, '2021/03', name));
  return diagnosticsIn(text.stdout).filter((d) => d.file === file);
}

function saysOnce(name: string, line: number, column: number, parts: string[]): void {
  const found = printed(name);
  expect(found, text.stdout).toHaveLength(1);
  expect(found[0]).toMatchObject({ line, column });
  for (const part of parts) expect(found[0]!.message).toContain(part);
}

describe('the report', () => {
  it('prints every problem as path:line:column  message, then one summary line, and exits 1', () => {
    const output = text.stdout.trimEnd().split('\n');
    expect(text.code).toBe(1);
    expect(output.slice(0, -1).every((line) => diagnosticsIn(line).length === 1), text.stdout).toBe(true);
    expect(output.at(-1)).toMatch(/^共发现 \d+ 个错误、3 个警告：请逐条修改后再试。$/);
    expect(output.length - 1).toBeGreaterThanOrEqual(Object.keys(BROKEN).length);
  });

  it('gives the same problems as npm run build, which stops at them', () => {
    expect(build.code).toBe(1);
    expect(diagnosticsIn(build.stderr)).toEqual(diagnosticsIn(sameDay.stdout));
  });

  it('changes no content file, and a failed build writes no site', async () => {
    expect(await hashTree(broken.content)).toEqual(before);
    expect(await readdir(broken.root)).not.toContain('dist');
  });
});

describe('each case, with its own message', () => {
  it('a GBK file: says so and offers --fix-encoding', () => {
    saysOnce('gbk.md', 2, 1, ['不是 UTF-8', 'GB18030/GBK', 'npm run check -- --fix-encoding']);
  });

  it('a UTF-8 BOM and CRLF line endings: nothing to say', () => {
    expect(printed('bom-crlf.md')).toEqual([]);
  });

  it('a full-width colon in the front-matter, with the fix', () => {
    saysOnce('mao-hao.md', 2, 6, ['全角冒号', '“title: ”']);
  });

  it('a full-width space in the front-matter', () => {
    saysOnce('kong-ge.md', 3, 1, ['全角空格', '半角空格']);
  });

  it('a tab in the YAML', () => {
    saysOnce('tab.md', 3, 1, ['Tab', '空格']);
  });

  it('front-matter that never ends', () => {
    saysOnce('wei-jie-shu.md', 1, 1, ['没有结束', '“---”']);
  });

  it('an empty body', () => {
    saysOnce('kong.md', 6, 1, ['正文为空']);
  });

  it('a title over 60 characters: a warning', () => {
    saysOnce('chang.md', 2, 8, ['警告：', '61 个字']);
  });

  it('a date written in Chinese: the ISO form to write', () => {
    saysOnce('ri-qi.md', 3, 7, ['2021年1月23日', '请写成 2021-01-23']);
  });

  it('a date more than 30 days after today: a warning', () => {
    saysOnce('wei-lai.md', 3, 7, ['警告：', '2021-03-01', '34 天']);
  });

  it('two items of one issue with the same title: a warning on the second', () => {
    expect(printed('chong-fu-a.md')).toEqual([]);
    saysOnce('chong-fu-b.md', 2, 8, ['警告：', `与 ${shownPath(path.join(broken.content, '2021/03/chong-fu-a.md'))} 的标题相同`]);
  });

  it('a .md file over 1 MB', () => {
    saysOnce('da.md', 1, 1, ['超过 1 MB']);
  });

  it('binary content saved as .md', () => {
    saysOnce('er-jin-zhi.md', 1, 1, ['不是文本文件']);
  });

  it('a symlink that leads outside content/', () => {
    saysOnce('wai-lian.md', 1, 1, ['符号链接', 'content/ 之外']);
  });

  it('permalink, layout and eleventyExcludeFromCollections: each refused at its line', () => {
    const found = printed('bao-liu.md');
    expect(found.map((d) => [d.line, d.message.slice(0, d.message.indexOf('：'))])).toEqual([
      [5, '不允许设置“permalink”'],
      [6, '不允许设置“layout”'],
      [7, '不允许设置“eleventyExcludeFromCollections”'],
    ]);
    for (const diagnostic of found) expect(diagnostic.message).toContain('网址和版式由文件所在位置决定');
  });

  it('eleventyComputed: refused', () => {
    saysOnce('ji-suan.md', 5, 1, ['不允许设置“eleventyComputed”']);
  });

  it('a link and an image to local files that do not exist', () => {
    expect(printed('lian-jie.md').map((d) => [d.line, d.message.split('：')[0]])).toEqual([
      [7, '链接的文件“tongzhi.pdf”不存在'],
      [9, '图片“zhaopian.jpg”不存在'],
    ]);
  });

  it('the category the importer left to fill in', () => {
    saysOnce('tian-xie.md', 4, 11, ['栏目（category）待填写', '疫情防控、项目建设、基层动态']);
  });
});

describe('for tools and CI', () => {
  it('--format json gives the same problems, with their severity, and the exit code', () => {
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout) as { ok: boolean; errors: number; warnings: number; diagnostics: (Shown & { severity: string })[] };
    expect(report).toMatchObject({ ok: false, warnings: 3 });
    expect(report.errors + report.warnings).toBe(report.diagnostics.length);
    const asText = report.diagnostics.map((d) => ({ ...d, message: d.severity === 'warning' ? `警告：${d.message}` : d.message }));
    expect(asText.map(({ severity: _, ...d }) => d)).toEqual(diagnosticsIn(text.stdout));
  });

  it('under GitHub Actions, prints each problem as an annotation on its file and line', () => {
    expect(github.code).toBe(1);
    const annotations = github.stdout.split('\n').filter((line) => line.startsWith('::'));
    const expected = diagnosticsIn(text.stdout).map((d) => {
      const severity = d.message.startsWith('警告：') ? 'warning' : 'error';
      const message = d.message.replace(/^警告：/, '');
      return `::${severity} file=${d.file.replace(/:/g, '%3A').replace(/,/g, '%2C')},line=${d.line},col=${d.column}::${message}`;
    });
    expect(annotations).toEqual(expected);
    expect(github.stdout.trimEnd().split('\n').at(-1)).toMatch(/^共发现/);
  });

  it('refuses an unknown option with the usage, exit 2', async () => {
    const result = await runTool('check', ['--formt', 'json']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('没有“--formt”这个选项');
    expect(result.stderr).toContain('用法：npm run check');
  }, BUILD_TIMEOUT);
});

describe('exit codes', () => {
  it('exits 0 with only warnings, and still prints them', async () => {
    const tree = await clerkTree({ [`${ISSUE}/01-a.md`]: goodItem('同名'), [`${ISSUE}/02-b.md`]: goodItem('同名') });
    roots.push(tree.root);
    const result = await runTool('check', ['--content', tree.content, '--today', TODAY]);
    expect(result.code).toBe(0);
    expect(diagnosticsIn(result.stdout)).toHaveLength(1);
    expect(result.stdout.trimEnd().split('\n').at(-1)).toBe('共发现 0 个错误、1 个警告。');
  }, BUILD_TIMEOUT);

  it('exits 0 and says so when all is well', async () => {
    const tree = await clerkTree({ [`${ISSUE}/01-a.md`]: goodItem('甲') });
    roots.push(tree.root);
    const result = await runTool('check', ['--content', tree.content, '--today', TODAY]);
    expect(result).toMatchObject({ code: 0, stdout: '内容检查通过，没有发现问题。\n' });
  }, BUILD_TIMEOUT);
});

describe('--fix-encoding', () => {
  it('rewrites GBK and UTF-16 files as UTF-8 with the same text, leaves the rest alone, then checks', async () => {
    const gbk = goodItem('用记事本保存的信息');
    const utf16 = lines('- name: 疫情防控', '- name: 项目建设', '- name: 基层动态');
    const tree = await clerkTree({
      [`${ISSUE}/01-gbk.md`]: iconv.encode(gbk.replace(/\n/g, '\r\n'), 'gbk'),
      'content/_data/categories.yaml': iconv.encode(utf16, 'utf16-le', { addBOM: true }),
      [`${ISSUE}/02-utf8.md`]: goodItem('本来就是 UTF-8'),
    });
    roots.push(tree.root);
    const before = await hashTree(tree.content);
    const result = await runTool('check', ['--content', tree.content, '--fix-encoding', '--today', TODAY]);
    expect(result.code, result.stdout).toBe(0);
    expect(result.stdout).toContain(`已转为 UTF-8：${shownPath(path.join(tree.content, '2021/03/01-gbk.md'))}（原为 GB18030）`);
    expect(result.stdout).toContain(`已转为 UTF-8：${shownPath(path.join(tree.content, '_data/categories.yaml'))}（原为 UTF-16LE）`);
    expect(result.stdout.trimEnd().split('\n').at(-1)).toBe('内容检查通过，没有发现问题。');
    // Only the encoding changes: the CRLF line endings stay as the clerk's editor wrote them.
    expect(await readFile(path.join(tree.content, '2021/03/01-gbk.md'), 'utf8')).toBe(gbk.replace(/\n/g, '\r\n'));
    expect(await readFile(path.join(tree.content, '_data/categories.yaml'), 'utf8')).toBe(utf16);
    const after = await hashTree(tree.content);
    expect(Object.keys(after)).toEqual(Object.keys(before));
    const unchanged = Object.keys(before).filter((file) => !/01-gbk|categories/.test(file));
    for (const file of unchanged) expect(after[file], file).toBe(before[file]);
  }, BUILD_TIMEOUT);

  it('leaves a file it cannot read alone and says so', async () => {
    const tree = await clerkTree({ [`${ISSUE}/01-a.md`]: goodItem('甲'), [`${ISSUE}/02-b.md`]: Uint8Array.from([0x2d, 0x2d, 0x2d, 0x0a, 0x81, 0x0a]) });
    roots.push(tree.root);
    const before = await hashTree(tree.content);
    const result = await runTool('check', ['--content', tree.content, '--fix-encoding', '--today', TODAY]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`未能转换：${shownPath(path.join(tree.content, '2021/03/02-b.md'))}`);
    expect(await hashTree(tree.content)).toEqual(before);
  }, BUILD_TIMEOUT);
});
