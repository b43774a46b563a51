/**
 * `npm run new`: which issue an item goes into, the file it gets, and the command itself, with
 * flags (child process) and in a terminal (prompts driven through a stream, keystroke by keystroke).
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { currentIssue, namedIssue, parseIssueKey } from '../../src/tools/issue-folder.ts';
import { newItem } from '../../src/tools/new-item.ts';
import { OFFICE } from '../helpers/content.ts';
import { clerkTree, goodItem, lines, type ClerkTree } from '../helpers/clerk-tree.ts';
import { removeDir } from '../helpers/tree.ts';
import { BUILD_TIMEOUT, hashTree } from '../integration/support.ts';
import { runTool, shownPath } from './support.ts';

const roots: string[] = [];
afterAll(() => Promise.all(roots.map(removeDir)));

async function tree(files: Record<string, string> = {}): Promise<ClerkTree> {
  const made = await clerkTree(files);
  roots.push(made.root);
  return made;
}

const issue = (key: string, date: string) => {
  const [year, number] = key.split('/').map(Number);
  return { key, year: year!, number: number!, date };
};

describe('the current issue', () => {
  // 2021/03 comes out on Monday 2021-01-25.
  const issues = [issue('2021/02', '2021-01-18'), issue('2021/03', '2021-01-25')];

  it('is the latest issue until its date has passed, its publication day included', () => {
    expect(currentIssue(issues, '2021-01-20')).toEqual({ ...issues[1], create: false });
    expect(currentIssue(issues, '2021-01-25')).toEqual({ ...issues[1], create: false });
  });

  it('is a new issue, numbered on, on the same weekday of the next week, once that date has passed', () => {
    expect(currentIssue(issues, '2021-01-26')).toEqual({ key: '2021/04', year: 2021, number: 4, date: '2021-02-01', create: true });
    expect(currentIssue(issues, '2021-02-01')).toMatchObject({ key: '2021/04', date: '2021-02-01' });
  });

  it('skips the weeks without an issue (a holiday) but not a number', () => {
    expect(currentIssue(issues, '2021-02-17')).toMatchObject({ key: '2021/04', date: '2021-02-22' });
  });

  it('starts again at number 1 when the new date is in a new year', () => {
    expect(currentIssue([issue('2020/52', '2020-12-28')], '2020-12-30')).toMatchObject({ key: '2021/01', number: 1, date: '2021-01-04' });
  });

  it('is number 1 of this year, dated today, when there is no issue yet', () => {
    expect(currentIssue([], '2021-03-10')).toEqual({ key: '2021/01', year: 2021, number: 1, date: '2021-03-10', create: true });
  });

  it('takes the highest number as the latest, whatever the order found', () => {
    expect(currentIssue([issues[1]!, issues[0]!, issue('2020/52', '2020-12-28')], '2021-01-21').key).toBe('2021/03');
  });

  it('reads --issue as 2021/03, 2021/3 or 2021-03; a folder not there yet gets a date to fill in', () => {
    expect(parseIssueKey('2021/3')).toEqual({ year: 2021, number: 3 });
    expect(parseIssueKey('2021-03')).toEqual({ year: 2021, number: 3 });
    expect(parseIssueKey('21/3')).toBeUndefined();
    expect(parseIssueKey('2021/0')).toBeUndefined();
    expect(namedIssue(issues, { year: 2021, number: 3 })).toMatchObject({ key: '2021/03', create: false });
    expect(namedIssue(issues, { year: 2021, number: 9 })).toMatchObject({ key: '2021/09', date: '【待填写】', create: true });
  });
});

describe('npm run new with flags', () => {
  const flags = (content: string, today: string, extra: string[] = []) => [
    '--content', content, '--today', today, '--title', '上街区召开疫情防控会议', '--category', '疫情防控', '--body', '会议要求压实责任。', ...extra,
  ];

  it('writes a valid item after the last one of the current issue and prints its path', async () => {
    const made = await tree({ 'content/2021/03/01-a.md': goodItem('甲'), 'content/2021/03/02-b.md': goodItem('乙') });
    const result = await runTool('new', flags(made.content, '2021-01-25', ['--unit', '济源路办事处', '--date', '2021年1月24日']));
    const file = path.join(made.content, '2021/03/03-shang-jie-qu-zhao-kai-yi-qing.md');
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toContain(`已创建 ${shownPath(file)}`);
    // The alias becomes the unit's name, the date written in Chinese its ISO form.
    expect(await readFile(file, 'utf8')).toBe(
      lines('---', 'title: 上街区召开疫情防控会议', 'date: 2021-01-24', 'unit: 济源路街道', 'category: 疫情防控', '---', '', '会议要求压实责任。'),
    );
    const check = await runTool('check', ['--content', made.content, '--today', '2021-01-25']);
    expect(check.code, check.stdout).toBe(0);
  }, BUILD_TIMEOUT);

  it('starts the issue of a new week: its folder, its index.md, item 01; the office’s own item has no unit', async () => {
    const made = await tree();
    const result = await runTool('new', flags(made.content, '2021-01-26', ['--unit', OFFICE]));
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect((await readdir(path.join(made.content, '2021/04'))).sort()).toEqual(['01-shang-jie-qu-zhao-kai-yi-qing.md', 'index.md']);
    expect(await readFile(path.join(made.content, '2021/04/index.md'), 'utf8')).toBe(lines('---', 'date: 2021-02-01', '---'));
    const item = await readFile(path.join(made.content, '2021/04/01-shang-jie-qu-zhao-kai-yi-qing.md'), 'utf8');
    expect(item).toContain('date: 2021-01-26\ncategory: 疫情防控\n');
    expect(item).not.toContain('unit:');
    expect(result.stdout).toContain(`已创建 ${shownPath(path.join(made.content, '2021/04/index.md'))}`);
  }, BUILD_TIMEOUT);

  it('writes nothing for a unit or category not on the lists, and names the closest', async () => {
    const made = await tree();
    const before = await hashTree(made.content);
    const result = await runTool('new', flags(made.content, '2021-01-25', ['--unit', '济源路街到', '--category', '疫情']));
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('--unit：来源单位“济源路街到”不在名单');
    expect(result.stdout).toContain('是否是“济源路街道”');
    expect(result.stdout).toContain('--category：栏目“疫情”不在名单');
    expect(result.stdout).toContain('没有写入任何文件');
    expect(await hashTree(made.content)).toEqual(before);
  }, BUILD_TIMEOUT);

  it('outside a terminal, names the flags that are missing and the categories to choose from', async () => {
    const made = await tree();
    const result = await runTool('new', ['--content', made.content, '--today', '2021-01-25', '--title', '标题']);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('缺少 --category、--body');
    expect(result.stdout).toContain('栏目可选：疫情防控、项目建设、基层动态');
    expect(await readdir(path.join(made.content, '2021/03'))).toEqual(['index.md']);
  }, BUILD_TIMEOUT);

  it('refuses an --issue that would leave numbers out, and writes nothing', async () => {
    const made = await tree();
    const before = await hashTree(made.content);
    const printed: string[] = [];
    const code = await newItem({ contentDir: made.content, root: made.root, today: '2021-03-01', issue: '2021/09', title: '标题', category: '疫情防控', body: '正文。' }, (line) => printed.push(line));
    expect(code).toBe(1);
    expect(printed.join('\n')).toContain('2021年最近的一期是第3期：--issue 2021/09 会跳过第4–8期。请写 --issue 2021/04');
    expect(await hashTree(made.content)).toEqual(before);
  }, BUILD_TIMEOUT);

  it('dates the next issue named by --issue a week after the latest, and an item of an earlier issue on that issue’s date', async () => {
    const made = await tree();
    const printed: string[] = [];
    expect(await newItem({ contentDir: made.content, root: made.root, today: '2026-12-02', issue: '2021/04', title: '甲', category: '疫情防控', body: '正文。' }, (line) => printed.push(line))).toBe(0);
    expect(await readFile(path.join(made.content, '2021/04/index.md'), 'utf8')).toBe(lines('---', 'date: 2021-02-01', '---'));
    expect(await newItem({ contentDir: made.content, root: made.root, today: '2026-12-02', issue: '2021/03', title: '乙', category: '疫情防控', body: '正文。' }, (line) => printed.push(line))).toBe(0);
    const written = (await readdir(path.join(made.content, '2021/03'))).find((name) => name !== 'index.md')!;
    expect(await readFile(path.join(made.content, '2021/03', written), 'utf8')).toContain('date: 2021-01-25\n');
    expect(printed.join('\n')).not.toContain('警告');
  }, BUILD_TIMEOUT);

  it('warns about a title the issue already has, once written', async () => {
    const made = await tree({ 'content/2021/03/01-a.md': goodItem('上街区召开疫情防控会议') });
    const result = await runTool('new', flags(made.content, '2021-01-25'));
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/02-shang-jie-qu-zhao-kai-yi-qing\.md:2:8 {2}警告：与 .*01-a\.md 的标题相同/);
  }, BUILD_TIMEOUT);
});

/** A terminal made of two streams: the test answers each prompt once it is on screen. */
function fakeTerminal() {
  const input = new PassThrough();
  const output = new PassThrough();
  // Each prompt pipes into the output and ends it when done; pipe() never ends process.stdout, which this stands for.
  output.end = () => output;
  let screen = '';
  let transcript = '';
  let changed = Date.now();
  output.on('data', (chunk: Buffer) => {
    screen += chunk.toString();
    transcript += chunk.toString();
    changed = Date.now();
  });
  const pause = () => new Promise((resolve) => setTimeout(resolve, 20));
  /** Waits for `prompt`, then for the screen to settle, and types `keys`. */
  async function answer(prompt: string, ...keys: string[]) {
    while (!screen.includes(prompt)) await pause();
    screen = '';
    for (const key of keys) {
      while (Date.now() - changed < 100) await pause();
      input.write(key);
    }
  }
  return { terminal: { input, output }, answer, transcript: () => transcript };
}

const ENTER = '\r';
const DOWN = '\u001b[B';

describe('npm run new in a terminal', () => {
  it('asks for what the flags did not give, offering the lists, and writes the item', async () => {
    const made = await tree();
    const { terminal, answer, transcript } = fakeTerminal();
    const printed: string[] = [];
    const run = newItem({ contentDir: made.content, root: made.root, today: '2021-01-25' }, (line) => printed.push(line), terminal);
    await answer('标题', '济源路街道开展防控宣传', ENTER);
    await answer('来源单位', '济源', ENTER);
    expect(transcript()).toContain(`${OFFICE}（编印单位，本单位）`);
    await answer('栏目', DOWN, ENTER);
    for (const name of ['疫情防控', '项目建设', '基层动态']) expect(transcript()).toContain(name);
    await answer('日期', ENTER);
    await answer('正文第一段', '街道张贴倡议书500余份。', ENTER);
    expect(await run).toBe(0);
    const file = path.join(made.content, '2021/03/01-ji-yuan-lu-jie-dao-kai-zhan.md');
    expect(printed).toContain(`已创建 ${shownPath(file)}`);
    expect(await readFile(file, 'utf8')).toBe(
      lines('---', 'title: 济源路街道开展防控宣传', 'date: 2021-01-25', 'unit: 济源路街道', 'category: 项目建设', '---', '', '街道张贴倡议书500余份。'),
    );
  }, BUILD_TIMEOUT);

  it('speaks Chinese in its key hints, and says how a unit not on the list gets there', async () => {
    const made = await tree();
    const { terminal, answer, transcript } = fakeTerminal();
    const run = newItem({ contentDir: made.content, root: made.root, today: '2021-01-26', title: '标题' }, () => {}, terminal);
    await answer('来源单位', '不存在的单位');
    while (!transcript().includes('名单中没有这个单位')) await new Promise((resolve) => setTimeout(resolve, 20));
    await answer('units.yaml', '\u0003');
    await expect(run).rejects.toMatchObject({ name: 'ExitPromptError' });
    const shown = transcript().replace(/\u001b\[[0-9;]*m/g, '');
    expect(shown).toContain('上下选择');
    expect(shown).toContain('content/_data/units.yaml');
    expect(shown).not.toMatch(/navigate|No results found/);
  }, BUILD_TIMEOUT);

  it('writes nothing when the clerk presses Ctrl+C', async () => {
    const made = await tree();
    const { terminal, answer } = fakeTerminal();
    const run = newItem({ contentDir: made.content, root: made.root, today: '2021-01-26', title: '标题' }, () => {}, terminal);
    await answer('来源单位', '\u0003');
    await expect(run).rejects.toMatchObject({ name: 'ExitPromptError' });
    expect(await readdir(path.join(made.content, '2021'))).toEqual(['03']);
  }, BUILD_TIMEOUT);
});
