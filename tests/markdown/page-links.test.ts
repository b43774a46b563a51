/** Links to Markdown files become the URLs of their pages. */
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../src/markdown/render.ts';

describe('page links', () => {
  const pageLinks = { '../02/01-huiyi.md': '/2021/02/huiyi/', '../02/02-会议.md': '/2021/02/hui-yi/', 'index.md': '/2021/03/' };

  it('rewrites Markdown links and raw <a> links, keeping a fragment, Chinese file names included', () => {
    const { html } = renderMarkdown('[上期](../02/01-huiyi.md#item) [会议](../02/02-会议.md) <a href="index.md">本期</a>', { pageLinks });
    expect(html).toBe('<p><a href="/2021/02/huiyi/#item">上期</a> <a href="/2021/02/hui-yi/">会议</a> <a href="/2021/03/">本期</a></p>');
  });

  it('leaves links that are not in the map as written', () => {
    expect(renderMarkdown('[别的](../02/09-x.md) [站内](/archive/)', { pageLinks }).html).toBe('<p><a href="../02/09-x.md">别的</a> <a href="/archive/">站内</a></p>');
  });
});
