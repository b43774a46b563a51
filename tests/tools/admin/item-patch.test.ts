import { describe, expect, it } from 'vitest';
import { patchItem } from '../../../src/tools/admin/item-patch.ts';

const ORIGINAL = [
  '---',
  "title: '上街区召开会议'   # 标题",
  'date: 2021-01-23',
  'unit: 济源路',
  'category: 疫情防控',
  'tags:',
  '  - 会议',
  '---',
  '',
  '　　1月23日，上街区召开会议。',
  '第二行紧接着。',
  '',
  '![会场](huichang.jpg)',
  '',
].join('\n');

const DATA = { title: '上街区召开会议', date: '2021-01-23', unit: '济源路', category: '疫情防控', tags: ['会议'] };
const BODY = '　　1月23日，上街区召开会议。\n第二行紧接着。\n\n![会场](huichang.jpg)';
const never = () => false;

describe('patchItem', () => {
  it('leaves a file the form did not change byte for byte the same', () => {
    expect(patchItem(ORIGINAL, { data: DATA, body: BODY }, never)).toBe(ORIGINAL);
    expect(patchItem(ORIGINAL, { data: { ...DATA, date: '2021-01-23' }, body: `\n${BODY}\n\n` }, never)).toBe(ORIGINAL);
  });

  it('rewrites only the changed value, keeping its comment and every other line', () => {
    const patched = patchItem(ORIGINAL, { data: { ...DATA, title: '上街区召开领导小组会议' }, body: BODY }, never);
    expect(patched).toBe(ORIGINAL.replace("'上街区召开会议'", '上街区召开领导小组会议'));
  });

  it('quotes a new value that YAML would misread', () => {
    const patched = patchItem(ORIGINAL, { data: { ...DATA, title: '1~2月: 情况' }, body: BODY }, never);
    expect(patched.split('\n')[1]).toBe('title: "1~2月: 情况"   # 标题');
  });

  it('removes a cleared key with its line, and adds a key after the one it follows in the README', () => {
    const noUnit = patchItem(ORIGINAL, { data: { ...DATA, unit: '' }, body: BODY }, never);
    expect(noUnit).toBe(ORIGINAL.replace('unit: 济源路\n', ''));
    expect(patchItem(noUnit, { data: DATA, body: BODY }, never)).toBe(ORIGINAL);
  });

  it('keeps the clerk’s body when the form only spelled it its own way', () => {
    const respelled = '1月23日，上街区召开会议。 第二行紧接着。\n\n![会场](huichang.jpg)';
    expect(patchItem(ORIGINAL, { data: DATA, body: respelled }, () => true)).toBe(ORIGINAL);
    const changed = patchItem(ORIGINAL, { data: DATA, body: '新的正文。' }, never);
    expect(changed).toBe(`${ORIGINAL.slice(0, ORIGINAL.indexOf('　　'))}新的正文。\n`);
  });

  it('keeps CRLF line breaks', () => {
    const crlf = ORIGINAL.replace(/\n/g, '\r\n');
    const patched = patchItem(crlf, { data: { ...DATA, category: '项目建设' }, body: '第一段。\n\n第二段。' }, never);
    expect(patched).toBe(`${crlf.slice(0, crlf.indexOf('　　')).replace('疫情防控', '项目建设')}第一段。\r\n\r\n第二段。\r\n`);
  });

  it('refuses a file whose front-matter it cannot read', () => {
    expect(() => patchItem('没有字段区', { data: DATA, body: BODY }, never)).toThrow(/front-matter/);
  });
});
