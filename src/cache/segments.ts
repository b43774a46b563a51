/**
 * A map kept in the build cache as segments, so that a build writes what changed, not the whole
 * map: a folder of numbered files, each a V8-serialized `{ base, set, deleted }`. Reading starts
 * at the last base segment and applies the later ones in order. A save writes one new segment with
 * the changes; once the changes on top of the base are many (more segments than MAX_SEGMENTS, or
 * more entries than half the base), it writes the whole map as a new base and removes the older
 * files. Each file is written atomically, so a build killed at any point leaves a readable map; an
 * unreadable folder reads as empty (a cache can cost time, never a build).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { replaceFile } from '../files/index.ts';

const MAX_SEGMENTS = 8;
const SEGMENT = /^(\d{6})\.bin$/;

interface Segment<V> {
  base: boolean;
  set: Map<string, V>;
  deleted: string[];
}

/** What was read, for the next save to know what it builds on. */
export interface SegmentedMap<V> {
  map: Map<string, V>;
  /** Entries in the segments since the base (changes the next compaction folds in). */
  pending: number;
  /** Number of the last segment read; -1 when there was none. */
  last: number;
  /** The base segment's number; -1 when there was none. */
  baseAt: number;
}

const numbered = (folder: string) =>
  readdirSync(folder)
    .map((name) => SEGMENT.exec(name))
    .filter((match) => match !== null)
    .map((match) => Number(match[1]))
    .sort((a, b) => a - b);

export function readSegments<V>(dir: string | undefined, name: string): SegmentedMap<V> {
  const empty: SegmentedMap<V> = { map: new Map(), pending: 0, last: -1, baseAt: -1 };
  if (!dir) return empty;
  const folder = path.join(dir, name);
  try {
    const numbers = numbered(folder);
    const segments = numbers.map((n) => [n, deserialize(readFileSync(path.join(folder, fileName(n)))) as Segment<V>] as const);
    const start = segments.findLastIndex(([, segment]) => segment.base);
    if (start < 0) return empty;
    const map = segments[start]![1].set;
    let pending = 0;
    for (const [, segment] of segments.slice(start + 1)) {
      for (const [key, value] of segment.set) map.set(key, value);
      for (const key of segment.deleted) map.delete(key);
      pending += segment.set.size + segment.deleted.length;
    }
    return { map, pending, last: numbers.at(-1)!, baseAt: segments[start]![0] };
  } catch {
    return empty;
  }
}

const fileName = (n: number) => `${String(n).padStart(6, '0')}.bin`;

/** Saves `map`, read as `read`, whose entries `set` were added or replaced and `deleted` removed since. */
export async function writeSegments<V>(
  dir: string,
  name: string,
  read: SegmentedMap<V>,
  map: ReadonlyMap<string, V>,
  changes: { set: ReadonlySet<string>; deleted: ReadonlySet<string> },
): Promise<void> {
  const folder = path.join(dir, name);
  await mkdir(folder, { recursive: true });
  const count = changes.set.size + changes.deleted.size;
  if (count === 0 && read.baseAt >= 0) return;
  const next = read.last + 1;
  const compact = read.baseAt < 0 || next - read.baseAt > MAX_SEGMENTS || read.pending + count > map.size / 2;
  const segment: Segment<V> = compact
    ? { base: true, set: new Map(map), deleted: [] }
    : { base: false, set: new Map([...changes.set].map((key) => [key, map.get(key)!])), deleted: [...changes.deleted] };
  await replaceFile(path.join(folder, fileName(next)), serialize(segment));
  if (!compact) return;
  for (const n of numbered(folder)) if (n < next) await rm(path.join(folder, fileName(n)), { force: true });
}
