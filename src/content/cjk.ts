/**
 * Characters that Chinese text sets without spaces between them: Han (and kana and bopomofo, set
 * the same way), CJK symbols and punctuation U+3000–303F, vertical forms U+FE30–FE4F, full-width
 * forms U+FF00–FFEF, and the general punctuation Chinese text uses: ‘’‚‛“”„‟ — … ·. One definition
 * for the Markdown line joins and the importer's tidying.
 */
export const CJK_CLASS = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Bopomofo}\\u3000-\\u303F\\uFE30-\\uFE4F\\uFF00-\\uFFEF\\u2018-\\u201F\\u2014\\u2026\\u00B7';

const ONE_CJK = new RegExp(`^[${CJK_CLASS}]$`, 'u');

/** Whether `char` (one code point) is such a character. */
export const isCjk = (char: string): boolean => ONE_CJK.test(char);
