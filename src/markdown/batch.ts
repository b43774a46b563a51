/**
 * Renders every body of a build: from the cache when it has the job, else here. The renderer is
 * imported only when something must be rendered: a warm build never loads unified (0.8 s of
 * module loading).
 *
 * On this thread, not in worker threads: measured on the 2-core build machines, two workers
 * rendering 4,000 bodies took 4.7–7.2 s and as much CPU, one worker 3.1–4.8 s, this thread
 * 2.4 s (bench/results.md). Measured again with the worker running bundled JavaScript (no tsx),
 * this thread and one worker sharing the bodies took 4.9–5.1 s, this thread alone 4.3–4.5 s: the
 * renderer allocates so much that the garbage collector's helper threads already keep the second
 * core busy (bench/build/history.md).
 */
import { jobKey, type RenderCache } from './cache.ts';
import type { RenderedBody, RenderJob } from './render.ts';

export interface RenderAllOptions {
  cache: RenderCache;
  /** Called as bodies are rendered, with the count so far and the total to render. */
  onProgress?: (done: number, total: number) => void;
}

/** A job's body, rendered or from the cache, with its key. */
export type RenderMarkdown = (job: RenderJob) => RenderedBody;

/**
 * Every job rendered, as the lookup the site structure takes (`buildSite`'s `render`), which
 * asks only for jobs among `jobs`. The cache learns every new result.
 */
export async function renderAll(jobs: Iterable<RenderJob>, options: RenderAllOptions): Promise<RenderMarkdown> {
  const { cache } = options;
  const toRender = new Map<string, RenderJob>();
  for (const job of jobs) if (cache.get(job) === undefined) toRender.set(jobKey(job), job);
  if (toRender.size > 0) {
    const { renderMarkdown } = await import('./render.ts');
    let done = 0;
    for (const job of toRender.values()) {
      cache.set(job, renderMarkdown(job.source, job));
      options.onProgress?.(++done, toRender.size);
    }
  }
  return (job) => cache.get(job)!;
}
