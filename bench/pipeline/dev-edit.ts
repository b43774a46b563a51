/**
 * Rebuild latency of a watching dev build (src/tools/dev.ts --no-serve): a clerk edits one item's
 * title and waits for its page and every page that lists it.
 *
 * For each edit: every .html file under the output that contains the item's title is found first;
 * then the title in the item's Markdown file is changed to a new, unique one, and the latency is the
 * time from that write until every one of those files contains the new title (read every 10 ms).
 * Edits run one after another, each after the previous rebuild has gone quiet (the tree's CPU idle
 * for a second), so that each starts from an idle watcher and a slowdown from edit to edit shows.
 */
import { spawn } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileSlug } from '../../src/content/slug.ts';
import type { CorpusItem } from '../corpus/generate.ts';
import { signalGroup, treeCpuMs } from '../proc.ts';
import { listOutput, type Invocation } from './measure.ts';

export interface DevEdit {
  /** The item's Markdown file, relative to the content folder. */
  file: string;
  /** Pages that contained the title before the edit, and so must be rewritten. */
  pages: number;
  /** From the write until all of them show the new title; null when they did not within the timeout (or there were none). */
  latencyMs: number | null;
  /** From the write until the dev build's CPU went idle (its whole rebuild, ± 0.1 s). */
  settledMs: number;
}

export interface DevResult {
  /** From the start of dev.ts until its first build was written and it went idle (watcher ready). */
  startupMs: number;
  edits: DevEdit[];
  /** Why it could not be measured, when it could not. */
  skipped?: string;
}

const POLL_MS = 10;
/** CPU use of the tree under this, in a 100 ms sample, counts as idle: one clock tick is noise. */
const IDLE_CPU_MS = 10;
const IDLE_FOR_MS = 1000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Waits until the tree of `pid` has used no CPU for IDLE_FOR_MS (and `ready()` holds, when given);
 * returns the time the last busy sample was seen. Rejects when `exited` settles first or on timeout.
 */
async function waitIdle(pid: number, exited: Promise<unknown>, timeoutMs: number, ready?: () => Promise<boolean>): Promise<number> {
  let gone = false;
  void exited.finally(() => (gone = true));
  const start = performance.now();
  let cpu = treeCpuMs(pid);
  let lastBusy = performance.now();
  for (;;) {
    await sleep(100);
    if (gone) throw new Error('the dev build exited');
    const now = performance.now();
    if (now - start > timeoutMs) throw new Error(`not idle after ${timeoutMs / 1000} s`);
    const next = treeCpuMs(pid);
    if (next - cpu > IDLE_CPU_MS) lastBusy = now;
    cpu = next;
    if (now - lastBusy >= IDLE_FOR_MS && (!ready || (await ready()))) return lastBusy;
  }
}

/**
 * `count` items spread over the corpus, whose title has nothing HTML escapes. Titles repeat in a
 * large corpus, so each is first given a title of its own (see measureDevEdits).
 */
export function pickEditableItems(items: readonly CorpusItem[], count: number): CorpusItem[] {
  const picked: CorpusItem[] = [];
  for (let e = 0; e < count; e++) {
    // Starting points 95 %, 5 %, 50 %, 25 %, 75 %, … of the way through the corpus (oldest first).
    const fraction = [0.95, 0.05, 0.5, 0.25, 0.75][e] ?? (e + 0.5) / count;
    for (let k = Math.floor(fraction * items.length); k < items.length; k++) {
      if (!picked.includes(items[k]!) && !/[&<>"']/.test(items[k]!.title)) {
        picked.push(items[k]!);
        break;
      }
    }
  }
  return picked;
}

/** Waits until the item's own page shows `text` (the preparation edit, not measured). */
async function rewrittenItemPage(outDir: string, item: CorpusItem, text: string, timeoutMs: number): Promise<void> {
  const page = path.join(outDir, item.issue, fileSlug(item.fileName), 'index.html');
  const start = performance.now();
  while (performance.now() - start < timeoutMs) {
    if ((await readFile(page, 'utf8').catch(() => '')).includes(text)) return;
    await sleep(100);
  }
  throw new Error(`the preparation edit (${text}) did not reach ${page} within ${timeoutMs / 1000} s`);
}

async function pagesContaining(outDir: string, text: string): Promise<string[]> {
  const { html } = await listOutput(outDir);
  const found: string[] = [];
  for (const file of html) if ((await readFile(file, 'utf8')).includes(text)) found.push(file);
  return found;
}

/** A file's identity and state, to read it again only once it has changed. */
const version = (file: string) => {
  try {
    const st = statSync(file);
    return `${st.ino} ${st.mtimeMs} ${st.size}`;
  } catch {
    return 'missing';
  }
};

/**
 * Polls every POLL_MS until every page contains `text`; returns the time from `t0`, or null after
 * the timeout. Only pages not yet done, and only those whose stat changed, are read again: the
 * poll shares two cores with the rebuild it measures.
 */
async function rewritten(pages: string[], text: string, t0: number, timeoutMs: number): Promise<number | null> {
  const pending = new Map(pages.map((p) => [p, '']));
  while (performance.now() - t0 < timeoutMs) {
    for (const [page, seen] of pending) {
      const now = version(page);
      if (now === seen) continue;
      pending.set(page, now);
      const html = (() => {
        try {
          return readFileSync(page, 'utf8');
        } catch {
          return '';
        }
      })();
      // A page read half-written is read again: its size or mtime changes once it is finished.
      if (html.includes(text)) pending.delete(page);
    }
    if (pending.size === 0) return performance.now() - t0;
    await sleep(POLL_MS);
  }
  return null;
}

/** Starts `dev`, makes one edit per item of `items`, stops it and puts every file back as it was. */
export async function measureDevEdits(dev: Invocation, options: { cwd: string; content: string; out: string; items: readonly CorpusItem[]; timeoutMs: number }): Promise<DevResult> {
  const started = performance.now();
  // Its own process group, so that stopping it stops whatever it started (and nothing else).
  const child = spawn(dev.command, dev.args, { cwd: options.cwd, env: { ...process.env, ...dev.env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const stop = (signal: NodeJS.Signals) => signalGroup(child.pid!, signal);
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000));
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  // Detached, it would outlive a bench stopped by Ctrl-C (run.ts turns signals into an exit).
  const stopOnExit = () => stop('SIGTERM');
  process.on('exit', stopOnExit);
  const originals = new Map<string, string>();
  const result: DevResult = { startupMs: 0, edits: [] };
  try {
    // Ready: pages written, and idle, so that the first build and the watcher's scan are over.
    result.startupMs = (await waitIdle(child.pid!, exited, 20 * options.timeoutMs, async () => (await listOutput(options.out)).html.length > 0)) - started;
    for (const [k, item] of options.items.entries()) {
      const file = path.join(item.issue, item.fileName);
      const source = path.join(options.content, file);
      const before = await readFile(source, 'utf8');
      if (!originals.has(source)) originals.set(source, before);
      // Unmeasured: a title no other item has, so that the pages showing this item can be found.
      const marked = `${item.title}（样${k + 1}）`;
      await writeFile(source, before.replace(`\ntitle: ${item.title}\n`, `\ntitle: ${marked}\n`));
      await rewrittenItemPage(options.out, item, marked, options.timeoutMs);
      await waitIdle(child.pid!, exited, 20 * options.timeoutMs);
      const pages = await pagesContaining(options.out, marked);
      const title = `${item.title}（改${k + 1}）`;
      const t0 = performance.now();
      await writeFile(source, before.replace(`\ntitle: ${item.title}\n`, `\ntitle: ${title}\n`));
      const latencyMs = pages.length === 0 ? null : await rewritten(pages, title, t0, options.timeoutMs);
      const settledMs = (await waitIdle(child.pid!, exited, 20 * options.timeoutMs)) - t0;
      result.edits.push({ file, pages: pages.length, latencyMs, settledMs });
    }
  } catch (error) {
    result.skipped = `${(error as Error).message}; its last output: ${output.trim().slice(-600)}`;
  } finally {
    stop('SIGTERM');
    if ((await Promise.race([exited.then(() => true), sleep(5000).then(() => false)])) === false) stop('SIGKILL');
    process.off('exit', stopOnExit);
    for (const [source, text] of originals) await writeFile(source, text);
  }
  return result;
}
