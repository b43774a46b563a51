/** Raw tags that do not close in their paragraph are shown as typed and style nothing. */
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../src/markdown/render.ts';

const html = (source: string) => renderMarkdown(source).html;

describe('stray inline HTML', () => {
  it('shows an unclosed tag as text, and the next paragraph is not styled', () => {
    expect(html('a<b>c\n\n下一段')).toBe('<p>a&#x3C;b>c</p>\n<p>下一段</p>');
    expect(html('开头<i>斜体\n\n<u>下划线')).toBe('<p>开头&#x3C;i>斜体</p>\n<p>&#x3C;u>下划线</p>');
  });

  it('shows a closing tag without its opening as text', () => {
    expect(html('多余的</strong>标签')).toBe('<p>多余的&#x3C;/strong>标签</p>');
  });

  it('keeps tags that pair up, nested or not, and void elements', () => {
    expect(html('<b>粗<i>斜</i></b>体，10 m<sup>2</sup><br>换行')).toBe('<p><b>粗<i>斜</i></b>体，10 m<sup>2</sup><br>换行</p>');
  });

  it('shows the tag left open inside a closed pair', () => {
    expect(html('<b>粗<i>斜</b>体')).toBe('<p><b>粗&#x3C;i>斜</b>体</p>');
  });

  it('shows an opening tag alone on its line (an HTML block of one tag) as text', () => {
    expect(html('<b>\n重要通知\n\n下一段')).toBe('<p>&#x3C;b>重要通知</p>\n<p>下一段</p>');
  });
});
