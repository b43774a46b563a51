/**
 * Files of the build cache (`.cache/build`): one V8-serialized value per file, written
 * atomically. A missing or unreadable file reads as nothing: a cache can cost time, never a build.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { replaceFile } from '../files/index.ts';

export function readCached(dir: string | undefined, name: string): unknown {
  if (!dir) return undefined;
  try {
    return deserialize(readFileSync(path.join(dir, name)));
  } catch {
    return undefined;
  }
}

/**
 * Writes `value` as `name` in `dir`. With `replacing`, removes the other files whose name starts
 * with it: those of earlier code versions (`markdown-<version>.bin`), which no build reads again.
 */
export async function writeCached(dir: string, name: string, value: unknown, replacing?: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  await replaceFile(path.join(dir, name), serialize(value));
  if (replacing === undefined) return;
  for (const other of readdirSync(dir)) {
    if (other !== name && other.startsWith(replacing)) await rm(path.join(dir, other), { force: true });
  }
}

export async function removeCached(dir: string | undefined, name: string): Promise<void> {
  if (dir) await rm(path.join(dir, name), { force: true });
}
