/** A clerk's own paragraph indent gives way to the site's; a full-width indent starts a paragraph. */
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../src/markdown/render.ts';

const html = (source: string) => renderMarkdown(source).html;

describe('paragraph indents', () => {
  it('drops leading full-width, no-break and ASCII spaces of a paragraph', () => {
    expect(html('　　全角缩进')).toBe('<p>全角缩进</p>');
    expect(html('\u00a0\u00a0不换行空格')).toBe('<p>不换行空格</p>');
    expect(html('    四格缩进')).toBe('<p>四格缩进</p>');
    expect(html('　 混合缩进')).toBe('<p>混合缩进</p>');
  });

  it('starts a new paragraph at each line that begins with a full-width indent', () => {
    expect(html('　　第一段。\n　　第二段。\n　　第三段。')).toBe('<p>第一段。</p>\n<p>第二段。</p>\n<p>第三段。</p>');
  });

  it('keeps a hard-wrapped paragraph whole when its next line is not indented', () => {
    expect(html('　　第一段的前半\n后半。')).toBe('<p>第一段的前半后半。</p>');
  });

  it('keeps full-width spaces inside a line, and strips a heading’s indent too', () => {
    expect(html('甲　乙')).toBe('<p>甲　乙</p>');
    expect(html('# 　标题')).toBe('<h3>标题</h3>');
  });

  it('works inside lists and quotes, and leaves inline markup whole', () => {
    expect(html('> 　　引文')).toBe('<blockquote>\n<p>引文</p>\n</blockquote>');
    expect(html('　　**加粗**开头\n　　第二段')).toBe('<p><strong>加粗</strong>开头</p>\n<p>第二段</p>');
  });
});
