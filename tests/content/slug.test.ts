import { describe, expect, it } from 'vitest';
import { fileOrder, fileSlug, issuePlace, itemFileName, SLUG_PATTERN, toSlug } from '../../src/content/slug.ts';

describe('toSlug', () => {
  it('writes Chinese as toneless pinyin, one syllable a word', () => {
    expect(toSlug('济源路街道')).toBe('ji-yuan-lu-jie-dao');
    expect(toSlug('疫情防控')).toBe('yi-qing-fang-kong');
    expect(toSlug('区发改委')).toBe('qu-fa-gai-wei');
  });

  it('writes ü as v', () => {
    expect(toSlug('绿色发展')).toBe('lv-se-fa-zhan');
    expect(toSlug('女性')).toBe('nv-xing');
    expect(toSlug('旅游')).toBe('lv-you');
  });

  it('reads polyphonic characters in context', () => {
    expect(toSlug('重庆银行')).toBe('chong-qing-yin-hang');
  });

  it('keeps Latin letters and digits, in lower case, as words', () => {
    expect(toSlug('LED 显示屏')).toBe('led-xian-shi-ping');
    expect(toSlug('LED显示屏')).toBe('led-xian-shi-ping');
    expect(toSlug('2021年第3期')).toBe('2021-nian-di-3-qi');
    expect(toSlug('ABC-def_ghi')).toBe('abc-def-ghi');
    expect(toSlug('5G基站')).toBe('5g-ji-zhan');
  });

  it('folds full-width letters and digits to ASCII', () => {
    expect(toSlug('２０２１')).toBe('2021');
    expect(toSlug('ＬＥＤ')).toBe('led');
  });

  // NFKD is there to fold accents away; the combining mark must go, not split the word.
  it('drops accents from Latin letters without splitting the word', () => {
    expect(toSlug('Café')).toBe('cafe');
    expect(toSlug('résumé')).toBe('resume');
  });

  it('drops punctuation, Chinese and ASCII, without empty words', () => {
    expect(toSlug('会议，通知！')).toBe('hui-yi-tong-zhi');
    expect(toSlug('“就地过年”倡议书')).toBe('jiu-di-guo-nian-chang-yi-shu');
    expect(toSlug('《通知》（试行）')).toBe('tong-zhi-shi-xing');
    expect(toSlug('  a -- b  ')).toBe('a-b');
    expect(toSlug('！！')).toBe('');
    expect(toSlug('')).toBe('');
  });

  it('always gives ASCII matching SLUG_PATTERN (when not empty)', () => {
    const inputs = ['济源路街道', 'LED 显示屏', '绿色发展', '“就地过年”倡议书', '2021年第3期', '２０２１', 'Café au lait', '区卫健委（试点）', '峡窝镇', '上街区·通航', 'a_b.c'];
    for (const input of inputs) {
      const slug = toSlug(input);
      expect(slug, input).toMatch(/^[\x21-\x7e]+$/);
      expect(slug, input).toMatch(SLUG_PATTERN);
    }
  });
});

describe('SLUG_PATTERN', () => {
  it('accepts lower-case words joined by single hyphens', () => {
    for (const slug of ['huiyi', 'jiyuanlu-fangkong', '2021', 'a-1-b']) expect(slug).toMatch(SLUG_PATTERN);
  });

  it('refuses upper case, spaces, underscores, Chinese and stray hyphens', () => {
    for (const slug of ['Huiyi', 'hui yi', 'hui_yi', '会议', '-huiyi', 'huiyi-', 'hui--yi', '']) {
      expect(slug, JSON.stringify(slug)).not.toMatch(SLUG_PATTERN);
    }
  });
});

describe('fileSlug', () => {
  it('drops the extension and the order prefix', () => {
    expect(fileSlug('01-huiyi.md')).toBe('huiyi');
    expect(fileSlug('03-jiyuanlu-fangkong.md')).toBe('jiyuanlu-fangkong');
    expect(fileSlug('huiyi.md')).toBe('huiyi');
    expect(fileSlug('HuiYi.MD')).toBe('huiyi');
  });

  it('gives the same slug whatever the order number, so reordering keeps URLs', () => {
    const slugs = ['01-huiyi.md', '02-huiyi.md', '07-huiyi.md', '7-huiyi.md', '12-huiyi.md', '003-huiyi.md'].map(fileSlug);
    expect(new Set(slugs)).toEqual(new Set(['huiyi']));
  });

  it('accepts -, _, . and a space after the number', () => {
    for (const name of ['01-huiyi.md', '01_huiyi.md', '01.huiyi.md', '01 huiyi.md']) expect(fileSlug(name), name).toBe('huiyi');
  });

  it('keeps a name that is only a number', () => {
    expect(fileSlug('01.md')).toBe('01');
    expect(fileSlug('7.md')).toBe('7');
  });

  it('transliterates Chinese file names', () => {
    expect(fileSlug('01-会议.md')).toBe('hui-yi');
    expect(fileSlug('会议.md')).toBe('hui-yi');
    expect(fileSlug('02-济源路防控.md')).toBe('ji-yuan-lu-fang-kong');
  });

  it('keeps a number that is part of the name', () => {
    expect(fileSlug('01-5g-jizhan.md')).toBe('5g-jizhan');
    expect(fileSlug('huiyi2.md')).toBe('huiyi2');
  });
});

describe('fileOrder', () => {
  it('reads the number a file name starts with', () => {
    expect(fileOrder('03-huiyi.md')).toBe(3);
    expect(fileOrder('1-huiyi.md')).toBe(1);
    expect(fileOrder('12-huiyi.md')).toBe(12);
    expect(fileOrder('01.md')).toBe(1);
  });

  it('is undefined for a name without a leading number', () => {
    expect(fileOrder('huiyi.md')).toBeUndefined();
    expect(fileOrder('huiyi-03.md')).toBeUndefined();
    expect(fileOrder('会议.md')).toBeUndefined();
  });
});

describe('itemFileName', () => {
  it('is the order number and the start of the title’s pinyin, up to 30 letters', () => {
    expect(itemFileName(4, '上街区召开新冠肺炎疫情防控领导小组会议', new Set())).toBe('04-shang-jie-qu-zhao-kai-xin-guan.md');
    expect(itemFileName(12, '会议', new Set())).toBe('12-hui-yi.md');
  });

  it('grows by a syllable while another item of the issue has the URL, then takes a number', () => {
    expect(itemFileName(2, '上街区召开新冠肺炎疫情防控领导小组会议', new Set(['shang-jie-qu-zhao-kai-xin-guan']))).toBe(
      '02-shang-jie-qu-zhao-kai-xin-guan-fei.md',
    );
    expect(itemFileName(3, '会议', new Set(['hui-yi']))).toBe('03-hui-yi-2.md');
  });
});

describe('issuePlace', () => {
  it('gives the order after the highest and the URL segments taken, a file without a number counting as 0', () => {
    expect(issuePlace(['01-hui-yi.md', '07-kai-hui.md', 'bu-shi-shu-zi.md'])).toEqual({ next: 8, taken: ['hui-yi', 'kai-hui', 'bu-shi-shu-zi'] });
    expect(issuePlace([])).toEqual({ next: 1, taken: [] });
  });
});
