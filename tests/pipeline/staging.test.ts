/**
 * The staging folder reaches the output in place: what was staged replaces or joins what was
 * there, what the site lost goes with the folders it leaves empty, and the rest is not touched.
 * A build killed halfway through that commit is finished by the next build, from its journal.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { listTree } from '../../src/files/tree.ts';
import { commitInPlace, recoverFromKilledBuilds } from '../../src/pipeline/staging.ts';
import { makeTempDir, removeDir, writeTree, type Tree } from '../helpers/tree.ts';
import { hashTree } from '../integration/support.ts';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await removeDir(dir);
});

/** A process id that is certainly no longer running: that of a child that has exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.on('exit', resolve));
  return child.pid!;
}

const LAST_OUTPUT: Tree = {
  'index.html': 'old home',
  'keep.html': 'kept',
  'a/index.html': 'old a',
  'b/index.html': 'b, gone from the site',
  'old/deep/x.html': 'gone too, with both its folders',
  'shared/y.html': 'gone; its folder keeps z',
  'shared/z.html': 'kept',
};
const STAGED: Tree = { 'index.html': 'new home', 'a/index.html': 'new a', 'n/deep/index.html': 'a new page' };
const REMOVE = ['b/index.html', 'old/deep/x.html', 'shared/y.html'];
/** What the commit must leave. */
const COMMITTED: Tree = {
  'index.html': 'new home',
  'keep.html': 'kept',
  'a/index.html': 'new a',
  'n/deep/index.html': 'a new page',
  'shared/z.html': 'kept',
};

/** An output and a staging folder named as a build of `pid` names it. */
async function setUp(pid: number) {
  const dir = await makeTempDir('bulletin-staging-');
  dirs.push(dir);
  const out = path.join(dir, 'dist');
  const staging = path.join(dir, `dist.staging-${pid}`);
  await writeTree(out, LAST_OUTPUT);
  await writeTree(staging, STAGED);
  const expected = await makeTempDir('bulletin-staging-expected-');
  dirs.push(expected);
  await writeTree(expected, COMMITTED);
  return { dir, out, staging, expected: await hashTree(expected) };
}

describe('commitInPlace', () => {
  it('moves the staged files in, removes the others asked with the folders they empty, and leaves no staging folder or journal', async () => {
    const { dir, out, staging, expected } = await setUp(process.pid);
    const kept = statSync(path.join(out, 'keep.html')).ino;
    const staged = statSync(path.join(staging, 'a/index.html')).ino;
    const touched = await commitInPlace(staging, out, REMOVE);
    expect(await hashTree(out)).toEqual(expected);
    expect(listTree(out)).toEqual(Object.keys(COMMITTED).sort());
    expect(existsSync(path.join(out, 'old'))).toBe(false);
    expect(existsSync(path.join(out, 'b'))).toBe(false);
    // Kept: the same file. Staged: moved, not copied.
    expect(statSync(path.join(out, 'keep.html')).ino).toBe(kept);
    expect(statSync(path.join(out, 'a/index.html')).ino).toBe(staged);
    expect(await readdir(dir)).toEqual(['dist']);
    expect([...touched].sort()).toEqual(['', 'a', 'b', 'n', 'n/deep', 'old', 'old/deep', 'shared']);
  });

  it('removes a stray folder whole', async () => {
    const { out, staging } = await setUp(process.pid);
    await writeTree(out, { 'stray/deep/file.html': 'added by hand' });
    await commitInPlace(staging, out, [...REMOVE, 'stray']);
    expect(existsSync(path.join(out, 'stray'))).toBe(false);
  });
});

describe('recoverFromKilledBuilds', () => {
  /** A commit of a build killed after its journal was written and `done` of its work was done. */
  async function killedCommit(done: (out: string, staging: string) => void) {
    const pid = await deadPid();
    const setup = await setUp(pid);
    writeFileSync(path.join(setup.dir, `dist.commit-${pid}.json`), JSON.stringify({ remove: REMOVE }));
    done(setup.out, setup.staging);
    return setup;
  }

  it.each([
    ['before it did anything', () => {}],
    [
      'halfway: a file removed, a folder emptied, a file moved',
      (out: string, staging: string) => {
        rmSync(path.join(out, 'b'), { recursive: true });
        renameSync(path.join(staging, 'a/index.html'), path.join(out, 'a/index.html'));
      },
    ],
    [
      'after every move, before its staging folder and journal went',
      (out: string, staging: string) => {
        for (const file of REMOVE) rmSync(path.join(out, file));
        for (const file of listTree(staging)) {
          mkdirSync(path.dirname(path.join(out, file)), { recursive: true });
          renameSync(path.join(staging, file), path.join(out, file));
        }
      },
    ],
  ])('finishes a commit killed %s', async (_, done) => {
    const { dir, out, expected } = await killedCommit(done);
    await recoverFromKilledBuilds(out);
    expect(await hashTree(out)).toEqual(expected);
    expect(await readdir(dir)).toEqual(['dist']);
  });

  it('leaves the commit of a build still running alone', async () => {
    const { dir, out } = await setUp(process.pid);
    const before = await hashTree(out);
    writeFileSync(path.join(dir, `dist.commit-${process.pid}.json`), JSON.stringify({ remove: REMOVE }));
    await recoverFromKilledBuilds(out);
    expect(await hashTree(out)).toEqual(before);
    expect((await readdir(dir)).sort()).toEqual(['dist', `dist.commit-${process.pid}.json`, `dist.staging-${process.pid}`]);
  });

  it('removes the staging folder of a build killed before its commit, leaving the output as it was', async () => {
    const { dir, out } = await setUp(await deadPid());
    const before = await hashTree(out);
    await recoverFromKilledBuilds(out);
    expect(await hashTree(out)).toEqual(before);
    expect(await readdir(dir)).toEqual(['dist']);
  });
});
