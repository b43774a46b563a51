import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../src/markdown/render.ts';

const html = (source: string): string => renderMarkdown(source).html;
const fixture = (name: string): string => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

describe('soft line breaks (CJK joins)', () => {
  it('drops a break between two Han characters', () => {
    expect(html('上街区召开新冠\n肺炎疫情')).toBe('<p>上街区召开新冠肺炎疫情</p>');
  });

  it('drops every break in a multi-line paragraph, including one-character lines', () => {
    expect(html('甲\n乙\n丙')).toBe('<p>甲乙丙</p>');
  });

  it('drops a break next to CJK and full-width punctuation', () => {
    expect(html('防控工作会议，\n加强管理。\n“就地过年”\n（倡议）')).toBe('<p>防控工作会议，加强管理。“就地过年”（倡议）</p>');
  });

  it('drops a break between Han characters outside the BMP', () => {
    expect(html('𠀀\n𠀁')).toBe('<p>𠀀𠀁</p>');
  });

  it('drops the indentation of a continuation line along with the break', () => {
    expect(html('新冠\n   肺炎')).toBe('<p>新冠肺炎</p>');
  });

  it('keeps a break between Latin words', () => {
    expect(html('hello\nworld')).toBe('<p>hello\nworld</p>');
  });

  it('drops a break between CJK and Latin letters or digits, both ways: a hard wrap is not a space', () => {
    expect(html('使用\nPDA设备')).toBe('<p>使用PDA设备</p>');
    expect(html('利用LED\n显示屏')).toBe('<p>利用LED显示屏</p>');
    expect(html('2021年\n3月')).toBe('<p>2021年3月</p>');
    expect(html('共100\n台')).toBe('<p>共100台</p>');
  });

  it('keeps the spaces a clerk typed around the break', () => {
    expect(html('核酸检测 2021 年\n3 月')).toBe('<p>核酸检测 2021 年3 月</p>');
  });

  it('looks across inline nodes: break after strong, before strong, around links and code', () => {
    expect(html('**加强**\n管理')).toBe('<p><strong>加强</strong>管理</p>');
    expect(html('加强\n**管理**')).toBe('<p>加强<strong>管理</strong></p>');
    expect(html('[通知](/x)\n全文')).toBe('<p><a href="/x">通知</a>全文</p>');
    expect(html('`代码`\n说明')).toBe('<p><code>代码</code>说明</p>');
    expect(html('见\n`code`')).toBe('<p>见<code>code</code></p>');
    expect(html('run\n`code`')).toBe('<p>run\n<code>code</code></p>');
  });

  it('keeps a break next to an image (no text to judge by)', () => {
    expect(html('如图\n![示意图](x.png)')).toBe('<p>如图\n<img src="x.png" alt="示意图"></p>');
  });

  it('joins lines of a setext heading', () => {
    expect(html('工作\n简报\n===')).toBe('<h3>工作简报</h3>');
  });

  it('keeps hard breaks (two trailing spaces, backslash) as <br>', () => {
    expect(html('上街区  \n肺炎')).toBe('<p>上街区<br>\n肺炎</p>');
    expect(html('上街区\\\n肺炎')).toBe('<p>上街区<br>\n肺炎</p>');
  });
});

describe('CJK-friendly emphasis', () => {
  it('closes ** right after full-width punctuation', () => {
    expect(html('张贴500余份**“就地过年”**倡议书')).toBe(
      '<p>张贴500余份<strong>“就地过年”</strong>倡议书</p>',
    );
  });

  it('closes ~~ next to CJK', () => {
    expect(html('~~“取消”~~活动')).toBe('<p><del>“取消”</del>活动</p>');
  });
});

describe('GFM blocks', () => {
  it('renders a table with alignment', () => {
    expect(html('| 街道 | 完成率 |\n| --- | ---: |\n| 济源路 | 98% |')).toBe(
      '<table>\n<thead>\n<tr>\n<th>街道</th>\n<th align="right">完成率</th>\n</tr>\n</thead>\n' +
        '<tbody>\n<tr>\n<td>济源路</td>\n<td align="right">98%</td>\n</tr>\n</tbody>\n</table>',
    );
  });

  it('renders ordered and unordered lists', () => {
    expect(html('1. 甲\n2. 乙\n\n- 丙\n- 丁')).toBe(
      '<ol>\n<li>甲</li>\n<li>乙</li>\n</ol>\n<ul>\n<li>丙</li>\n<li>丁</li>\n</ul>',
    );
  });

  it('renders a task list', () => {
    expect(html('- [x] 已完成\n- [ ] 待推进')).toBe(
      '<ul class="contains-task-list">\n' +
        '<li class="task-list-item"><input type="checkbox" checked disabled> 已完成</li>\n' +
        '<li class="task-list-item"><input type="checkbox" disabled> 待推进</li>\n</ul>',
    );
  });

  it('renders a whole bulletin section exactly as the fixture', () => {
    expect(html(fixture('bulletin.md'))).toBe(fixture('bulletin.html'));
  });
});

describe('sanitizer', () => {
  it('removes <script> with its content', () => {
    const out = html('<script>alert(1)</script>\n\n安全');
    expect(out).not.toMatch(/script|alert/i);
    expect(out).toBe('\n<p>安全</p>'); // the newline that followed the removed block stays
  });

  it('removes <iframe>', () => {
    const out = html('<iframe src="https://evil.example/"><img src=x onerror=alert(1)></iframe>\n\n安全');
    expect(out).not.toMatch(/iframe|evil|onerror/i);
    expect(out).toBe('\n<p>安全</p>'); // the newline that followed the removed block stays
  });

  it('removes <style> with its content', () => {
    const out = html('<style>body { display: none }</style>\n\n安全');
    expect(out).not.toMatch(/style|display/i);
    expect(out).toBe('\n<p>安全</p>'); // the newline that followed the removed block stays
  });

  it('removes on* attributes but keeps the element', () => {
    expect(html('<img src="x.png" onerror="alert(1)">')).toBe('<img src="x.png">');
    expect(html('<a href="/x" onclick="alert(1)" onmouseover="alert(2)">链接</a>')).toBe('<p><a href="/x">链接</a></p>');
  });

  it('removes javascript: from a Markdown link', () => {
    const out = html('[点击](javascript:alert(1))');
    expect(out).not.toMatch(/javascript|alert/i);
    expect(out).toBe('<p><a>点击</a></p>');
  });

  it('removes javascript: from a raw link, in any case or entity-encoded', () => {
    for (const href of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'jav&#x61;script:alert(1)', ' &#106;avascript:alert(1)']) {
      const out = html(`<a href="${href}">点击</a>`);
      expect(out, href).not.toMatch(/script|alert/i);
      expect(out, href).toBe('<p><a>点击</a></p>');
    }
  });

  it('removes data: links', () => {
    const out = html('[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)');
    expect(out).not.toMatch(/data:|base64/i);
    expect(out).toBe('<p><a>x</a></p>');
  });

  it('removes data: image sources, keeping the alt text', () => {
    const out = html('![图](data:image/png;base64,iVBORw0KGgo=)');
    expect(out).not.toMatch(/data:|base64|src=/i);
    expect(out).toBe('<p><img alt="图"></p>');
  });

  it('removes <object> and <embed>', () => {
    const out = html('<object data="x.swf"><embed src="x.swf"></object>安全');
    expect(out).not.toMatch(/object|embed|swf/i);
    expect(out).toBe('<p>安全</p>');
  });

  it('removes <form> and its action', () => {
    const out = html('<form action="https://evil.example/" method="post"><button>提交</button></form>');
    expect(out).not.toMatch(/form|action|evil|button/i);
    expect(out).toBe('提交');
  });

  it('removes <script> inside <svg>', () => {
    const out = html('<svg><script>alert(1)</script><circle r="1"/></svg>安全');
    expect(out).not.toMatch(/svg|script|alert|circle/i);
    expect(out).toBe('<p>安全</p>');
  });

  it('removes vbscript: links', () => {
    const out = html('<a href="vbscript:msgbox(1)">点击</a>');
    expect(out).not.toMatch(/vbscript|msgbox/i);
    expect(out).toBe('<p><a>点击</a></p>');
  });

  it('keeps safe raw HTML such as <sup> and <br>', () => {
    expect(html('面积10 km<sup>2</sup><br>人口')).toBe('<p>面积10 km<sup>2</sup><br>人口</p>');
  });

  it('prefixes ids from raw HTML against DOM clobbering', () => {
    expect(html('<h2 id="top">标题</h2>')).toBe('<h4 id="user-content-top">标题</h4>');
  });
});

describe('determinism', () => {
  it('gives identical output for the same source, rendered repeatedly', () => {
    const source = fixture('bulletin.md') + '\n\n脚注[^1]\n\n[^1]: 注释内容\n';
    const first = renderMarkdown(source);
    renderMarkdown('# 别的文档\n\n[^1]\n\n[^1]: 另一条'); // unrelated call in between must not leak state
    expect(renderMarkdown(source)).toEqual(first);
    expect(renderMarkdown(source).html).toBe(first.html);
  });
});

describe('plain text', () => {
  it('has no Markdown syntax, blocks separated by one space, CJK lines joined', () => {
    expect(renderMarkdown('# 标题\n\n第一段\n文字。\n\n- 甲\n- 乙').text).toBe('标题 第一段文字。 甲 乙');
  });

  it('folds whitespace, separates <br> and adjacent raw blocks, and drops sanitized content', () => {
    expect(renderMarkdown('<p>甲</p><p>乙</p>\n\n丙<br>丁\n\n<script>var x</script>\n\n使用\nPDA  设备').text).toBe(
      '甲 乙 丙 丁 使用PDA 设备',
    );
  });

  it('keeps inline elements glued to their neighbours', () => {
    expect(renderMarkdown('张贴**“就地过年”**倡议书，见[通知](/x)。').text).toBe('张贴“就地过年”倡议书，见通知。');
  });

  it('is empty for an empty source', () => {
    expect(renderMarkdown('')).toEqual({ html: '', text: '' });
  });
});

describe('headings', () => {
  it('start at <h3>, under the item title (<h1>, or <h2> on the issue page)', () => {
    expect(html('# 一级\n\n## 二级\n\n##### 五级')).toBe('<h3>一级</h3>\n<h4>二级</h4>\n<h6>五级</h6>');
  });
});

describe('the typed habits of clerks (fixtures/habits.md, expected HTML written by hand)', () => {
  it('renders tilde ranges, indents, hard wraps, stray tags, footnotes and .md links as a clerk expects', () => {
    const options = { idPrefix: 'item-habits-', pageLinks: { '../02/01-huiyi.md': '/2021/02/huiyi/', 'index.md': '/2021/03/' } };
    expect(renderMarkdown(fixture('habits.md'), options).html).toBe(fixture('habits.html'));
  });
});
