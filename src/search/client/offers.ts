/// <reference lib="dom" />
/**
 * What the search page offers beside the results (suggest.ts finds them): the filter of a unit or
 * category the query names; and when nothing was found, the homophone that finds something
 * (冷连 → 冷链) and the closest names. Buttons, each doing what its words say.
 */
import type { FacetName, Manifest } from '../format.ts';
import type { Answer } from './answer.ts';
import { element, FACET_LEGEND } from './dom.ts';
import { closeFacets, namedFacets, type FacetOffer } from './suggest.ts';

export interface OfferActions {
  /** Ticks the offer's value and takes its term out of the query. */
  filterBy(offer: FacetOffer): void;
  /** Searches for `q` instead. */
  search(q: string): void;
}

/** The offers as elements, and `said`: the same in words, for the live region. */
export function offersFor(
  query: { q: string; filters: Record<FacetName, string[]> },
  found: Answer,
  manifest: Manifest,
  act: OfferActions,
): { nodes: HTMLElement[]; said: string } {
  const nodes: HTMLElement[] = [];
  const said: string[] = [];
  const line = (...children: (Node | string)[]) => nodes.push(element('p', { className: 'search-offer' }, ...children));
  const button = (label: string, action: () => void) => {
    const node = element('button', { type: 'button', className: 'search-offer-button' }, label);
    node.addEventListener('click', action);
    return node;
  };
  for (const offer of namedFacets(query.q, manifest)) {
    if (query.filters[offer.facet].includes(offer.name)) continue;
    const label = `只看${FACET_LEGEND[offer.facet]}为“${offer.name}”的信息`;
    line(button(label, () => act.filterBy(offer)));
    said.push(`可以${label}。`);
  }
  if (found.hits.length > 0) return { nodes, said: said.join('') };

  const { homophone } = found;
  if (homophone !== undefined) {
    line('您是不是要找：', button(homophone, () => act.search(homophone)));
    said.push(`您是不是要找“${homophone}”？`);
  }
  const close = closeFacets(query.q, manifest);
  if (close.length > 0) {
    line('相近的名称：', ...close.flatMap((offer, i) => [i > 0 ? ' ' : '', button(`${FACET_LEGEND[offer.facet]}：${offer.name}`, () => act.filterBy(offer))]));
    said.push(`相近的名称：${close.map((offer) => offer.name).join('、')}。`);
  }
  return { nodes, said: said.join('') };
}
