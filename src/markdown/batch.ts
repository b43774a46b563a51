/**
 * Renders every Markdown source of a build: from the cache when it has the source, else here.
 * The renderer is imported only when something must be rendered: a warm build never loads
 * unified (0.8 s of module loading).
 *
 * On this thread, not in worker threads: measured on the 2-core build machines, two workers
 * rendering 4,000 bodies took 4.7–7.2 s and as much CPU, one worker 3.1–4.8 s, this thread
 * 2.4 s (bench/results.md).
 */
import type { Content } from '../content/index.ts';
import type { RenderCache } from './cache.ts';
import type { RenderedMarkdown } from './render.ts';

export interface RenderAllOptions {
  cache: RenderCache;
  /** Called as sources are rendered, with the count so far and the total to render. */
  onProgress?: (done: number, total: number) => void;
}

/** Every distinct source rendered, by source. The cache learns every new result. */
export async function renderAll(sources: Iterable<string>, options: RenderAllOptions): Promise<Map<string, RenderedMarkdown>> {
  const { cache } = options;
  const rendered = new Map<string, RenderedMarkdown>();
  const toRender = new Set<string>();
  for (const source of sources) {
    if (rendered.has(source) || toRender.has(source)) continue;
    const hit = cache.get(source);
    if (hit) rendered.set(source, hit);
    else toRender.add(source);
  }
  if (toRender.size === 0) return rendered;
  const { renderMarkdown } = await import('./render.ts');
  let done = 0;
  for (const source of toRender) {
    const result = renderMarkdown(source);
    rendered.set(source, result);
    cache.set(source, result);
    options.onProgress?.(++done, toRender.size);
  }
  return rendered;
}

/**
 * Every body of `content` (items and the issues' notes) rendered, as the lookup the site
 * structure takes (`buildSite`'s `render`).
 */
export async function renderContent(content: Content, options: RenderAllOptions): Promise<(source: string) => RenderedMarkdown> {
  const rendered = await renderAll([...content.items.map((item) => item.body), ...content.issues.map((issue) => issue.note)], options);
  return (source) => rendered.get(source)!;
}
