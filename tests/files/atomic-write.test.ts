/**
 * Nothing is lost: a new file never replaces an old one, and a replaced file is the old one or
 * the new one, whole, even when the writing process is killed halfway.
 */
import { spawn } from 'node:child_process';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAlreadyThere, replaceFile, writeNewFile } from '../../src/files/atomic-write.ts';
import { makeTempDir, removeDir } from '../helpers/tree.ts';
import { BUILD_TIMEOUT, PROJECT_ROOT } from '../integration/support.ts';

const MB = 1024 * 1024;
let dir: string;
beforeAll(async () => {
  dir = await makeTempDir('bulletin-atomic-');
});
afterAll(() => removeDir(dir));

describe('writeNewFile', () => {
  it('creates a file with the whole text and leaves no temporary file', async () => {
    const file = path.join(dir, 'new.md');
    await writeNewFile(file, '第一版。\n');
    expect(await readFile(file, 'utf8')).toBe('第一版。\n');
    expect(await readdir(dir)).toEqual(['new.md']);
  });

  it('never overwrites: the old file stays, the caller learns why, no temporary file is left', async () => {
    const folder = path.join(dir, 'exists');
    await mkdir(folder);
    const file = path.join(folder, '01-huiyi.md');
    await writeFile(file, '原来的信息。\n');
    const error = await writeNewFile(file, '新的信息。\n').catch((e: unknown) => e);
    expect(isAlreadyThere(error)).toBe(true);
    expect(await readFile(file, 'utf8')).toBe('原来的信息。\n');
    expect(await readdir(folder)).toEqual(['01-huiyi.md']);
  });
});

describe('replaceFile', () => {
  it('replaces the text and leaves no temporary file', async () => {
    const folder = path.join(dir, 'replace');
    await mkdir(folder);
    const file = path.join(folder, 'a.md');
    await writeFile(file, 'GBK 的旧字节');
    await replaceFile(file, '新的 UTF-8 文字');
    expect(await readFile(file, 'utf8')).toBe('新的 UTF-8 文字');
    expect(await readdir(folder)).toEqual(['a.md']);
  });

  it('when the rename fails, leaves what was there and cleans up after itself', async () => {
    const folder = path.join(dir, 'blocked');
    await mkdir(path.join(folder, 'a.md'), { recursive: true });
    await writeFile(path.join(folder, 'a.md', 'inside.txt'), 'x');
    await expect(replaceFile(path.join(folder, 'a.md'), 'text')).rejects.toThrow();
    expect(await readdir(folder)).toEqual(['a.md']);
    expect(await readFile(path.join(folder, 'a.md', 'inside.txt'), 'utf8')).toBe('x');
  });

  it('killed at any moment, leaves the old file or the new one, whole, never a truncated one', async () => {
    const folder = path.join(dir, 'crash');
    await mkdir(folder);
    const file = path.join(folder, 'item.md');
    // Kills at a few different moments of the write-flush-rename cycle.
    for (const delay of [0, 20, 100]) {
      const child = spawn(process.execPath, ['--import', 'tsx', 'tests/tools/fixtures/rewrite-loop.ts', file], { cwd: PROJECT_ROOT });
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          if (chunk.toString().includes('ready')) setTimeout(() => child.kill('SIGKILL'), delay);
        });
        child.on('exit', () => resolve());
        child.on('error', reject);
      });
      const bytes = await readFile(file);
      const whole = (bytes.length === 3 * MB && bytes.every((b) => b === 0x41)) || (bytes.length === 2 * MB && bytes.every((b) => b === 0x42));
      expect(whole, `after a kill at +${delay} ms the file has ${bytes.length} bytes`).toBe(true);
    }
    // Only the temporary files of the killed processes can be left, and they are hidden.
    for (const name of await readdir(folder)) expect(name === 'item.md' || /^\.item\.md\.\d+-[0-9a-f]+\.tmp$/.test(name)).toBe(true);
  }, BUILD_TIMEOUT);
});
