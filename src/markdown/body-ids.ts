/**
 * rehype plugin, after the sanitizer: the ids a body defines (footnotes, raw `id` and `name`, all
 * `user-content-…` by then) get the body's own prefix, so that the bodies of one issue page never
 * share an id; and a link to a place in the same body (`#fn-1`, `#note`) is pointed at the id as
 * it now is. Other links are left as written.
 */
import type { Element, Root, RootContent } from 'hast';
import { decodeOrSelf } from './body-links.ts';
import type { RenderOptions } from './render.ts';

const CLOBBERED = 'user-content-';
const ID_LISTS = ['ariaDescribedBy', 'ariaLabelledBy'] as const;

function elements(node: Root | RootContent, found: Element[] = []): Element[] {
  if (node.type === 'element') found.push(node);
  if ('children' in node) for (const child of node.children) elements(child, found);
  return found;
}

/** `prefix` goes after `user-content-`: `user-content-item-huiyi-fn-1`. */
export default function rehypeBodyIds() {
  return (tree: Root, file: { data: unknown }): undefined => {
    const prefix = (file.data as RenderOptions).idPrefix ?? '';
    const all = elements(tree);
    // Ids as readers see them: remark-rehype percent-encodes a footnote's label (fn-%E6%B3%A8), the
    // fragment of a link is matched decoded, so the id is written decoded (fn-注) and links to it match.
    const renamed = (id: string) => {
      const decoded = decodeOrSelf(id);
      return decoded.startsWith(CLOBBERED) ? `${CLOBBERED}${prefix}${decoded.slice(CLOBBERED.length)}` : decoded;
    };
    const ids = new Set(all.flatMap((element) => [element.properties.id, element.properties.name]).filter((id): id is string => typeof id === 'string').map(decodeOrSelf));
    for (const { properties } of all) {
      for (const key of ['id', 'name'] as const) {
        if (typeof properties[key] === 'string') properties[key] = renamed(properties[key]);
      }
      for (const key of ID_LISTS) {
        const list = properties[key];
        if (Array.isArray(list)) properties[key] = list.map((id) => renamed(String(id)));
      }
      const href = properties.href;
      if (typeof href === 'string' && href.startsWith('#')) {
        const id = `${CLOBBERED}${decodeOrSelf(href.slice(1))}`;
        if (ids.has(id)) properties.href = `#${renamed(id)}`;
      }
    }
  };
}
