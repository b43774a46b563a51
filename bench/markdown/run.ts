/**
 * `npm run bench:markdown`: what the Markdown step of a cold build can cost at best on this machine
 * (issue #18's floor). On the bench corpus's bodies, each case in worker threads or child processes
 * running bundled JavaScript (as the build's workers do), loaded and warmed up before the clock
 * starts, the cases alternating run by run:
 * - our renderer (src/markdown/render.ts: the unified stack the project is fixed to, remark-parse
 *   to rehype-stringify) against markdown-it as plain Eleventy 3.1.8 runs it (`html: true`), one
 *   thread each;
 * - our renderer in two threads, and in two processes, each with half of the bodies, against one
 *   thread with all of them;
 * - the same for a loop of arithmetic that allocates nothing, to tell whether the machine has a
 *   second core to give, or only gives it to work that does not allocate.
 *
 *   --items N   corpus size (default 4000)
 *   --runs N    runs of each case (default 5)
 *
 * Prints each case's median wall time (min–max) and the speed-up of two threads or processes over
 * one thread; bench/build/history.md (step 36) quotes them.
 */
import { fork, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { bundleFor } from '../../src/cache/bundle.mjs';
import { generateCorpus } from '../corpus/generate.ts';
import { median } from '../stats.ts';
import type { Task } from './render-worker.ts';

const { values } = parseArgs({ options: { items: { type: 'string', default: '4000' }, runs: { type: 'string', default: '5' } } });
const ITEMS = Number(values.items);
const RUNS = Number(values.runs);
if (!(Number.isInteger(ITEMS) && ITEMS > 1 && Number.isInteger(RUNS) && RUNS > 0)) {
  console.error('usage: npm run bench:markdown -- [--items 4000] [--runs 5]');
  process.exit(2);
}
/** Iterations of the arithmetic loop for one thread doing all of it: about as long as our renderer's run. */
const SPIN = 2_000_000_000;

const bodies = generateCorpus(ITEMS).items.map((item) => item.body);
const halves = [bodies.filter((_, i) => i % 2 === 0), bodies.filter((_, i) => i % 2 === 1)];

/** A worker thread or a child process running render-worker.ts's bundle with `task`. */
interface Runner {
  /** Starts the task. */
  go(): void;
  /** The next message: `ready` once loaded, then the task's result. */
  next(): Promise<unknown>;
  stop(): Promise<unknown>;
}

/** The messages of a thread or process, each kept until asked for; `answer` replies to some of them instead. */
function mailbox(source: Worker | ChildProcess, answer: (message: unknown) => boolean = () => false): () => Promise<unknown> {
  const kept: unknown[] = [];
  const waiting: { resolve: (message: unknown) => void; reject: (error: unknown) => void }[] = [];
  source.on('message', (message: unknown) => {
    if (answer(message)) return;
    const next = waiting.shift();
    if (next) next.resolve(message);
    else kept.push(message);
  });
  source.on('error', (error) => {
    for (const next of waiting.splice(0)) next.reject(error);
  });
  return () => (kept.length ? Promise.resolve(kept.shift()) : new Promise((resolve, reject) => waiting.push({ resolve, reject })));
}

function thread(task: Task): Runner {
  const worker = new Worker(entry, { workerData: task });
  return { go: () => worker.postMessage('go'), next: mailbox(worker), stop: () => worker.terminate() };
}

function child(task: Task): Runner {
  const forked = fork(entry, { serialization: 'advanced' });
  // It leaves once it has answered, maybe before it is stopped.
  const exited = new Promise((resolve) => forked.once('exit', resolve));
  // It asks for its task once it listens: one sent before would be lost.
  const next = mailbox(forked, (message) => {
    if (message !== 'task') return false;
    forked.send(task);
    return true;
  });
  const stop = () => {
    if (forked.connected) forked.disconnect();
    return exited;
  };
  return { go: () => forked.send('go'), next, stop };
}

/** Runners, each with its own task, loaded and warmed; then started together. Resolves to the wall time until the last is done. */
async function timed(start: (task: Task) => Runner, tasks: Task[]): Promise<number> {
  const runners = tasks.map(start);
  try {
    await Promise.all(runners.map((runner) => runner.next()));
    const begin = performance.now();
    const done = runners.map((runner) => runner.next());
    for (const runner of runners) runner.go();
    await Promise.all(done);
    return performance.now() - begin;
  } finally {
    await Promise.all(runners.map((runner) => runner.stop()));
  }
}

// Bundled as the build bundles its worker threads: no TypeScript loader in them.
const entry = await bundleFor(fileURLToPath(new URL('./render-worker.ts', import.meta.url)));
const ours = halves.map((part): Task => ({ kind: 'ours', bodies: part }));
const arithmetic: Task[] = [{ kind: 'spin', iterations: SPIN / 2 }, { kind: 'spin', iterations: SPIN / 2 }];
const cases: Record<string, [typeof thread, Task[]]> = {
  'markdown-it, 1 thread': [thread, [{ kind: 'markdown-it', bodies }]],
  'ours, 1 thread': [thread, [{ kind: 'ours', bodies }]],
  'ours, 2 threads (half each)': [thread, ours],
  'ours, 2 processes (half each)': [child, ours],
  'arithmetic, 1 thread': [thread, [{ kind: 'spin', iterations: SPIN }]],
  'arithmetic, 2 threads (half each)': [thread, arithmetic],
};
const times = new Map<string, number[]>(Object.keys(cases).map((name) => [name, []]));
const load = () => os.loadavg()[0]!.toFixed(2);
const loadBefore = load();
for (let run = 0; run < RUNS; run++) for (const [name, [start, tasks]] of Object.entries(cases)) times.get(name)!.push(await timed(start, tasks));

const ms = (x: number) => `${Math.round(x)} ms`;
const row = (name: string) => {
  const xs = times.get(name)!;
  return `| ${name} | ${ms(median(xs))} (${ms(Math.min(...xs))}–${ms(Math.max(...xs))}) |`;
};
const speedUp = (one: string, two: string) => (median(times.get(one)!) / median(times.get(two)!)).toFixed(2);
console.log(`${bodies.length} bodies of the bench corpus, ${RUNS} runs of each case; load average ${loadBefore} before, ${load()} after; ${os.cpus().length} CPUs.\n`);
console.log('| case | wall, median (min–max) |\n| --- | --- |');
for (const name of Object.keys(cases)) console.log(row(name));
console.log(`\nours ÷ markdown-it, 1 thread: ${(median(times.get('ours, 1 thread')!) / median(times.get('markdown-it, 1 thread')!)).toFixed(1)}`);
console.log(
  `speed-up over 1 thread: ours in 2 threads ${speedUp('ours, 1 thread', 'ours, 2 threads (half each)')}, in 2 processes ${speedUp('ours, 1 thread', 'ours, 2 processes (half each)')}; arithmetic in 2 threads ${speedUp('arithmetic, 1 thread', 'arithmetic, 2 threads (half each)')}`,
);
