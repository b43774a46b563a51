import { describe, expect, it } from 'vitest';
import { fold, forEachToken, planTerm, queryTerms } from '../../src/search/tokenize.ts';

/** The distinct tokens the indexer takes from a text, as strings. */
function tokens(text: string): string[] {
  const found = new Set<string>();
  forEachToken(fold(text), (a, b) => found.add(String.fromCodePoint(a) + (b < 0 ? '' : String.fromCodePoint(b))));
  return [...found];
}

describe('fold', () => {
  it('lower-cases Latin letters and turns full-width ASCII and the ideographic space into ASCII', () => {
    expect(fold('LED显示屏')).toBe('led显示屏');
    expect(fold('ＰＭ２．５')).toBe('pm2.5');
    expect(fold('４８小时')).toBe('48小时');
    expect(fold('疫情\u3000防控')).toBe('疫情 防控');
  });

  it('leaves Han characters and Chinese punctuation alone', () => {
    expect(fold('“就地过年”倡议书。')).toBe('“就地过年”倡议书。');
  });

  it('keeps the length, so a position in folded text is the same position in the original', () => {
    for (const text of ['İstanbul 会议', 'ＡＢＣ', 'ǅ', '𠀀𠀁 text', 'ß']) expect(fold(text).length).toBe(text.length);
    expect(fold('İ')).toBe('İ');
  });
});

describe('the indexer’s tokens', () => {
  it('are every character and every pair of neighbours in a Han run', () => {
    expect(tokens('冷链食品').sort()).toEqual(['冷', '链', '冷链', '食', '链食', '品', '食品'].sort());
  });

  it('split at punctuation and spaces: no pair spans them', () => {
    expect(tokens('抽检、消杀')).not.toContain('检消');
    expect(tokens('a b')).toEqual(['a', 'b']);
  });

  it('join digits, Latin letters and Han in one run, so 48小时 gives 8小', () => {
    expect(tokens('提前48小时')).toEqual(expect.arrayContaining(['前4', '48', '8小', '小时', '4', '8']));
    expect(tokens('LED显示屏')).toEqual(expect.arrayContaining(['le', 'ed', 'd显']));
  });

  it('treat a character outside the BMP as one character', () => {
    expect(tokens('𠀀𠀁').sort()).toEqual(['𠀀', '𠀁', '𠀀𠀁'].sort());
  });
});

describe('queries', () => {
  it('split at any white space, ideographic space included, and drop repeats', () => {
    expect(queryTerms('  疫情　冷链 疫情\t48小时 ')).toEqual(['疫情', '冷链', '48小时']);
    expect(queryTerms('   ')).toEqual([]);
  });

  it('ask for a lone character by itself and a longer run by its pairs', () => {
    expect(planTerm('疫')).toEqual({ term: '疫', tokens: ['疫'], exact: true });
    expect(planTerm('冷链')).toEqual({ term: '冷链', tokens: ['冷链'], exact: true });
    expect(planTerm('疫情防控')).toEqual({ term: '疫情防控', tokens: ['疫情', '情防', '防控'], exact: false });
    expect(planTerm('48小时')).toEqual({ term: '48小时', tokens: ['48', '8小', '小时'], exact: false });
  });

  it('are exact only when the tokens decide: one run of one or two characters', () => {
    expect(planTerm('a').exact).toBe(true);
    expect(planTerm('9层').exact).toBe(true);
    expect(planTerm('9层施').exact).toBe(false);
    // Punctuation is part of the term: confirmed in the text, not in the index.
    expect(planTerm('抽检、消杀')).toEqual({ term: '抽检、消杀', tokens: ['抽检', '消杀'], exact: false });
    expect(planTerm('“')).toEqual({ term: '“', tokens: [], exact: false });
  });

  it('ask for what the indexer wrote for every substring of a text', () => {
    const text = fold('做到返郑提前48小时报备，悬挂165幅宣传条幅，LED显示屏。');
    const written = new Set(tokens(text));
    for (let start = 0; start < text.length; start++) {
      for (let end = start + 1; end <= text.length; end++) {
        for (const token of planTerm(text.slice(start, end)).tokens) expect(written.has(token), `${text.slice(start, end)} → ${token}`).toBe(true);
      }
    }
  });
});
