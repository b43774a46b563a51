/**
 * A query's answer as the search page shows it, free of the DOM (the page and the benchmark
 * both call it): the results of what was typed; when that finds nothing, those of the same
 * query read as pinyin (lenglian → 冷链); and when still nothing, a homophone that finds items.
 */
import { queryTerms } from '../tokenize.ts';
import type { Filters, Hit, Results, SearchIndex } from './engine.ts';

export interface Answer {
  results: Results;
  /** The first pages of results, as asked. */
  hits: Hit[];
  /** The query as typed, when the results are those of its characters. */
  typedInPinyin: string | undefined;
  /** A query of homophones that finds items, when the query found none. */
  homophone: string | undefined;
}

/** The first `pages` pages of results of a query. */
export async function firstPages(index: SearchIndex, q: string, filters: Filters, pages: number): Promise<{ results: Results; hits: Hit[] }> {
  const results = await index.search({ q, filters });
  const hits: Hit[] = [];
  for (let page = 0; page < pages && !results.done; page++) hits.push(...(await results.more()));
  return { results, hits };
}

export async function answer(index: SearchIndex, q: string, filters: Filters, pages = 1): Promise<Answer> {
  const found = await firstPages(index, q, filters, pages);
  if (found.hits.length > 0 || queryTerms(q).length === 0) return { ...found, typedInPinyin: undefined, homophone: undefined };
  // Suggestions are extras: a pinyin table that fails to load leaves the answer as it is.
  const words = await index.pinyin().catch(() => undefined);
  if (!words) return { ...found, typedInPinyin: undefined, homophone: undefined };
  const spelled = await words.fromPinyin(q);
  if (spelled !== undefined) {
    const respelled = await firstPages(index, spelled, filters, pages);
    if (respelled.hits.length > 0) return { ...respelled, typedInPinyin: q, homophone: undefined };
  }
  const homophone = await words.homophone(q);
  // One confirmed item is enough to offer it: a page of ten would download ten items.
  const findsItems = homophone !== undefined && (await (await index.search({ q: homophone, filters })).more(1)).length > 0;
  return { ...found, typedInPinyin: undefined, homophone: findsItems ? homophone : undefined };
}
