/**
 * The path prefix on a page's root-relative URLs (src/eleventy/path-prefix.ts), which replaces
 * HtmlBasePlugin's pass over every page: what it changes, and every byte it must leave alone.
 */
import { describe, expect, it } from 'vitest';
import { addPathPrefix, URL_ATTRIBUTES } from '../../src/eleventy/path-prefix.ts';

const prefixed = (html: string) => addPathPrefix(html, '/bulletin/');

describe('addPathPrefix', () => {
  it('puts the prefix before root-relative URLs in links, stylesheets, scripts, images and forms', () => {
    const page = [
      '<link rel="stylesheet" href="/assets/style.css">',
      '<script src="/assets/search.js" defer></script>',
      '<a href="/2021/03/huiyi/">会议</a>',
      '<img src="/files/tu.png" alt="图">',
      '<form action="/search/" role="search"><input name="q"></form>',
      '<blockquote cite="/2021/03/">引文</blockquote>',
    ].join('\n');
    expect(prefixed(page)).toBe(page.replaceAll('="/', '="/bulletin/'));
  });

  it('covers every attribute the link check follows', () => {
    for (const [element, attributes] of Object.entries(URL_ATTRIBUTES)) {
      for (const attribute of attributes) {
        expect(prefixed(`<${element} ${attribute}="/x/">`)).toBe(`<${element} ${attribute}="/bulletin/x/">`);
      }
    }
  });

  it('puts the prefix before every root-relative candidate of a srcset, and only those', () => {
    const page = '<picture><source srcset="/p/a-480.webp 480w, /p/a-960.webp 960w"><img src="/p/a.jpg" srcset="/p/a-480.jpg 480w,https://cdn.example/a.jpg 960w,  /p/a-1600.jpg 1600w" alt="图"></picture>';
    expect(prefixed(page)).toBe(
      '<picture><source srcset="/bulletin/p/a-480.webp 480w, /bulletin/p/a-960.webp 960w"><img src="/bulletin/p/a.jpg" srcset="/bulletin/p/a-480.jpg 480w,https://cdn.example/a.jpg 960w,  /bulletin/p/a-1600.jpg 1600w" alt="图"></picture>',
    );
    expect(prefixed('<p>srcset="/x 1w, /y 2w"</p><a title="/a, /b">x</a>')).toBe('<p>srcset="/x 1w, /y 2w"</p><a title="/a, /b">x</a>');
  });

  it('leaves absolute, protocol-relative, relative, fragment and query URLs alone', () => {
    const page =
      '<a href="https://example.gov.cn/x/">a</a><a href="//cdn.example/x">b</a><a href="../x/">c</a>' +
      '<a href="#item-huiyi">d</a><a href="?page=2">e</a><a href="mailto:ban@example.gov.cn">f</a><a href="x/">g</a>';
    expect(prefixed(page)).toBe(page);
  });

  it('leaves text, comments, scripts, styles and other attributes alone, even when they look like links', () => {
    const page = [
      '<p>写法：&lt;a href="/x/"&gt; 或 href="/y/"</p>',
      '<pre><code>&lt;img src="/z.png"&gt;</code></pre>',
      '<!-- <a href="/old/"> -->',
      '<script>const a = \'<a href="/js/">\';</script>',
      '<style>a[href="/css/"] { color: red }</style>',
      '<a data-href="/data/" title="/title/" class="x">t</a>',
      '<meta property="og:url" content="/og/">',
    ].join('\n');
    expect(prefixed(page)).toBe(page);
  });

  it('reads tags and attributes in any case, quoted either way or not, with spaces around the URL', () => {
    expect(prefixed(`<A HREF='/x/'>a</A><a href=/y/>b</a><a href="  /z/">c</a>`)).toBe(
      `<A HREF='/bulletin/x/'>a</A><a href=/bulletin/y/>b</a><a href="  /bulletin/z/">c</a>`,
    );
  });

  it('leaves an empty attribute, an attribute without a value and a value starting with a character reference', () => {
    const page = '<a href="">a</a><a href>b</a><a href="&#47;x/">c</a>';
    expect(prefixed(page)).toBe(page);
  });

  it('joins a prefix without its trailing slash, and changes nothing for the prefix /', () => {
    expect(addPathPrefix('<a href="/x/">x</a>', '/a/b/')).toBe('<a href="/a/b/x/">x</a>');
    expect(addPathPrefix('<a href="/x/">x</a>', '/a/b')).toBe('<a href="/a/b/x/">x</a>');
    const page = '<a href="/x/">x</a>';
    expect(addPathPrefix(page, '/')).toBe(page);
  });

  it('keeps every other byte of a whole page', () => {
    const page =
      '<!doctype html>\n<html lang="zh-CN">\n<head><meta charset="utf-8"><title>济源路街道“就地过年”</title></head>\n' +
      '<body><div id="search" hidden><button type="button" hidden>加载更多</button></div>\n' +
      '<p>正文 &amp; 标点，<br>换行</p><a href="/2021/03/">第3期</a></body>\n</html>\n';
    expect(prefixed(page)).toBe(page.replace('href="/2021/03/"', 'href="/bulletin/2021/03/"'));
  });
});
