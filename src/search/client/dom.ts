/// <reference lib="dom" />
/** What the search page's modules share of the DOM: building elements, the facets' names. */
import type { FacetName } from '../format.ts';

export const FACET_LEGEND: Record<FacetName, string> = { unit: '来源单位', category: '栏目', year: '年份' };

export function element<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}
