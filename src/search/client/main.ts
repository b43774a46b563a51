/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The search page (/search/, layouts/search.njk). Bundled by esbuild into search/search.js,
 * which finds the index beside itself, so the site works under any path prefix.
 *
 * The URL is the state: `?q=…&unit=…&category=…&year=…&page=…` (a facet may repeat). A run of
 * typing is one history entry (its first change adds the entry, the rest replace it); submitting
 * or leaving the box ends the run, and each filter change is an entry of its own, so the back
 * button returns to the previous search.
 */
import { FACETS, type FacetName, type StoredDoc } from '../format.ts';
import { queryTerms } from '../tokenize.ts';
import { answer } from './answer.ts';
import { element, FACET_LEGEND } from './dom.ts';
import { httpLoader, SearchIndex, type Filters, type Results } from './engine.ts';
import { excerpt, highlight, type Segment } from './highlight.ts';
import { offersFor } from './offers.ts';

/** The manifest sits beside this script; links to items are resolved against the site root above it. */
const MANIFEST = new URL('index.bin', import.meta.url);
const SITE_ROOT = new URL('../', import.meta.url);

/** Opens the site's index; with `answer`, what the benchmark drives. */
export const openIndex = (): Promise<SearchIndex> => SearchIndex.open(httpLoader(MANIFEST));
export { answer };

const TYPING_DELAY_MS = 150;

interface State {
  q: string;
  filters: Record<FacetName, string[]>;
  /** Results pages shown (load more adds one). */
  pages: number;
}

function stateOf(url: URL): State {
  const params = url.searchParams;
  const filters = {} as Record<FacetName, string[]>;
  for (const facet of FACETS) filters[facet] = params.getAll(facet);
  return { q: params.get('q') ?? '', filters, pages: Math.max(1, Math.min(50, Number(params.get('page')) || 1)) };
}

function urlOf(state: State): string {
  const params = new URLSearchParams();
  if (state.q !== '') params.set('q', state.q);
  for (const facet of FACETS) for (const value of state.filters[facet]) params.append(facet, value);
  if (state.pages > 1) params.set('page', String(state.pages));
  const query = params.toString();
  return `${location.pathname}${query ? `?${query}` : ''}`;
}

/** Text with its matches in <mark>: text nodes only, never HTML. */
function marked(segments: readonly Segment[]): (Node | string)[] {
  return segments.map((segment) => (segment.mark ? element('mark', {}, segment.text) : segment.text));
}

class SearchPage {
  private index: SearchIndex | undefined;
  private results: Results | undefined;
  /** Increases with every search, so a slow answer to an old query is dropped. */
  private generation = 0;
  private typingTimer: ReturnType<typeof setTimeout> | undefined;
  /** The current history entry was made by typing: more typing replaces it. */
  private typing = false;

  private readonly form: HTMLFormElement;
  private readonly input: HTMLInputElement;
  private readonly facets: HTMLElement;
  private readonly status: HTMLElement;
  private readonly offers: HTMLElement;
  private readonly list: HTMLOListElement;
  private readonly more: HTMLButtonElement;

  constructor(private readonly root: HTMLElement) {
    const find = <T extends Element>(selector: string) => {
      const found = root.querySelector<T>(selector);
      if (!found) throw new Error(`search page: no ${selector}`);
      return found;
    };
    this.form = find('form');
    this.input = find('input[name="q"]');
    this.facets = find('.search-facets');
    this.status = find('.search-status');
    this.offers = find('.search-offers');
    this.list = find('.search-results');
    this.more = find('.search-more');
  }

  async start(): Promise<void> {
    this.root.hidden = false;
    const state = stateOf(new URL(location.href));
    this.input.value = state.q;
    this.say('正在载入搜索索引…');
    try {
      this.index = await openIndex();
    } catch {
      this.say('搜索索引载入失败，请刷新页面重试。');
      return;
    }
    // Values the index does not have (a unit renamed since the link was made) have no box to
    // untick: they leave the URL rather than filter everything out.
    const known = { ...state, filters: this.index.knownFilters(state.filters) };
    if (urlOf(known) !== urlOf(state)) history.replaceState(null, '', urlOf(known));
    this.renderFacets(known.filters);
    this.input.addEventListener('input', () => {
      clearTimeout(this.typingTimer);
      this.typingTimer = setTimeout(() => void this.commit(this.typing ? 'replace' : 'push', true), TYPING_DELAY_MS);
    });
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      clearTimeout(this.typingTimer);
      void this.commit(this.typing ? 'replace' : 'push', false);
    });
    // Leaving the box ends a run of typing: the next one is a search of its own in the history.
    this.input.addEventListener('blur', () => (this.typing = false));
    this.facets.addEventListener('change', () => void this.commit('push', false));
    this.more.addEventListener('click', () => void this.loadMore());
    addEventListener('popstate', () => {
      const restored = stateOf(new URL(location.href));
      this.input.value = restored.q;
      this.setFilters(restored.filters);
      this.typing = false;
      void this.run(restored);
    });
    await this.run(known);
  }

  private currentState(): State {
    const filters = {} as Record<FacetName, string[]>;
    for (const facet of FACETS) {
      filters[facet] = [...this.facets.querySelectorAll<HTMLInputElement>(`input[name="${facet}"]:checked`)].map((box) => box.value);
    }
    return { q: this.input.value.trim(), filters, pages: 1 };
  }

  /** Puts the form's state in the URL and searches. */
  private async commit(mode: 'push' | 'replace', typing: boolean): Promise<void> {
    const state = this.currentState();
    const url = urlOf(state);
    this.typing = typing;
    if (url === `${location.pathname}${location.search}` && this.results) return;
    if (mode === 'push') history.pushState(null, '', url);
    else history.replaceState(null, '', url);
    await this.run(state);
  }

  private renderFacets(selected: Filters): void {
    const manifest = this.index!.manifest;
    this.facets.replaceChildren();
    for (const facet of FACETS) {
      const values = manifest.facets[facet];
      if (values.length === 0) continue;
      const chosen = new Set(selected[facet] ?? []);
      const boxes = values.map((value) =>
        element(
          'li',
          {},
          element('label', {}, element('input', { type: 'checkbox', name: facet, value: value.name, checked: chosen.has(value.name) }), ` ${value.label}`),
        ),
      );
      const summary = element('summary', {}, FACET_LEGEND[facet]);
      const fieldset = element('fieldset', {}, element('legend', { className: 'visually-hidden' }, FACET_LEGEND[facet]), element('ul', {}, ...boxes));
      const details = element('details', { className: `search-facet search-facet-${facet}`, open: chosen.size > 0 }, summary, fieldset);
      this.facets.append(details);
    }
    this.updateFacetSummaries();
  }

  private setFilters(filters: Record<FacetName, string[]>): void {
    for (const box of this.facets.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')) {
      box.checked = filters[box.name as FacetName]?.includes(box.value) ?? false;
    }
  }

  /** "来源单位（已选 2）" on a facet's summary, so a closed facet still says it filters. */
  private updateFacetSummaries(): void {
    for (const details of this.facets.querySelectorAll('details')) {
      const facet = details.querySelector<HTMLInputElement>('input')?.name as FacetName;
      const n = details.querySelectorAll('input:checked').length;
      details.querySelector('summary')!.textContent = n > 0 ? `${FACET_LEGEND[facet]}（已选 ${n}）` : FACET_LEGEND[facet];
    }
  }

  private say(text: string): void {
    this.status.textContent = text;
  }

  private async run(state: State): Promise<void> {
    const generation = ++this.generation;
    this.updateFacetSummaries();
    const index = this.index!;
    const filters = state.filters;
    const filtered = FACETS.some((facet) => filters[facet].length > 0);
    const terms = queryTerms(state.q);
    if (terms.length === 0 && !filtered) {
      this.results = undefined;
      this.list.replaceChildren();
      this.offers.replaceChildren();
      this.more.hidden = true;
      this.say('请输入要查找的字词，多个词用空格分开；也可以只按来源单位、栏目或年份筛选。');
      return;
    }
    this.root.setAttribute('aria-busy', 'true');
    try {
      const found = await answer(index, state.q, filters, state.pages);
      const offers = offersFor(state, found, this.index!.manifest, {
        filterBy: (offer) => {
          this.input.value = queryTerms(state.q).filter((term) => term !== offer.term).join(' ');
          const box = [...this.facets.querySelectorAll<HTMLInputElement>(`input[name="${offer.facet}"]`)].find((b) => b.value === offer.name);
          if (box) box.checked = true;
          void this.commit('push', false);
        },
        search: (q) => {
          this.input.value = q;
          void this.commit('push', false);
        },
      });
      if (generation !== this.generation) return;
      this.results = found.results;
      this.list.replaceChildren(...found.hits.map((hit) => this.renderHit(hit.doc)));
      this.more.hidden = found.results.done;
      this.announce(found.results.terms.map((t) => t.term), filtered, found.typedInPinyin, offers.said);
      this.offers.replaceChildren(...offers.nodes);
    } catch {
      if (generation === this.generation) this.say('搜索出错，请刷新页面重试。');
    } finally {
      if (generation === this.generation) this.root.removeAttribute('aria-busy');
    }
  }

  private async loadMore(): Promise<void> {
    const results = this.results;
    if (!results) return;
    const generation = this.generation;
    this.more.disabled = true;
    try {
      const hits = await results.more();
      if (generation !== this.generation) return;
      const items = hits.map((hit) => this.renderHit(hit.doc));
      this.list.append(...items);
      this.more.hidden = results.done;
      const state = stateOf(new URL(location.href));
      history.replaceState(null, '', urlOf({ ...state, pages: state.pages + 1 }));
      this.announce(results.terms.map((t) => t.term), false, undefined, '');
      // Keyboard users continue where the new results start.
      items[0]?.querySelector('a')?.focus();
    } catch {
      this.say('加载失败，请重试。');
    } finally {
      this.more.disabled = false;
    }
  }

  /**
   * The count in the live region. `filtered`: filters are set (said when nothing is found);
   * `typedInPinyin`: the query as typed, when the results are those of its characters; `offers`:
   * what is offered beside the results, in words.
   */
  private announce(terms: readonly string[], filtered: boolean, typedInPinyin: string | undefined, offers: string): void {
    const results = this.results!;
    const { value, approximate } = results.count;
    const quoted = terms.map((term) => `“${term}”`).join('');
    if (results.hits.length === 0 && results.done) {
      this.say(`${terms.length > 0 ? `没有找到包含${quoted}的信息${filtered ? '（在所选范围内）' : ''}。` : '所选范围内没有信息。'}${offers}`);
      return;
    }
    const count = `${approximate ? '约' : ''} ${value.toLocaleString('zh-CN')} 条`;
    const pinyin = typedInPinyin === undefined ? '' : `（按拼音“${typedInPinyin}”查找）`;
    this.say(`找到${count}${terms.length > 0 ? `包含${quoted}的` : ''}信息${pinyin}，已显示 ${results.hits.length} 条。${offers}`);
  }

  private renderHit(doc: StoredDoc): HTMLLIElement {
    const manifest = this.index!.manifest;
    const terms = this.results?.terms.map((t) => t.term) ?? [];
    const unit = manifest.facets.unit.find((value) => value.name === doc.n);
    const category = manifest.facets.category.find((value) => value.name === doc.c);
    const link = (url: string, ...children: (Node | string)[]) => element('a', { href: new URL(url, SITE_ROOT).href }, ...children);
    const field = (label: string, value: { label: string; url: string } | undefined) =>
      element('span', { className: 'meta-field' }, element('span', { className: 'meta-label' }, label), value ? link(value.url, value.label) : '');
    return element(
      'li',
      { className: 'summary' },
      element('h2', { className: 'summary-title' }, link(doc.u, ...marked(highlight(doc.t, terms)))),
      element('p', { className: 'meta' }, element('time', { dateTime: doc.d }, doc.s), field('来源单位：', unit), field('栏目：', category)),
      element('p', { className: 'summary-excerpt' }, ...marked(excerpt(doc.x, terms))),
    );
  }
}

const root = document.getElementById('search');
if (root) void new SearchPage(root).start();
