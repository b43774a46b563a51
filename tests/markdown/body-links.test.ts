/** A body's links with what each points at, and the ids it defines. */
import { describe, expect, it } from 'vitest';
import { findBodyLinks, linkTarget } from '../../src/markdown/body-links.ts';

describe('linkTarget', () => {
  it('tells files beside the body, site pages, places in the body and other hosts apart', () => {
    expect(linkTarget('../02/01-huiyi.md#x')).toEqual({ kind: 'file', path: '../02/01-huiyi.md', fragment: 'x' });
    expect(linkTarget('%E9%99%84%E4%BB%B6.pdf')).toEqual({ kind: 'file', path: '附件.pdf', fragment: '' });
    expect(linkTarget('/2021/02/?a=1#item-x')).toEqual({ kind: 'page', path: '/2021/02/', fragment: 'item-x' });
    expect(linkTarget('#fn-1')).toEqual({ kind: 'fragment', id: 'fn-1' });
    for (const url of ['https://gov.cn/', 'mailto:a@b.cn', '//cdn.example/x.js', '']) expect(linkTarget(url)).toEqual({ kind: 'external' });
  });
});

describe('findBodyLinks', () => {
  it('finds Markdown links, images, definitions and raw tags at their line and column, and the ids', () => {
    const found = findBodyLinks('正文[^1]，见[上期](../02/01-a.md)。\n\n![图](p.jpg)\n\n<a href="/x/" id="here">x</a>\n\n[ref]: /archive/\n\n[^1]: 注');
    expect(found.links.map(({ url, kind, line, column }) => [url, kind, line, column])).toEqual([
      ['../02/01-a.md', 'link', 1, 9],
      ['p.jpg', 'image', 3, 1],
      ['/x/', 'link', 5, 1],
      ['/archive/', 'link', 7, 1],
    ]);
    expect(found.ids.sort()).toEqual(['fn-1', 'fnref-1', 'here']);
  });

  it('reads nothing where there is nothing to find', () => {
    expect(findBodyLinks('一段没有链接的正文。')).toEqual({ links: [], ids: [] });
  });
});
