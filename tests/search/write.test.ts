/** The search client comes from the build cache when it holds this version of the code's, else from esbuild, kept there. */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { afterEach, describe, expect, it } from 'vitest';
import { currentCodeVersion } from '../../src/cache/hash.ts';
import { bundleClient, searchClient } from '../../src/search/write.ts';

let dir: string | undefined;
const cacheDir = () => (dir = mkdtempSync(path.join(os.tmpdir(), 'bulletin-client-')));
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});
const name = () => `search-client-${currentCodeVersion()}.bin`;

describe('searchClient', () => {
  it('bundles the client and keeps it under the code’s version, removing other versions’', async () => {
    const cache = cacheDir();
    writeFileSync(path.join(cache, 'search-client-older.bin'), serialize(new Uint8Array([1])));
    const client = await searchClient(cache);
    expect(Buffer.from(client)).toEqual(Buffer.from(await bundleClient()));
    expect(readdirSync(cache)).toEqual([name()]);
    expect(Buffer.from(deserialize(readFileSync(path.join(cache, name()))) as Uint8Array)).toEqual(Buffer.from(client));
  }, 30_000);

  it('takes the client the cache holds for this version, without bundling', async () => {
    const cache = cacheDir();
    const planted = new TextEncoder().encode('/* planted */');
    writeFileSync(path.join(cache, name()), serialize(planted));
    expect(new TextDecoder().decode(await searchClient(cache))).toBe('/* planted */');
  });

  it('bundles again over a cached file that is not a client, and without a cache folder', async () => {
    const cache = cacheDir();
    writeFileSync(path.join(cache, name()), 'not serialized');
    const bundled = Buffer.from(await bundleClient());
    expect(Buffer.from(await searchClient(cache))).toEqual(bundled);
    expect(Buffer.from(deserialize(readFileSync(path.join(cache, name()))) as Uint8Array)).toEqual(bundled);
    expect(Buffer.from(await searchClient(undefined))).toEqual(bundled);
  }, 30_000);
});
