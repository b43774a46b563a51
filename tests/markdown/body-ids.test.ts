/** Ids of a body carry its prefix, and links to places in the body follow them. */
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../src/markdown/render.ts';

const ids = (html: string) => [...html.matchAll(/\sid="([^"]*)"/g)].map((match) => match[1]);
const hrefs = (html: string) => [...html.matchAll(/\shref="#([^"]*)"/g)].map((match) => match[1]);

describe('body ids', () => {
  it('gives every footnote id the prefix, and every footnote link an id that exists', () => {
    const { html } = renderMarkdown('正文[^1]和[^注释]。\n\n[^1]: 一\n[^注释]: 二', { idPrefix: 'item-a-' });
    expect(ids(html).every((id) => id!.startsWith('user-content-item-a-'))).toBe(true);
    expect(hrefs(html).length).toBe(4);
    for (const href of hrefs(html)) expect(ids(html)).toContain(href);
  });

  it('points a link to a raw id of the body at its prefixed id', () => {
    const { html } = renderMarkdown('[见下文](#note)\n\n<a id="note">下文</a>', { idPrefix: 'item-b-' });
    expect(html).toContain('href="#user-content-item-b-note"');
    expect(html).toContain('id="user-content-item-b-note"');
  });

  it('keeps two bodies on one page apart, and leaves a link to no id of the body as written', () => {
    const a = renderMarkdown('甲[^1]\n\n[^1]: 注', { idPrefix: 'item-a-' }).html;
    const b = renderMarkdown('甲[^1]\n\n[^1]: 注', { idPrefix: 'item-b-' }).html;
    expect(ids(a).filter((id) => ids(b).includes(id))).toEqual([]);
    expect(renderMarkdown('[别处](#nowhere)').html).toBe('<p><a href="#nowhere">别处</a></p>');
  });
});
