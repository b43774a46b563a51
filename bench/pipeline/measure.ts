/**
 * One timed build in a child process, and what it wrote.
 *
 * CPU time comes from GNU time (/usr/bin/time), which reports the rusage of the child and of every
 * descendant it waited for: worker threads are in the same process, so they count; a child that is
 * not waited for (esbuild's service, ended when Node exits) may not, and it is small. Peak RSS is
 * polled from /proc for the whole tree (bench/proc.ts), so such children count there.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { pollPeakRss, signalGroup } from '../proc.ts';

const GNU_TIME = '/usr/bin/time';
export const hasGnuTime = existsSync(GNU_TIME);

export interface Invocation {
  command: string;
  args: string[];
  /** Added to the bench's own environment. */
  env?: Record<string, string>;
}

export interface Measured {
  ok: boolean;
  /** From spawning to the child's exit, as a person waiting for the build sees it. */
  wallMs: number;
  /** User + system time of the tree (GNU time's %U + %S); null where /usr/bin/time is missing. */
  cpuMs: number | null;
  /** Sum of the peaks of every process of the tree, polled every 100 ms; never below the largest's peak. */
  peakRssMB: number;
  /** The largest single process's peak (GNU time's %M where present, which cannot miss the end). */
  largestRssMB: number;
  /** The last lines the child printed, to say why it failed. */
  outputTail: string;
}

/** Runs `invocation` from `cwd`; GNU time writes its line to `timeFile` (not to the child's stderr). */
export async function timedRun(invocation: Invocation, cwd: string, timeFile: string): Promise<Measured> {
  const [command, args] = hasGnuTime
    ? [GNU_TIME, ['-f', '%e %U %S %M', '-o', timeFile, invocation.command, ...invocation.args]]
    : [invocation.command, invocation.args];
  const started = performance.now();
  // Its own process group, which an exit of the bench (run.ts turns Ctrl-C into one) ends with it.
  const child = spawn(command, args, { cwd, env: { ...process.env, ...invocation.env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const stop = () => signalGroup(child.pid!, 'SIGTERM');
  process.on('exit', stop);
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000));
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  // 'exit', not 'close': a grandchild that inherited the pipes may outlive the build by a moment.
  // Timed at the event: the poller below notices the exit only when its 100 ms sleep ends, which
  // put every wall figure up to 0.1 s late, in steps of 0.1 s.
  const exited = new Promise<{ code: number | null; at: number }>((resolve) => child.on('exit', (code) => resolve({ code, at: performance.now() })));
  // Under GNU time the root is `time` itself (a few MB): left out of the sum.
  const peaks = await pollPeakRss(child.pid!, exited, { intervalMs: 100, skipRoot: hasGnuTime });
  const { code, at } = await exited;
  process.off('exit', stop);
  const wallMs = at - started;

  let cpuMs: number | null = null;
  let largestKB = peaks.largestKB;
  if (hasGnuTime) {
    // The last line: GNU time puts "Command exited with non-zero status N" before it on failure.
    const line = (await readFile(timeFile, 'utf8').catch(() => '')).trim().split('\n').at(-1) ?? '';
    const [, user, system, maxKB] = line.split(' ').map(Number);
    if (user !== undefined && system !== undefined && maxKB !== undefined && [user, system, maxKB].every(Number.isFinite)) {
      cpuMs = (user + system) * 1000;
      largestKB = Math.max(largestKB, maxKB);
    }
    await rm(timeFile, { force: true });
  }
  return {
    ok: code === 0,
    wallMs,
    cpuMs,
    peakRssMB: Math.max(peaks.sumKB, largestKB) / 1024,
    largestRssMB: largestKB / 1024,
    outputTail: output,
  };
}

/** Paths of the .html files under `dir` (the pages a build wrote), and the number of all files. */
export async function listOutput(dir: string): Promise<{ html: string[]; files: number }> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  const files = entries.filter((e) => e.isFile());
  const html = files.filter((e) => e.name.endsWith('.html')).map((e) => path.join(e.parentPath, e.name));
  return { html, files: files.length };
}
