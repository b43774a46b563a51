/**
 * A failed build changes nothing: the last good output stays byte for byte, no staging folder
 * is left behind, and the clerk gets every problem at once, as `path:line:column  message`.
 */
import { access, cp, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/pipeline/build.ts';
import { writeFixtureSite, type FixtureSite } from '../fixtures/site.ts';
import { BUILD_TIMEOUT, hashTree, PROJECT_ROOT, removeDir, runCli, tempDir, type CliResult } from './support.ts';

const DIAGNOSTIC = /^(.+?):(\d+):(\d+) {2}(\S.*)$/;
const STACK_FRAME = /^(\[11ty\])?\s+at\s/;

const exists = (file: string) =>
  access(file).then(
    () => true,
    () => false,
  );

/** Replaces `from` (which must occur) by `to` in a file of the content folder. */
async function edit(content: string, relative: string, from: string | RegExp, to: string): Promise<string> {
  const file = path.join(content, relative);
  const before = await readFile(file, 'utf8');
  const after = before.replace(from, to);
  if (after === before) throw new Error(`${relative}: nothing to replace for ${String(from)}`);
  await writeFile(file, after, 'utf8');
  return after;
}

/** 1-based line of the first line of `text` that starts with `prefix`. */
function lineOf(text: string, prefix: string): number {
  const index = text.split('\n').findIndex((line) => line.startsWith(prefix));
  if (index < 0) throw new Error(`no line starting with ${prefix}`);
  return index + 1;
}

interface Shown {
  /** Absolute path of the file named. */
  file: string;
  line: number;
  column: number;
  message: string;
}

/** The diagnostics on stderr, their files resolved from the folder the CLI ran in. */
function diagnosticsOf(stderr: string): Shown[] {
  return stderr.split('\n').flatMap((line) => {
    const match = DIAGNOSTIC.exec(line);
    if (!match) return [];
    return [{ file: path.resolve(PROJECT_ROOT, match[1]!), line: Number(match[2]), column: Number(match[3]), message: match[4]! }];
  });
}

/** Names in a folder that a build may have left beside its output. */
const leftovers = async (dir: string) => (await readdir(dir)).filter((name) => /\.(staging|old)-/.test(name));

// The three scenarios are independent; they are set up in parallel (each runs the CLI once).

interface Broken {
  dir: string;
  content: string;
  out: string;
  before: Record<string, string>;
  cli: CliResult;
  expected: { relative: string; line: number; column: number; message: RegExp }[];
}

/** A good build, then four problems in four files, then the CLI over the same output folder. */
async function brokenOverGood(dir: string): Promise<Broken> {
  const content = path.join(dir, 'content');
  const out = path.join(dir, 'out');
  await writeFixtureSite(content);
  const good = await build({ contentDir: content, outDir: out, root: dir });
  if (!good.ok) throw new Error(`the good build failed: ${good.failure ?? JSON.stringify(good.diagnostics)}`);
  const before = await hashTree(out);

  const noTitle = '2020/52/03-lenglian-jianguan.md';
  await edit(content, noTitle, /^title: .*\n/m, '');
  const badUnit = '2021/01/04-gongyelu-fugong.md';
  const badUnitText = await edit(content, badUnit, 'unit: 工业路街道\n', 'unit: 工业路办事处\n');
  const badDate = '2021/02/05-zhongxinlu-hesuan.md';
  const badDateText = await edit(content, badDate, 'date: 2021-01-12\n', 'date: 2021-02-30\n');
  const badIssueDate = '2021/02/index.md';
  const badIssueDateText = await edit(content, badIssueDate, 'date: 2021-01-15\n', 'date: 2021年1月15日\n');
  const expected = [
    // A missing field points at the start of the front matter: line 2, the line after “---”.
    { relative: noTitle, line: 2, column: 1, message: /^缺少标题：请加一行“title: ……”$/ },
    { relative: badUnit, line: lineOf(badUnitText, 'unit:'), column: 7, message: /^来源单位“工业路办事处”不在名单/ },
    { relative: badDate, line: lineOf(badDateText, 'date:'), column: 7, message: /^日期“2021-02-30”不存在/ },
    { relative: badIssueDate, line: lineOf(badIssueDateText, 'date:'), column: 7, message: /^日期“2021年1月15日”的写法不对：请写成 2021-01-15$/ },
  ];
  const cli = await runCli(['--content', content, '--out', out]);
  return { dir, content, out, before, cli, expected };
}

/** Broken content, and an output folder (and its parent) that do not exist yet. */
async function brokenFresh(dir: string): Promise<{ out: string; cli: CliResult }> {
  const content = path.join(dir, 'content');
  await writeFixtureSite(content);
  await edit(content, '2021/01/03-tonghang-kaigong.md', 'date: 2021-01-04\n', 'date: 2021-1-4\n');
  const out = path.join(dir, 'site', 'out');
  return { out, cli: await runCli(['--content', content, '--out', out]) };
}

/**
 * A unit whose slug is the one the editing office gets: units.yaml alone has no duplicate, but
 * the office's unit page and this unit's page would share /units/<office slug>/.
 */
async function officeSlugClash(dir: string): Promise<{ out: string; site: string; before: Record<string, string>; cli: CliResult }> {
  const content = path.join(dir, 'content');
  const out = path.join(dir, 'out');
  const fx: FixtureSite = await writeFixtureSite(content);
  const good = await build({ contentDir: content, outDir: out, root: dir });
  if (!good.ok) throw new Error(`the good build failed: ${good.failure ?? JSON.stringify(good.diagnostics)}`);
  const before = await hashTree(out);
  const units = path.join(content, '_data', 'units.yaml');
  await writeFile(units, `${await readFile(units, 'utf8')}- name: 区政府督查室\n  slug: ${fx.office.slug}\n`, 'utf8');
  return { out, site: path.join(content, '_data', 'site.yaml'), before, cli: await runCli(['--content', content, '--out', out]) };
}

/** Valid content, but a template that Eleventy cannot render (an unknown filter): the build fails inside Eleventy. */
async function brokenTemplate(dir: string): Promise<{ out: string; before: Record<string, string>; cli: CliResult }> {
  const content = path.join(dir, 'content');
  const out = path.join(dir, 'out');
  const layouts = path.join(dir, 'layouts');
  await writeFixtureSite(content);
  await cp(path.join(PROJECT_ROOT, 'layouts'), layouts, { recursive: true });
  const good = await build({ contentDir: content, outDir: out, root: dir, layoutsDir: layouts });
  if (!good.ok) throw new Error(`the good build failed: ${good.failure ?? JSON.stringify(good.diagnostics)}`);
  const before = await hashTree(out);
  const item = path.join(layouts, '_includes/pages/item.njk');
  const source = await readFile(item, 'utf8');
  if (!source.includes('{{ item.title }}</h1>')) throw new Error('the item template no longer has the line this test breaks');
  await writeFile(item, source.replace('{{ item.title }}</h1>', '{{ item.title | noSuchFilter }}</h1>'), 'utf8');
  return { out, before, cli: await runCli(['--content', content, '--out', out, '--layouts', layouts]) };
}

const dirs: string[] = [];
let broken: Broken;
let fresh: Awaited<ReturnType<typeof brokenFresh>>;
let clash: Awaited<ReturnType<typeof officeSlugClash>>;
let template: Awaited<ReturnType<typeof brokenTemplate>>;

beforeAll(async () => {
  const [a, b, c, d] = await Promise.all(['failed', 'failed-fresh', 'failed-clash', 'failed-eleventy'].map((label) => tempDir(label)));
  dirs.push(a!, b!, c!, d!);
  [broken, fresh, clash, template] = await Promise.all([brokenOverGood(a!), brokenFresh(b!), officeSlugClash(c!), brokenTemplate(d!)]);
}, BUILD_TIMEOUT);
afterAll(() => Promise.all(dirs.map(removeDir)));

describe('a build over a good site with broken content', () => {
  it('exits with code 1', () => {
    expect(broken.cli.code, broken.cli.stderr).toBe(1);
  });

  it('lists every problem on stderr as `path:line:column  message`, in Chinese', () => {
    const { cli, content, expected } = broken;
    const shown = diagnosticsOf(cli.stderr);
    expect(shown.map(({ file, line, column }) => ({ file, line, column }))).toEqual(
      expected
        .map(({ relative, line, column }) => ({ file: path.join(content, ...relative.split('/')), line, column }))
        .sort((a, b) => (a.file < b.file ? -1 : 1)),
    );
    for (const { file, message } of shown) {
      const want = expected.find((e) => path.join(content, ...e.relative.split('/')) === file)!;
      expect(message, file).toMatch(want.message);
      expect(message, file).toMatch(/\p{Script=Han}/u);
    }
    // Nothing else on stderr but the summary and a closing note.
    const other = cli.stderr.split('\n').filter((line) => line.trim() !== '' && !DIAGNOSTIC.test(line));
    expect(other[0]).toBe('共发现 4 个错误、0 个警告：请逐条修改后再试。');
    expect(other.slice(1).filter((line) => !/未被改动/.test(line))).toEqual([]);
  });

  it('ends with a summary line that counts them', () => {
    const lines = broken.cli.stderr.trimEnd().split('\n');
    const lastDiagnostic = lines.findLastIndex((line) => DIAGNOSTIC.test(line));
    expect(lines[lastDiagnostic + 1]).toBe('共发现 4 个错误、0 个警告：请逐条修改后再试。');
    // At most a closing note after it, saying the output was left alone.
    const after = lines.slice(lastDiagnostic + 2);
    expect(after.length).toBeLessThanOrEqual(1);
    for (const line of after) expect(line).toMatch(/未被改动/);
  });

  it('prints no stack trace', () => {
    expect(broken.cli.stderr.split('\n').filter((line) => STACK_FRAME.test(line))).toEqual([]);
    expect(broken.cli.stderr).not.toMatch(/Error:|TypeError|ZodError/);
  });

  it('leaves the output folder byte for byte as it was', async () => {
    expect(await hashTree(broken.out)).toEqual(broken.before);
  });

  it('leaves no staging folder behind', async () => {
    expect(await leftovers(broken.dir)).toEqual([]);
    expect((await readdir(broken.dir)).sort()).toEqual(['content', 'out']);
  });

  it('suggests the unit the clerk meant for 工业路办事处 (工业路街道, not another street)', () => {
    const unit = diagnosticsOf(broken.cli.stderr).find((d) => d.message.includes('工业路办事处'));
    // “工业路办事处” is as far from the alias 济源路办事处 as from 工业路街道办事处 (two edits each);
    // the tie goes to the name that starts the same way.
    expect(unit?.message).toContain('是否是“工业路街道”？');
  });
});

describe('a first build with broken content', () => {
  it('fails with the problem listed and creates no output folder', async () => {
    expect(fresh.cli.code).toBe(1);
    expect(diagnosticsOf(fresh.cli.stderr).map((d) => d.message)).toEqual(['日期“2021-1-4”的写法不对：请写成 2021-01-04']);
    expect(await exists(fresh.out)).toBe(false);
    const parent = path.dirname(fresh.out);
    if (await exists(parent)) expect(await leftovers(parent)).toEqual([]);
  });
});

describe('a unit whose URL would be the editing office’s', () => {
  it('is refused before anything is written, at the office line of site.yaml', async () => {
    expect(clash.cli.code).toBe(1);
    const diagnostic = diagnosticsOf(clash.cli.stderr).find((d) => d.file === clash.site);
    expect(diagnostic?.message).toContain('区政府督查室');
    expect(await hashTree(clash.out)).toEqual(clash.before);
  });
});

describe('a build that passes validation but fails inside Eleventy (a broken template)', () => {
  it('exits 1 and leaves the output and its folder as they were', async () => {
    expect(template.cli.code).toBe(1);
    expect(await hashTree(template.out)).toEqual(template.before);
    expect((await readdir(path.dirname(template.out))).sort()).toEqual(['content', 'layouts', 'out']);
  });

  it('says in one line that the build failed, with no stack trace', () => {
    expect(template.cli.stderr).toMatch(/^生成网站失败（build failed）：.+$/m);
    expect(template.cli.stderr.split('\n').filter((line) => STACK_FRAME.test(line))).toEqual([]);
  });
});
