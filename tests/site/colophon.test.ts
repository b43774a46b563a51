/** The 报尾 of an issue as printed, from the front-matter's recipients and copies. */
import { describe, expect, it } from 'vitest';
import { buildSite } from '../../src/site/structure.ts';
import { colophonView, recipientLine } from '../../src/site/colophon.ts';
import { content, issue, item, stubRender } from '../helpers/content.ts';

const none = { reportTo: [], copyTo: [], sendTo: [], copies: undefined };

describe('colophonView', () => {
  it('sets recipients apart with full-width commas and ends the line with a full stop (GB/T 9704 7.4.2)', () => {
    expect(recipientLine(['市委办公厅', '市政府办公厅'])).toBe('市委办公厅，市政府办公厅。');
    expect(recipientLine(['区委、区政府领导'])).toBe('区委、区政府领导。');
  });

  it('keeps a stop the clerk already wrote', () => {
    expect(recipientLine(['各镇（街道）。'])).toBe('各镇（街道）。');
    expect(recipientLine(['各镇；'])).toBe('各镇；');
  });

  it('gives the lines that were written, in the order 报送, 抄送, 发送, and the number of copies', () => {
    expect(colophonView({ reportTo: ['市委办公厅'], copyTo: [], sendTo: ['各镇（街道）', '区直各部门'], copies: 60 })).toEqual({
      lines: [
        { label: '报送', text: '市委办公厅。' },
        { label: '发送', text: '各镇（街道），区直各部门。' },
      ],
      copies: 60,
    });
    expect(colophonView({ ...none, copies: 40 })).toEqual({ lines: [], copies: 40 });
  });

  it('is absent when the front-matter gives none of it', () => {
    expect(colophonView(none)).toBeUndefined();
  });

  it('reaches the issue page', () => {
    const site = buildSite(
      content({
        issues: [issue('2021/01', '2021-01-04', { colophon: { ...none, copyTo: ['区委办'] } }), issue('2021/02', '2021-01-11')],
        items: [item('2021/01', '01-a.md'), item('2021/02', '01-a.md')],
      }),
      stubRender,
    );
    expect(site.issues.map((page) => [page.key, page.colophon])).toEqual([
      ['2021/02', undefined],
      ['2021/01', { lines: [{ label: '抄送', text: '区委办。' }], copies: undefined }],
    ]);
  });
});
