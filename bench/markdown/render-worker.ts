/**
 * One thread or process of `npm run bench:markdown` (run.ts): loads what its task runs and warms
 * it up, says it is ready, and on `go` runs the task, answering when it is done. A thread gets its
 * task as `workerData`, a process (forked, with an IPC channel) by asking for it.
 */
import MarkdownIt from 'markdown-it';
import { parentPort, workerData } from 'node:worker_threads';
import { renderMarkdown } from '../../src/markdown/render.ts';

export type Task = { kind: 'ours' | 'markdown-it'; bodies: string[] } | { kind: 'spin'; iterations: number };

/** Arithmetic that allocates nothing. */
function spin(iterations: number): number {
  let x = 0;
  for (let i = 0; i < iterations; i++) x += i % 7;
  return x;
}

// markdown-it as plain Eleventy 3.1.8 makes it (src/Engines/Markdown.js): raw HTML allowed.
const markdownIt = new MarkdownIt({ html: true });
const renderers = { ours: (body: string) => renderMarkdown(body).html, 'markdown-it': (body: string) => markdownIt.render(body) };

/** Messages to and from run.ts, by the worker's port or the process's channel. */
const channel = parentPort
  ? { send: (message: unknown) => parentPort!.postMessage(message), next: () => new Promise((resolve) => parentPort!.once('message', resolve)) }
  : { send: (message: unknown) => process.send!(message), next: () => new Promise((resolve) => process.once('message', resolve)) };

const asked = () => {
  const task = channel.next();
  channel.send('task');
  return task;
};
const task = (parentPort ? workerData : await asked()) as Task;
let run: () => number;
if (task.kind === 'spin') run = () => spin(task.iterations);
else {
  const render = renderers[task.kind];
  // The first bodies once before the clock starts, so that it times rendering, not compiling.
  for (const body of task.bodies.slice(0, 50)) render(body);
  run = () => task.bodies.reduce((bytes, body) => bytes + render(body).length, 0);
}
channel.send('ready');
await channel.next();
channel.send(run());
