/**
 * Files of the build cache (`.cache/build`): one V8-serialized value per file, written
 * atomically. A missing or unreadable file reads as nothing: a cache can cost time, never a build.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { replaceFile } from '../files/index.ts';
import { currentCodeVersion } from './hash.ts';

export function readCached(dir: string | undefined, name: string): unknown {
  if (!dir) return undefined;
  try {
    return deserialize(readFileSync(path.join(dir, name)));
  } catch {
    return undefined;
  }
}

/** Writes `value` as `name` in `dir`. */
export async function writeCached(dir: string, name: string, value: unknown): Promise<void> {
  await mkdir(dir, { recursive: true });
  await replaceFile(path.join(dir, name), serialize(value));
}

/**
 * Removes the files and folders of `dir` named `<kind>-…` other than `keep`: those of earlier
 * code versions (`markdown-<version>/`, `load-<version>-items/`, a single-file cache of an earlier
 * layout), which no build reads again.
 */
export async function removeOtherVersions(dir: string, kind: string, keep: readonly string[]): Promise<void> {
  for (const other of readdirSync(dir)) {
    if (other.startsWith(`${kind}-`) && !keep.includes(other)) await rm(path.join(dir, other), { recursive: true, force: true });
  }
}

/** The file in which the build cache keeps a value of `kind` made by this version of the code: `<kind>-<version>.bin`. */
export const versionedName = (kind: string): string => `${kind}-${currentCodeVersion()}.bin`;

/** Writes `value` as this version's file of `kind`, and removes other versions' (removeOtherVersions). */
export async function writeVersioned(dir: string, kind: string, value: unknown): Promise<void> {
  const name = versionedName(kind);
  await writeCached(dir, name, value);
  await removeOtherVersions(dir, kind, [name]);
}

export async function removeCached(dir: string | undefined, name: string): Promise<void> {
  if (dir) await rm(path.join(dir, name), { force: true });
}
