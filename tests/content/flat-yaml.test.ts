/**
 * The fast path reads only what the `yaml` package reads as the same strings at the same places:
 * checked case by case, and against the package on generated front-matter full of YAML's traps.
 */
import fs from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isMap, isScalar, LineCounter, parseDocument } from 'yaml';
import { readFlatYaml } from '../../src/content/flat-yaml.ts';
import { parseYaml } from '../../src/content/yaml.ts';

/** What the `yaml` package makes of `source`, in the fast path's terms; `undefined` when it sees more than strings. */
function byPackage(source: string) {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, schema: 'core', uniqueKeys: true });
  if (doc.errors.length > 0 || !isMap(doc.contents)) return undefined;
  const fields = new Map<string, { value: unknown; plain: string | undefined; line: number; column: number; keyColumn: number; keyLine: number; comment: boolean }>();
  for (const pair of doc.contents.items) {
    if (!isScalar(pair.key) || !isScalar(pair.value) || !pair.value.range || !pair.key.range) return undefined;
    const [start, end] = pair.value.range;
    const at = lineCounter.linePos(start);
    const keyAt = lineCounter.linePos(pair.key.range[0]);
    const lineEnd = source.indexOf('\n', end);
    fields.set(String(pair.key.value), {
      value: pair.value.value,
      plain: pair.value.type === 'PLAIN' ? source.slice(start, end) : undefined,
      line: at.line,
      column: at.col,
      keyLine: keyAt.line,
      keyColumn: keyAt.col,
      // A comment after the value on its line: the full parse refuses it.
      comment: source.slice(end, lineEnd === -1 ? undefined : lineEnd).includes('#'),
    });
  }
  return { data: doc.toJS() as unknown, fields };
}

/** The fast path's answer, and the package's for the same source, side by side. */
function compare(source: string): boolean {
  const flat = readFlatYaml(source);
  if (!flat) return false;
  const expected = byPackage(source);
  expect(expected, source).toBeDefined();
  expect(Object.fromEntries([...flat].map(([key, field]) => [key, field.value])), source).toStrictEqual(expected!.data);
  for (const [key, field] of flat) {
    const other = expected!.fields.get(key)!;
    expect(other.comment, source).toBe(false);
    expect({ value: field.value, plain: field.plain, line: field.line, column: field.column, keyLine: field.line, keyColumn: 1 }, source).toEqual({
      value: other.value,
      plain: other.plain,
      line: other.line,
      column: other.column,
      keyLine: other.keyLine,
      keyColumn: other.keyColumn,
    });
  }
  return true;
}

describe('readFlatYaml', () => {
  it('reads one string per line, plain or quoted, with the line and column of each value', () => {
    const flat = readFlatYaml('\ntitle: 上街区召开会议  \ndate: 2021-01-23\n\n# 备注\nunit: \'区委办\'\'公室\'\ncategory: "1~2月: 综述"\n');
    expect([...flat!]).toEqual([
      ['title', { value: '上街区召开会议', plain: '上街区召开会议', line: 2, column: 8 }],
      ['date', { value: '2021-01-23', plain: '2021-01-23', line: 3, column: 7 }],
      ['unit', { value: "区委办'公室", plain: undefined, line: 6, column: 7 }],
      ['category', { value: '1~2月: 综述', plain: undefined, line: 7, column: 11 }],
    ]);
  });

  it.each([
    ['a list', 'title: 标题\nreportTo:\n  - 市委办公厅\n'],
    ['a flow list', 'title: [通知]\n'],
    ['a number', 'title: 标题\ncopies: 60\n'],
    ['a boolean', 'draft: true\n'],
    ['null', 'unit: ~\n'],
    ['an empty value', 'unit:\n'],
    ['a value on two lines', 'title: 第一行\n  第二行\n'],
    ['an escape in double quotes', 'title: "a\\tb"\n'],
    ['a comment after a value', 'title: 标题 # 注\n'],
    ['a comment after a quoted value', 'title: "标题" # 注\n'],
    ['a colon and space inside', 'title: 会议: 要求\n'],
    ['a repeated key', 'title: 一\ntitle: 二\n'],
    ['a tab', 'title:\t标题\n'],
    ['a carriage return', 'title: 标题\r\n'],
    ['a key YAML reads as a boolean', 'true: 是\n'],
    ['a prototype key', '__proto__: x\n'],
    ['an anchor', 'title: &a 标题\n'],
    ['a block scalar', 'title: |\n  标题\n'],
    ['an indented key', ' title: 标题\n'],
    ['nothing', '\n\n'],
  ])('leaves %s to the full parser', (_, source) => {
    expect(readFlatYaml(source)).toBeUndefined();
  });

  it('reads the sample items’ front-matter', () => {
    const text = fs.readFileSync(new URL('../../content/2021/03/02-tonghang-xiangmu.md', import.meta.url), 'utf8');
    const frontMatter = /^---\n([\s\S]*?)\n---/.exec(text)![1]!;
    expect(compare(frontMatter)).toBe(true);
  });

  it('agrees with the yaml package on generated front-matter', { timeout: 60_000 }, () => {
    // Mostly text a clerk writes, with YAML's traps mixed in: indicators, quotes, comments, colons,
    // numbers and dates, tabs, full-width spaces, characters outside the Basic Plane, control characters.
    const text = fc.constantFrom('标题', '街道', '（一）', '1~2月', 'a', 'Z', '0', '2021', '-01-23', ' ', '　', '：', '～', '𠀀', '%');
    const trap = fc.constantFrom(':', ': ', '#', ' #', "'", "''", '"', '\\', '-', '- ', '?', ',', '[', ']', '{', '}', '&', '*', '!', '|', '>', '@', '`', '~', '.', 'e', '+', '  ', '\t', '\ud800', '\u0085', '\u2028', '\ufeff', '\u0001', '\r');
    const special = fc.constantFrom('2021', '2021-01-23', 'true', 'True', 'yes', 'no', 'null', 'NULL', '~', '.5', '1e3', '1.', '0x1F', '0o17', '+1', '-1', '.inf', '.NaN', '0.5e-3', '12:30', "'x'", '"x"', "'it''s'", '"a\'b"', '" "', "''", '""', "'a' b", '"a" #b');
    const value = fc.oneof(
      { weight: 6, arbitrary: fc.array(fc.oneof({ weight: 5, arbitrary: text }, { weight: 1, arbitrary: trap }), { minLength: 1, maxLength: 6 }).map((parts) => parts.join('')) },
      { weight: 1, arbitrary: special },
    );
    const key = fc.constantFrom('title', 'date', 'unit', 'category', 'slug', 'a-b', '_x', 'Title', 'null', 'True', '__proto__', '1a');
    const separator = fc.oneof({ weight: 8, arbitrary: fc.constant(': ') }, { weight: 1, arbitrary: fc.constantFrom(':  ', ':', ' : ', ':\t', ': \t') });
    const line = fc.oneof(
      { weight: 8, arbitrary: fc.tuple(key, separator, value).map(([k, sep, v]) => `${k}${sep}${v}`) },
      { weight: 1, arbitrary: fc.constantFrom('', '  ', '# 备注', ' # 缩进的注释', '  - 列表项', '---', '...', '  续行') },
    );
    const source = fc
      .tuple(fc.oneof({ weight: 4, arbitrary: fc.constant('') }, { weight: 1, arbitrary: fc.constantFrom('  ', 'x') }), fc.array(line, { minLength: 1, maxLength: 5 }), fc.constantFrom('', '\n'))
      .map(([first, lines, end]) => [first, ...lines].join('\n') + end);
    let accepted = 0;
    fc.assert(
      fc.property(source, (text) => {
        if (compare(text)) accepted++;
      }),
      { numRuns: 50_000, seed: 20261207 },
    );
    // The generator must reach the fast path often enough for the comparison to mean something.
    expect(accepted).toBeGreaterThan(3_000);
  });
});

describe('parseYaml through the fast path', () => {
  it('locates a missing key, and nested places, from the full parse', () => {
    const yaml = parseYaml('\ntitle: 标题\ndate: 2021-01-23\n', 1);
    expect(yaml.data).toEqual({ title: '标题', date: '2021-01-23' });
    expect(yaml.locate(['date'])).toEqual({ line: 4, column: 7 });
    expect(yaml.locate(['date'], { key: true })).toEqual({ line: 4, column: 1 });
    expect(yaml.locate(['unit'])).toEqual(parseYaml('\ntitle: 标题\ndate: [2021-01-23]\n', 1).locate(['unit']));
    expect(yaml.locate(['unit'])).toEqual({ line: 3, column: 1 });
    expect(yaml.locate(['title', 0])).toEqual({ line: 3, column: 8 });
    expect(yaml.plain(['slug'])).toBeUndefined();
  });

  it('still refuses full-width colons and spaces before reading', () => {
    expect(parseYaml('title：标题\n').problems).toEqual([expect.objectContaining({ line: 1, severity: 'error' })]);
    expect(parseYaml('\u3000title: 标题\n').problems).toEqual([expect.objectContaining({ line: 1, column: 1, severity: 'error' })]);
  });
});
