/** Telling the encodings clerks' editors save apart, and reading them back without loss. */
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeAs, decodeUtf8, detectEncoding, firstNonUtf8Line, looksBinary } from '../../src/content/encoding.ts';

const ITEM = '---\ntitle: 济源路街道强责任广宣传保稳定落实落细疫情防控\n---\n\n一是压实责任促担当。按照“疫情防控属地管理”的原则，街道制定疫情防控方案。\n';
const TRADITIONAL = '---\ntitle: 濟源路街道強責任廣宣傳保穩定落實落細疫情防控\n---\n一是壓實責任促擔當。按照疫情防控屬地管理和誰舉辦、誰負責的原則\n';

describe('detectEncoding', () => {
  it('reads GBK as GB18030, and decoding gives back every character', () => {
    const bytes = iconv.encode(ITEM, 'gbk');
    expect(decodeUtf8(bytes)).toBeUndefined();
    expect(detectEncoding(bytes)).toBe('GB18030');
    expect(decodeAs(bytes, 'GB18030')).toBe(ITEM);
  });

  it('keeps Big5 when chardet is sure of it', () => {
    const bytes = iconv.encode(TRADITIONAL, 'big5');
    expect(detectEncoding(bytes)).toBe('Big5');
    expect(decodeAs(bytes, 'Big5')).toBe(TRADITIONAL);
  });

  it('tells UTF-16 by its BOM, in both byte orders', () => {
    expect(detectEncoding(iconv.encode(ITEM, 'utf16-le', { addBOM: true }))).toBe('UTF-16LE');
    expect(detectEncoding(iconv.encode(ITEM, 'utf16-be', { addBOM: true }))).toBe('UTF-16BE');
    expect(decodeAs(iconv.encode(ITEM, 'utf16-le', { addBOM: true }), 'UTF-16LE')).toBe(ITEM);
  });

  it('does not take Latin-1 text for Chinese: GB18030 would lose its last byte', () => {
    const bytes = iconv.encode('---\ntitle: café\n---\nné\n', 'latin1');
    const encoding = detectEncoding(bytes);
    expect(encoding).not.toBe('GB18030');
    expect(decodeAs(bytes, encoding!)).toBe('---\ntitle: café\n---\nné\n');
  });
});

describe('what is not text', () => {
  it('takes a NUL byte early on for binary, unless a UTF-16 BOM explains it', () => {
    expect(looksBinary(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 0]))).toBe(true);
    expect(looksBinary(iconv.encode(ITEM, 'utf16-le', { addBOM: true }))).toBe(false);
    expect(looksBinary(Buffer.from(ITEM))).toBe(false);
  });
});

describe('firstNonUtf8Line', () => {
  it('points at the line of the first byte that is not UTF-8', () => {
    const bytes = Buffer.concat([Buffer.from('---\ndate: 2021-01-23\n'), iconv.encode('title: 会议\n', 'gbk')]);
    expect(firstNonUtf8Line(bytes)).toBe(3);
  });
});
