/** YAML with positions: values as the core schema reads them, each place a clerk can open, problems in Chinese. */
import { describe, expect, it } from 'vitest';
import { parseYaml } from '../../src/content/yaml.ts';

describe('parseYaml', () => {
  it('keeps a date a string and locates values and keys, nested ones too', () => {
    const yaml = parseYaml('title: 标题\ndate: 2021-01-23\nreportTo:\n  - 市委办公厅\n  - 市政府办公厅\n');
    expect(yaml.problems).toEqual([]);
    expect(yaml.data).toEqual({ title: '标题', date: '2021-01-23', reportTo: ['市委办公厅', '市政府办公厅'] });
    expect(yaml.locate(['date'])).toEqual({ line: 2, column: 7 });
    expect(yaml.locate(['date'], { key: true })).toEqual({ line: 2, column: 1 });
    expect(yaml.locate(['reportTo', 1])).toEqual({ line: 5, column: 5 });
  });

  it('adds the line offset, for front-matter that starts below a fence', () => {
    expect(parseYaml('title: 标题\n', 1).locate(['title'])).toEqual({ line: 2, column: 8 });
  });

  it('points a missing key at the start of its map', () => {
    expect(parseYaml('title: 标题\n').locate(['unit'])).toEqual({ line: 1, column: 1 });
  });

  it('reports a duplicate key and a tab indent in Chinese, at their line', () => {
    const duplicate = parseYaml('title: 一\ntitle: 二\n');
    expect(duplicate.problems).toEqual([expect.objectContaining({ line: 2, severity: 'error', message: expect.stringContaining('同一字段写了两次') })]);
    const tab = parseYaml('reportTo:\n\t- 区委\n');
    expect(tab.problems[0]).toMatchObject({ line: 2, severity: 'error' });
    expect(tab.problems[0]!.message).toMatch(/[\u4e00-\u9fff]/u);
  });
});

describe('comments after a value', () => {
  it('are refused at the #, naming the text that would be lost; the value is not read', () => {
    const yaml = parseYaml('title: 济源路街道 #强责任 广宣传\n');
    expect(yaml.data).toBeUndefined();
    expect(yaml.problems).toEqual([expect.objectContaining({ line: 1, column: 14, severity: 'error', message: expect.stringContaining('强责任 广宣传') })]);
  });

  it('are allowed after the importer’s placeholder, and on lines of their own', () => {
    expect(parseYaml('category: 【待填写】 # 从名单中选一个\n').problems).toEqual([]);
    expect(parseYaml('# 备注\ntitle: 标题\n').problems).toEqual([]);
  });

  it('tell a # inside a plain value (no space before it) from a comment', () => {
    const yaml = parseYaml('title: 第#3号通知\n');
    expect(yaml.problems).toEqual([]);
    expect(yaml.data).toEqual({ title: '第#3号通知' });
  });
});

describe('plain', () => {
  it('gives the text of an unquoted value, and nothing for a quoted one', () => {
    const yaml = parseYaml('title: 2021\nunit: "110"\n');
    expect(yaml.plain(['title'])).toBe('2021');
    expect(yaml.plain(['unit'])).toBeUndefined();
    expect(yaml.plain(['missing'])).toBeUndefined();
  });
});
