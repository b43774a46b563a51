import { describe, expect, it } from 'vitest';
import { excerpt, highlight, matchRanges } from '../../../src/search/client/highlight.ts';

const show = (segments: { text: string; mark: boolean }[]) => segments.map((s) => (s.mark ? `[${s.text}]` : s.text)).join('');

describe('highlighting', () => {
  it('marks every occurrence of every term, overlaps merged, case folded', () => {
    expect(show(highlight('疫情防控，防控疫情', ['疫情', '防控']))).toBe('[疫情防控]，[防控疫情]');
    expect(show(highlight('LED显示屏和led灯', ['led']))).toBe('[LED]显示屏和[led]灯');
    expect(matchRanges('aaa', ['aa'])).toEqual([[0, 3]]);
  });

  it('keeps text as text: markup in a title is not special', () => {
    expect(highlight('<b>稳岗</b> & 通报', ['稳岗'])).toEqual([
      { text: '<b>', mark: false },
      { text: '稳岗', mark: true },
      { text: '</b> & 通报', mark: false },
    ]);
  });
});

describe('excerpts', () => {
  const text =
    '一是压实责任促担当。街道制定疫情防控方案和应急预案，成立疫情防控专班。二是广泛宣传领方向。在辖区11个社区104个楼院门口安装小喇叭。' +
    '三是全面排查保稳定。做到返郑提前48小时报备，确保不漏报、不瞒报。同时，对辖区119家重点场所加大监管力度。';

  it('start at the sentence of the first match and mark it', () => {
    const shown = show(excerpt(text, ['48小时'], 40));
    expect(shown.startsWith('…三是全面排查保稳定。') || shown.startsWith('…做到返郑')).toBe(true);
    expect(shown).toContain('[48小时]');
    expect(shown.endsWith('…')).toBe(true);
  });

  it('show the opening when only the title matched, and the whole of a short text without ellipses', () => {
    expect(show(excerpt(text, ['标题里的词'], 20))).toBe(`${text.slice(0, 20)}…`);
    expect(show(excerpt('短文。', ['短'], 20))).toBe('[短]文。');
  });

  it('keep a match near the end whole and never cut a character outside the BMP in two', () => {
    const shown = show(excerpt(text, ['力度'], 30));
    expect(shown).toContain('[力度]。');
    const astral = '𠀀'.repeat(40);
    for (const segment of excerpt(astral, ['𠀀𠀀'], 11)) expect(segment.text).not.toMatch(/^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/);
  });
});
