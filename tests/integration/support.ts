/** Helpers for the integration suites: temp folders, the CLI as a child process, file trees by hash. */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { listTree } from '../../src/files/tree.ts';

export const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Generous: a build takes about a second; these only stop a hung one. */
export const BUILD_TIMEOUT = 60_000;

export function tempDir(label: string): Promise<string> {
  return mkdtemp(path.join(tmpdir(), `bulletin-it-${label}-`));
}

export function removeDir(dir: string | undefined): Promise<void> {
  return dir ? rm(dir, { recursive: true, force: true }) : Promise.resolve();
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** `npm run build` as a clerk runs it, from the project root: `node src/launch.mjs src/tools/build.ts …`. */
export function runCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return runScript('src/tools/build.ts', args, env);
}

/** Any of the project's commands (`src/tools/check.ts`, …) as npm runs it, from the project root. */
export function runScript(script: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['src/launch.mjs', script, ...args],
      { cwd: PROJECT_ROOT, env: { ...process.env, ...env }, timeout: BUILD_TIMEOUT, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout: String(stdout), stderr: String(stderr) });
      },
    );
  });
}

/** Relative path → sha256 of the bytes, for every file under `dir`. */
export async function hashTree(dir: string): Promise<Record<string, string>> {
  const hashes: Record<string, string> = {};
  for (const file of listTree(dir)) {
    hashes[file] = createHash('sha256').update(await readFile(path.join(dir, file))).digest('hex');
  }
  return hashes;
}
