/**
 * Process-tree figures read from Linux /proc, shared by the benchmarks (bench/search/, bench/pipeline/).
 * A build runs in a child process that may start children of its own (esbuild's service, Pagefind's
 * indexing binary) which its parent does not always wait for, so rusage from wait4 can miss them:
 * these read every process of the tree while it runs.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';

const read = (file: string): string => {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return ''; // The process (or thread) has just exited.
  }
};

/** Linux lists each thread's children in /proc/PID/task/TID/children (where CONFIG_PROC_CHILDREN is set). */
const hasChildrenFiles = existsSync(`/proc/${process.pid}/task/${process.pid}/children`);

/**
 * Pids of `root` and all its descendants. Synchronous reads: these files are tiny and polled every
 * 50 ms beside the build being measured, and promise-based reads cost several times the CPU.
 * Children are listed per thread (a worker thread's spawn is its own thread's child), so every
 * thread's list is read; without those lists, every process's parent is read from /proc instead.
 */
export function processTree(root: number): number[] {
  const childrenOf = (pid: number): number[] => {
    if (hasChildrenFiles) {
      const tasks = (() => {
        try {
          return readdirSync(`/proc/${pid}/task`);
        } catch {
          return [];
        }
      })();
      return tasks.flatMap((tid) => read(`/proc/${pid}/task/${tid}/children`).split(' ').filter(Boolean).map(Number));
    }
    return readdirSync('/proc')
      .filter((name) => /^\d+$/.test(name))
      .filter((name) => {
        const stat = read(`/proc/${name}/stat`);
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid;
      })
      .map(Number);
  };
  const tree = [root];
  for (let i = 0; i < tree.length; i++) tree.push(...childrenOf(tree[i]!));
  return tree;
}

export interface TreePeaks {
  /** The largest single process's peak RSS. */
  largestKB: number;
  /** The sum of every process's peak: an upper bound for the tree, as peaks need not coincide. */
  sumKB: number;
}

/**
 * Polls the peak RSS (VmHWM, kept by the kernel, so nothing between polls is lost for a process
 * that is still there at the next poll) of every process of `root`'s tree until `until` settles.
 * A process that starts and exits between two polls is missed. `skipRoot` leaves out the root
 * itself, for a wrapper such as /usr/bin/time.
 */
export async function pollPeakRss(root: number, until: Promise<unknown>, options: { intervalMs?: number; skipRoot?: boolean } = {}): Promise<TreePeaks> {
  const peaks = new Map<number, number>();
  let running = true;
  void until.finally(() => (running = false));
  while (running) {
    for (const pid of processTree(root)) {
      if (options.skipRoot && pid === root) continue;
      const hwm = /VmHWM:\s+(\d+) kB/.exec(read(`/proc/${pid}/status`));
      if (hwm) peaks.set(pid, Math.max(peaks.get(pid) ?? 0, Number(hwm[1])));
    }
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 100));
  }
  const kbs = [...peaks.values()];
  return { largestKB: Math.max(0, ...kbs), sumKB: kbs.reduce((a, b) => a + b, 0) };
}

/**
 * User + system CPU time so far of every process in the tree, in ms. /proc/<pid>/stat counts in
 * USER_HZ, 100 a second on every Linux architecture Node runs on, so this moves in steps of 10 ms.
 */
export function treeCpuMs(root: number): number {
  let ticks = 0;
  for (const pid of processTree(root)) {
    const stat = read(`/proc/${pid}/stat`);
    if (!stat) continue;
    // Fields after the command name: state is field 3, utime field 14, stime field 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks * 10;
}

/** Sends `signal` to the process group led by `pid` (a child spawned detached); nothing if it is gone. */
export function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // The group has ended already.
  }
}
