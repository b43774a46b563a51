/** Every body of a build rendered once: from the cache, in this thread, or half of them in a worker thread. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderAll, RenderCache, type RenderJob } from '../../src/markdown/index.ts';
import { renderMarkdown } from '../../src/markdown/render.ts';

const fixture = (name: string) => readFileSync(new URL(`fixtures/${name}`, import.meta.url), 'utf8');

/** Bodies with each kind of option a job has: an id prefix, links to other pages, files beside it. */
const jobs: RenderJob[] = [
  { source: fixture('bulletin.md') },
  { source: fixture('habits.md') },
  { source: '注释在此[^1]。\n\n[^1]: 见附件。', idPrefix: 'x7-' },
  { source: '详见[上一期](../02/01-jiedao.md)。', pageLinks: { '../02/01-jiedao.md': '/issues/2021/02/jie-dao/' } },
  {
    source: '![施工现场](现场照片.jpg)\n\n[附件1：实施方案.pdf](附件1：实施方案.pdf)',
    files: {
      '现场照片.jpg': { kind: 'image', src: '/p/x-960.jpg', width: 960, height: 720, srcset: '/p/x-480.jpg 480w', sources: [], full: '/p/x-1600.jpg' },
      '附件1：实施方案.pdf': { kind: 'attachment', href: '/p/fu-jian-1.pdf', name: '附件1：实施方案.pdf', note: '（PDF，1.2 MB）' },
    },
  },
  { source: '1~2月，全区完成**投资**5~8亿元。' },
];

describe('renderAll', () => {
  it('renders each job as renderMarkdown does, once, and the cache learns every result', async () => {
    const cache = RenderCache.open(undefined);
    const progress: number[] = [];
    const render = await renderAll([...jobs, jobs[0]!], { cache, onProgress: (done, total) => progress.push(done, total) });
    for (const job of jobs) expect(render(job)).toMatchObject(renderMarkdown(job.source, job));
    expect(progress.filter((_, i) => i % 2 === 1)).toEqual(jobs.map(() => jobs.length));
    expect(progress.at(-2)).toBe(jobs.length);
    const again: number[] = [];
    await renderAll(jobs, { cache, onProgress: (done) => again.push(done) });
    expect(again).toEqual([]);
  });

  it('gives the same bodies and keys when a worker thread renders half of them', async () => {
    const here = await renderAll(jobs, { cache: RenderCache.open(undefined), workerFrom: Infinity });
    const progress: number[] = [];
    const split = await renderAll(jobs, { cache: RenderCache.open(undefined), workerFrom: 2, onProgress: (done) => progress.push(done) });
    for (const job of jobs) expect(split(job)).toEqual(here(job));
    // This thread's half one by one, then the worker's all at once.
    expect(progress).toEqual([1, 2, 3, jobs.length]);
  });

  it('keeps this thread for fewer bodies than the bound', async () => {
    const progress: number[] = [];
    await renderAll(jobs, { cache: RenderCache.open(undefined), workerFrom: jobs.length + 1, onProgress: (done) => progress.push(done) });
    expect(progress).toEqual(jobs.map((_, i) => i + 1));
  });
});
