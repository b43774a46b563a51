/** Helpers for the integration suites: temp folders, the CLI as a child process, file trees by hash, the search index as readers get it. */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { listTree } from '../../src/files/tree.ts';
import { SearchIndex } from '../../src/search/client/engine.ts';
import { isGzip, type Manifest } from '../../src/search/format.ts';

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

/** The search index's manifest of the output `dir`. */
export async function searchManifest(dir: string): Promise<Manifest> {
  const bytes = await readFile(path.join(dir, 'search/index.bin'));
  return JSON.parse((isGzip(bytes) ? gunzipSync(bytes) : bytes).toString('utf8')) as Manifest;
}

/**
 * What readers get from the search index under `dir/search/`, read through the client: every
 * stored item by id, the facets, the pinyin files' folder, and the results of queries made of the
 * items' own titles and units (each character, each title's start), newest first. Two builds of
 * the same content give the same answers though one kept segments of an earlier index.
 */
export async function searchAnswers(dir: string): Promise<string> {
  const index = await SearchIndex.open((file) => readFile(path.join(dir, 'search', file)));
  const docs = await Promise.all(Array.from({ length: index.manifest.items }, (_, id) => index.doc(id)));
  const queries = new Set(docs.flatMap((doc) => [...`${doc.t}${doc.n}`, [...doc.t].slice(0, 4).join(''), [...doc.x].slice(10, 13).join('')]));
  const answers: string[] = [];
  for (const q of [...queries].sort()) {
    for (const filters of [{}, { unit: [docs[0]?.n ?? ''] }]) {
      const results = await index.search({ q, filters });
      while (!results.done) await results.more();
      answers.push(`${q} ${JSON.stringify(filters)}: ${results.hits.map((hit) => hit.id).join(' ')}`);
    }
  }
  return JSON.stringify({ docs, facets: index.manifest.facets, pinyin: index.manifest.pinyin, answers }, null, 1);
}

/**
 * `hashTree` of an output, with the search index's manifest and segments as `searchAnswers` reads
 * them (under the name `search/(answers)`): what a cached build must equal a fresh one in.
 */
export async function outputTree(dir: string): Promise<Record<string, string>> {
  const tree = await hashTree(dir);
  const manifest = Object.hasOwn(tree, 'search/index.bin');
  for (const file of Object.keys(tree)) if (/^search\/(index\.bin$|s\d+-)/.test(file)) delete tree[file];
  if (manifest) tree['search/(answers)'] = await searchAnswers(dir);
  return tree;
}
