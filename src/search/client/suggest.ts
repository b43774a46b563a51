/**
 * What the search page offers beside the results, free of the DOM: a unit's or category's filter
 * for a query that names one, a query typed in pinyin turned into characters (lenglian → 冷链), a
 * homophone for a query that found nothing (冷连 → 冷链), and the names closest to a mistyped one.
 * Words come from the archive itself (pinyin.ts writes them), so a suggestion always finds items.
 */
import type { CharShard, FacetName, FacetValue, Manifest, PinyinShard, PinyinTable } from '../format.ts';
import { shardOf } from '../format.ts';
import { fold, queryTerms } from '../tokenize.ts';

/** A unit or category a query term names, or nearly names. */
export interface FacetOffer {
  facet: Exclude<FacetName, 'year'>;
  /** The value's name, as its filter is set. */
  name: string;
  /** The query term that named it. */
  term: string;
}

const NAMED_FACETS = ['unit', 'category'] as const;

/** What a value is known by, folded as query terms are. */
const namesOf = (value: FacetValue): string[] => [value.name, ...(value.aliases ?? [])].map(fold);

/** The units and categories that a term of `q` names exactly, by name or alias. */
export function namedFacets(q: string, manifest: Manifest): FacetOffer[] {
  const offers: FacetOffer[] = [];
  for (const term of queryTerms(q)) {
    for (const facet of NAMED_FACETS) {
      for (const value of manifest.facets[facet]) {
        if (namesOf(value).includes(term)) offers.push({ facet, name: value.name, term });
      }
    }
  }
  return offers;
}

/** Levenshtein distance by code point, giving up (returning `limit + 1`) once it exceeds `limit`. */
export function editDistance(a: string, b: string, limit: number): number {
  const x = [...a];
  const y = [...b];
  if (Math.abs(x.length - y.length) > limit) return limit + 1;
  let row = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const next = [i];
    for (let j = 1; j <= y.length; j++) next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    if (Math.min(...next) > limit) return limit + 1;
    row = next;
  }
  return row[y.length]!;
}

/**
 * Units and categories whose name (or alias) is one character off a term of three or more, or
 * two off a term of six or more: 通航实验区 → 通航试验区, 区卫生建康委员会 → 区卫生健康委员会.
 */
export function closeFacets(q: string, manifest: Manifest, max = 3): FacetOffer[] {
  const offers: (FacetOffer & { distance: number })[] = [];
  for (const term of queryTerms(q)) {
    const length = [...term].length;
    if (length < 3) continue;
    const limit = length >= 6 ? 2 : 1;
    for (const facet of NAMED_FACETS) {
      for (const value of manifest.facets[facet]) {
        const distance = Math.min(...namesOf(value).map((name) => editDistance(term, name, limit)));
        if (distance > 0 && distance <= limit) offers.push({ facet, name: value.name, term, distance });
      }
    }
  }
  return offers.sort((a, b) => a.distance - b.distance).slice(0, max).map(({ distance: _, ...offer }) => offer);
}

/**
 * Longest term respelled by sound: a word or a name. Each character costs its reading's shard and
 * each pair a word shard: an 8-character phrase took a query that found nothing from 41 KB to
 * 59 KB at 20,000 items (bench/search-results.md), against a budget of 60.
 */
const HOMOPHONE_MAX = 6;

/** Load the pinyin word and character shards by number. */
export interface ShardLoaders {
  words(k: number): Promise<PinyinShard>;
  chars(k: number): Promise<CharShard>;
}

/** The archive's words by their reading (format.ts: PinyinTable). */
export class PinyinWords {
  private readonly syllables: Set<string>;
  private readonly longest: number;

  constructor(
    private readonly table: PinyinTable,
    private readonly load: ShardLoaders,
  ) {
    this.syllables = new Set(table.syllables);
    this.longest = Math.max(0, ...table.syllables.map((s) => s.length));
  }

  /** The reading of each of `chars` (undefined for one without), from the shards that hold them. */
  private async readings(chars: readonly string[]): Promise<(string | undefined)[]> {
    const numbers = [...new Set(chars.map((char) => shardOf(this.table.chars, char)))];
    const readingOf = new Map<string, string>();
    for (const shard of await Promise.all(numbers.map((k) => this.load.chars(k)))) {
      for (const [reading, group] of Object.entries(shard)) for (const char of group) readingOf.set(char, reading);
    }
    return chars.map((char) => readingOf.get(char));
  }

  /**
   * A Latin term as syllables, the fewest that cover it (`xian` is one syllable, `xi'an` two);
   * undefined unless all of it is pinyin the archive's words are read in.
   */
  split(term: string): string[] | undefined {
    const parts: string[] = [];
    for (const run of term.split("'")) {
      if (run === '') continue;
      // fewest[i]: fewest syllables covering run[0, i); from[i]: where the last of them starts.
      const fewest = new Array<number>(run.length + 1).fill(Infinity);
      const from = new Array<number>(run.length + 1).fill(-1);
      fewest[0] = 0;
      for (let end = 1; end <= run.length; end++) {
        for (let start = Math.max(0, end - this.longest); start < end; start++) {
          if (fewest[start]! + 1 < fewest[end]! && this.syllables.has(run.slice(start, end))) {
            fewest[end] = fewest[start]! + 1;
            from[end] = start;
          }
        }
      }
      if (fewest[run.length] === Infinity) return undefined;
      const syllables: string[] = [];
      for (let end = run.length; end > 0; end = from[end]!) syllables.unshift(run.slice(from[end]!, end));
      parts.push(...syllables);
    }
    return parts.length > 0 ? parts : undefined;
  }

  private async words(keys: readonly string[]): Promise<Map<string, [string, number][]>> {
    const numbers = [...new Set(keys.map((key) => shardOf(this.table.words, key)))];
    const shards = new Map(await Promise.all(numbers.map(async (k) => [k, await this.load.words(k)] as const)));
    return new Map(keys.map((key) => [key, shards.get(shardOf(this.table.words, key))![key] ?? []]));
  }

  /**
   * The characters read as `syllables`, chained from the archive's words so that each pair is a
   * word that occurs (冷链 from `leng lian`; 通航试验区 from 通航, 航试, 试验, 验区). The most
   * frequent chain wins; a character of `typed` at its place counts for it, so a homophone keeps
   * what the reader got right. Undefined for fewer than two syllables or when no chain exists.
   */
  async spell(syllables: readonly string[], typed: readonly string[] = []): Promise<string | undefined> {
    if (syllables.length < 2) return undefined;
    const keys = syllables.slice(1).map((syllable, i) => `${syllables[i]} ${syllable}`);
    const found = await this.words(keys);
    const candidates = keys.map((key) => found.get(key)!);
    if (candidates.some((list) => list.length === 0)) return undefined;
    const score = (word: string, count: number, at: number) =>
      Math.log(count + 1) + [...word].reduce((bonus, char, i) => bonus + (typed[at + i] === char ? 2 : 0), 0);
    // best[i][j]: the best chain ending in candidate j of pair i, and the candidate before it.
    let best = candidates[0]!.map(([word, count]) => ({ score: score(word, count, 0), text: word }));
    for (let i = 1; i < candidates.length; i++) {
      best = candidates[i]!.map(([word, count]) => {
        const [first, second] = [...word];
        const before = best.filter((chain) => [...chain.text].at(-1) === first).sort((a, b) => b.score - a.score)[0];
        return before ? { score: before.score + score(word, count, i) - (typed[i] === first ? 2 : 0), text: before.text + second } : { score: -Infinity, text: '' };
      });
    }
    const chain = best.filter((c) => c.score > -Infinity).sort((a, b) => b.score - a.score)[0];
    return chain?.text;
  }

  /** The terms of `q` typed in pinyin, in characters (`lenglian 疫情` → `冷链 疫情`); undefined when none is. */
  async fromPinyin(q: string): Promise<string | undefined> {
    const terms = queryTerms(q);
    const latin = terms.filter((term) => /^[a-z']+$/.test(term));
    if (latin.length === 0) return undefined;
    const spelled = await Promise.all(terms.map(async (term) => (latin.includes(term) ? this.spell(this.split(term) ?? []) : term)));
    if (spelled.every((term) => term !== undefined)) return spelled.join(' ');
    // Syllables typed apart (`leng lian`) make one word.
    if (latin.length === terms.length) {
      const syllables = latin.map((term) => this.split(term));
      if (syllables.every((s) => s !== undefined)) return this.spell(syllables.flat());
    }
    return undefined;
  }

  /**
   * The terms of `q` in Han characters (2 to `HOMOPHONE_MAX` of them), each replaced by its most
   * likely homophone word of the archive; undefined when none changes.
   */
  async homophone(q: string): Promise<string | undefined> {
    const terms = queryTerms(q);
    let changed = false;
    const respelled = await Promise.all(
      terms.map(async (term) => {
        const chars = [...term];
        if (chars.length < 2 || chars.length > HOMOPHONE_MAX) return term;
        const syllables = await this.readings(chars);
        if (syllables.some((s) => s === undefined)) return term;
        const word = await this.spell(syllables as string[], chars);
        if (word && word !== term) changed = true;
        return word ?? term;
      }),
    );
    return changed ? respelled.join(' ') : undefined;
  }
}
