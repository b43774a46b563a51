import { describe, expect, it } from 'vitest';
import { meantCharacters } from '../../../src/tools/import/pdf-lines.ts';

describe('meantCharacters', () => {
  it('reads the radicals and variants a shared glyph is named by as the characters printed', () => {
    // ⼯ ⼾ are Kangxi radicals (NFKC: 工, 戶), ⻢ ⻝ ⻩ CJK radicals that NFKC leaves.
    expect(meantCharacters('⼯作动态：逐⼾登记，⻢上落实⻝品安全，⻩河')).toBe('工作动态：逐户登记，马上落实食品安全，黄河');
  });

  it('leaves every other character as it is, full-width punctuation and digits included', () => {
    const text = '１月２３日，全区完成投资3亿元（同比增长12.5%）。';
    expect(meantCharacters(text)).toBe(text);
  });
});
