/** A map kept as segments: read back as saved, each save writing only its changes until a compaction. */
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readSegments, writeSegments } from '../../src/cache/segments.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'segments-'));
  dirs.push(dir);
  return dir;
}

/** Applies `change` to what is stored and saves it, as a build does. */
async function step(dir: string, change: (map: Map<string, string>) => { set?: string[]; deleted?: string[] }): Promise<Map<string, string>> {
  const read = readSegments<string>(dir, 'm');
  const map = new Map(read.map);
  const { set = [], deleted = [] } = change(map);
  await writeSegments(dir, 'm', read, map, { set: new Set(set), deleted: new Set(deleted) });
  return map;
}
const files = (dir: string) => readdirSync(path.join(dir, 'm')).sort();

describe('segments', () => {
  it('read back as saved, after additions, replacements and deletions', async () => {
    const dir = tempDir();
    const many = Array.from({ length: 100 }, (_, i) => `k${i}`);
    let expected = await step(dir, (map) => {
      for (const k of many) map.set(k, `v-${k}`);
      return { set: many };
    });
    expected = await step(dir, (map) => {
      map.set('k1', 'changed');
      map.set('new', 'added');
      map.delete('k2');
      return { set: ['k1', 'new'], deleted: ['k2'] };
    });
    expect(readSegments<string>(dir, 'm').map).toEqual(expected);
    expect(readSegments<string>(dir, 'm').map.get('k1')).toBe('changed');
    expect(readSegments<string>(dir, 'm').map.has('k2')).toBe(false);
  });

  it('write a small segment for a small change, not the whole map again', async () => {
    const dir = tempDir();
    const keys = Array.from({ length: 1000 }, (_, i) => `k${i}`);
    await step(dir, (map) => {
      for (const k of keys) map.set(k, 'x'.repeat(1000));
      return { set: keys };
    });
    await step(dir, (map) => {
      map.set('k0', 'y');
      return { set: ['k0'] };
    });
    const [base, delta] = files(dir).map((name) => statSync(path.join(dir, 'm', name)).size);
    expect(files(dir)).toEqual(['000000.bin', '000001.bin']);
    expect(delta!).toBeLessThan(base! / 100);
  });

  it('write nothing when nothing changed', async () => {
    const dir = tempDir();
    await step(dir, (map) => (map.set('a', '1'), { set: ['a'] }));
    await step(dir, () => ({}));
    expect(files(dir)).toEqual(['000000.bin']);
  });

  it('fold the changes into a new base once they are many, and remove the older files', async () => {
    const dir = tempDir();
    const keys = Array.from({ length: 100 }, (_, i) => `k${i}`);
    await step(dir, (map) => (keys.forEach((k) => map.set(k, '0')), { set: keys }));
    let expected = new Map<string, string>();
    for (let round = 1; round <= 9; round++) expected = await step(dir, (map) => (map.set(`k${round}`, String(round)), { set: [`k${round}`] }));
    expect(files(dir)).toEqual(['000009.bin']);
    expect(readSegments<string>(dir, 'm').map).toEqual(expected);
    // Half the map changed at once: a base again.
    expected = await step(dir, (map) => (keys.slice(0, 60).forEach((k) => map.set(k, 'many')), { set: keys.slice(0, 60) }));
    expect(files(dir)).toEqual(['000010.bin']);
    expect(readSegments<string>(dir, 'm').map).toEqual(expected);
  });

  it('read as empty when the folder is missing, or unreadable, never as part of a map', async () => {
    const dir = tempDir();
    expect(readSegments(undefined, 'm').map.size).toBe(0);
    expect(readSegments(dir, 'm').map.size).toBe(0);
    await step(dir, (map) => (map.set('a', '1'), { set: ['a'] }));
    writeFileSync(path.join(dir, 'm', '000001.bin'), 'not v8');
    expect(readSegments(dir, 'm').map.size).toBe(0);
  });
});
