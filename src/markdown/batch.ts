/**
 * Renders every body of a build: from the cache when it has the job, else here. The renderer is
 * imported only when something must be rendered: a warm build never loads unified (0.8 s of
 * module loading).
 *
 * From WORKER_BODIES bodies to render on (a cold build of a large archive, or the first build
 * after the renderer changed), a worker thread (render-worker.ts, bundled) renders half of them
 * beside this thread. Below that, this thread alone: on the 2-core build machines,
 * `npm run bench:markdown` measured two threads with half of 4,000 or 6,000 bodies each taking
 * longer than one thread with all of them (speed-up 0.88), but 1.44 times faster at 10,000 and
 * 1.43 at 20,000 (bench/build/history.md, step 36). A cold build at 20,000 items: Markdown
 * 6.3–7.4 s → 4.7–5.4 s.
 */
import { fileURLToPath } from 'node:url';
import { workerAnswer } from '../cache/index.ts';
import { jobKey, type RenderCache } from './cache.ts';
import type { RenderedBody, RenderedMarkdown, RenderJob } from './render.ts';

const WORKER_ENTRY = fileURLToPath(new URL('render-worker.ts', import.meta.url));
/** From this many bodies to render, half of them go to the worker (see above). */
const WORKER_BODIES = 10_000;

export interface RenderAllOptions {
  cache: RenderCache;
  /** Called as bodies are rendered, with the count so far and the total to render. */
  onProgress?: (done: number, total: number) => void;
  /** From how many bodies to render a worker thread renders half of them (default WORKER_BODIES). */
  workerFrom?: number;
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
    const here = [...toRender.values()];
    const share = here.length >= (options.workerFrom ?? WORKER_BODIES) ? here.splice(Math.floor(here.length / 2)) : [];
    const there = share.length > 0 ? workerAnswer<RenderedMarkdown[]>(WORKER_ENTRY, share, '正文转换') : undefined;
    const { renderMarkdown } = await import('./render.ts');
    let done = 0;
    for (const job of here) {
      cache.set(job, renderMarkdown(job.source, job));
      options.onProgress?.(++done, toRender.size);
    }
    if (there) {
      const rendered = await there;
      share.forEach((job, i) => cache.set(job, rendered[i]!));
      options.onProgress?.(toRender.size, toRender.size);
    }
  }
  return (job) => cache.get(job)!;
}
