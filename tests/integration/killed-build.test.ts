/**
 * A build killed halfway leaves the previous output intact, and the next build clears what it
 * left. The CLI is killed (SIGKILL: no chance to clean up) while Eleventy is writing pages into
 * the staging folder. A build killed between the two renames of the swap is recovered too.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILD_TIMEOUT, hashTree, PROJECT_ROOT, removeDir, runCli, tempDir } from './support.ts';
import { goodSite } from './publish/support.ts';

/** Names in `dir` that builds leave beside their output while they run. */
const leftovers = async (dir: string) => (await readdir(dir)).filter((name) => /^out\.(staging|old)-/.test(name));

/** Whether the staging folder holds at least one page: Eleventy is writing. */
async function writingPages(dir: string): Promise<string | undefined> {
  for (const name of await leftovers(dir)) {
    const files = await readdir(path.join(dir, name), { recursive: true }).catch(() => []);
    if (files.some((f) => String(f).endsWith('.html'))) return name;
  }
  return undefined;
}

/** A process id that is certainly no longer running: that of a child that has exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.on('exit', resolve));
  return child.pid!;
}

describe('a build killed while Eleventy writes the pages', () => {
  let dir: string;
  let content: string;
  let out: string;
  let before: Record<string, string>;
  let killed: { signal: NodeJS.Signals | null; staging: string | undefined; stderr: string };

  beforeAll(async () => {
    dir = await tempDir('killed');
    // One item per list page: over 250 pages, so that Eleventy is still writing when it is killed.
    ({ content, out, before } = await goodSite(dir, { pageSize: 1 }));
    // A changed title, so that a build that got through would show.
    const file = path.join(content, '2021', '02', 'index.md');
    await writeFile(file, (await readFile(file, 'utf8')).replace(/^title: .*$/m, 'title: 改过的标题'), 'utf8');

    const child = spawn(process.execPath, ['src/launch.mjs', 'src/tools/build.ts', '--content', content, '--out', out], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, SITE_URL: '' },
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_, signal) => resolve(signal)));
    let staging: string | undefined;
    while (child.exitCode === null && child.signalCode === null && !staging) {
      staging = await writingPages(dir);
      if (!staging) await new Promise((resolve) => setTimeout(resolve, 5));
    }
    child.kill('SIGKILL');
    killed = { signal: await exited, staging, stderr };
  }, 2 * BUILD_TIMEOUT);
  afterAll(() => removeDir(dir));

  it('was killed with pages half written', async () => {
    expect(killed.signal, killed.stderr).toBe('SIGKILL');
    expect(killed.staging).toMatch(/^out\.staging-\d+$/);
    // Still there: the build never reached the swap, nor its own cleaning up.
    expect(existsSync(path.join(dir, killed.staging!))).toBe(true);
  });

  it('left the previous output byte for byte as it was', async () => {
    expect(await hashTree(out)).toEqual(before);
  });

  it('the next build clears the leftover staging folder and swaps in the new site', async () => {
    const next = await runCli(['--content', content, '--out', out], { SITE_URL: '' });
    expect(next.code, next.stderr).toBe(0);
    expect(await leftovers(dir)).toEqual([]);
    expect(await readFile(path.join(out, '2021', '02', 'index.html'), 'utf8')).toContain('改过的标题');
  }, BUILD_TIMEOUT);
});

describe('a build killed between the two renames of the swap', () => {
  // The swap parks the old output as out.old-<pid>, then renames the staging folder to out.
  // Killed in between, there is no out/: the next build puts the parked output back first.
  let dir: string;
  let content: string;
  let out: string;
  let before: Record<string, string>;

  beforeAll(async () => {
    dir = await tempDir('killed-swap');
    ({ content, out, before } = await goodSite(dir));
    await rename(out, path.join(dir, `out.old-${await deadPid()}`));
    // Broken content: the next build stops at validation, so only the recovery can bring out/ back.
    const file = path.join(content, '2021', '01', '03-tonghang-kaigong.md');
    await writeFile(file, (await readFile(file, 'utf8')).replace(/^date: .*$/m, 'date: 2021-02-30'), 'utf8');
  }, BUILD_TIMEOUT);
  afterAll(() => removeDir(dir));

  it('even a build that fails at validation restores the previous output', async () => {
    const next = await runCli(['--content', content, '--out', out], { SITE_URL: '' });
    expect(next.code).toBe(1);
    expect(await hashTree(out)).toEqual(before);
    expect(await leftovers(dir)).toEqual([]);
  }, BUILD_TIMEOUT);
});
