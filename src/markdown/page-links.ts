/**
 * rehype plugin: a link to another item's or issue's Markdown file (`[上期](../02/01-huiyi.md)`)
 * becomes the URL of the page that file is published as, the idea of Eleventy's InputPathToUrl
 * plugin. The caller passes the map (`pageLinks`: path as written, decoded → URL); a link not in
 * it is left as written, for the checks to report.
 */
import type { Element, Root, RootContent } from 'hast';
import { linkTarget } from './body-links.ts';
import type { RenderOptions } from './render.ts';

function visit(node: Root | RootContent, pageLinks: Readonly<Record<string, string>>): void {
  if (node.type === 'element' && node.tagName === 'a' && typeof node.properties.href === 'string') rewrite(node, pageLinks);
  if ('children' in node) for (const child of node.children) visit(child, pageLinks);
}

function rewrite(link: Element, pageLinks: Readonly<Record<string, string>>): void {
  const target = linkTarget(link.properties.href as string);
  if (target.kind !== 'file') return;
  const url = Object.hasOwn(pageLinks, target.path) ? pageLinks[target.path] : undefined;
  if (url !== undefined) link.properties.href = target.fragment ? `${url}#${encodeURIComponent(target.fragment)}` : url;
}

export default function rehypePageLinks() {
  return (tree: Root, file: { data: unknown }): undefined => {
    const { pageLinks } = file.data as RenderOptions;
    if (pageLinks && Object.keys(pageLinks).length > 0) visit(tree, pageLinks);
  };
}
