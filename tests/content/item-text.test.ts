import { describe, expect, it } from 'vitest';
import { itemText, splitItem } from '../../src/content/index.ts';

describe('itemText', () => {
  it('writes the README order, leaves unit out for the office, and one blank line before the body', () => {
    expect(itemText({ title: '标题', date: '2021-01-23', unit: undefined, category: '工作动态', body: '\n第一段。\n\n第二段。\n\n' })).toBe(
      '---\ntitle: 标题\ndate: 2021-01-23\ncategory: 工作动态\n---\n\n第一段。\n\n第二段。\n',
    );
  });

  it('keeps further keys after category, and quotes what YAML would misread', () => {
    const text = itemText({ title: '1~2月: 情况', date: '2021-01-23', unit: '济源路街道', category: '工作动态', body: '正文' }, { draft: true });
    expect(text).toBe('---\ntitle: "1~2月: 情况"\ndate: 2021-01-23\nunit: 济源路街道\ncategory: 工作动态\ndraft: true\n---\n\n正文\n');
  });
});

describe('splitItem', () => {
  it('reads back what itemText writes, dates as text', () => {
    const parts = splitItem(itemText({ title: '标题', date: '2021-01-23', unit: '济源路街道', category: '工作动态', body: '　　第一段。\n\n第二段。' }))!;
    expect(parts.data).toEqual({ title: '标题', date: '2021-01-23', unit: '济源路街道', category: '工作动态' });
    expect(parts.body).toBe('　　第一段。\n\n第二段。');
  });

  it('gives the offsets of the front-matter and the body in a CRLF file with a BOM', () => {
    const text = '\uFEFF---\r\ntitle: 标题\r\n---\r\n\r\n正文\r\n';
    const parts = splitItem(text)!;
    expect(text.slice(parts.frontMatterStart, parts.frontMatterStart + parts.frontMatter.length)).toBe('title: 标题\r\n');
    expect(text.slice(parts.bodyStart)).toBe('正文\r\n');
  });

  it('is undefined without fences or with front-matter that is not a map', () => {
    expect(splitItem('正文')).toBeUndefined();
    expect(splitItem('---\n- a\n---\n正文')).toBeUndefined();
    expect(splitItem('---\ntitle: [\n---\n正文')).toBeUndefined();
  });
});
