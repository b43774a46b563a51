/**
 * The search index's document chunks as compressed before, by the SHA-256 of their JSON: gzip of
 * 20,000 one-item chunks took 2.1 s of a 5.3 s index, although a merge changes one of them (ids
 * shift, so every chunk is renamed, but its bytes stay the same). Kept in the build cache as
 * segments (src/cache/segments.ts), in one folder per index format and zlib version, since those
 * decide the bytes; an entry is the output of compressing exactly the text its key hashes, so it
 * can never be stale. `npm run dev` keeps the same map in memory from one save to the next.
 */
import { readSegments, removeOtherVersions, writeSegments, type SegmentedMap } from '../cache/index.ts';
import { FORMAT_VERSION } from './format.ts';
import type { SearchIndexFiles } from './indexer.ts';

const KIND = 'search-docs';
const FOLDER = `${KIND}-v${FORMAT_VERSION}-zlib${process.versions.zlib}`;

export class PackedDocs {
  private current: Map<string, Uint8Array>;

  private constructor(
    /** Where the cache's folder lives; undefined keeps it in memory only. */
    private readonly dir: string | undefined,
    private readonly read: SegmentedMap<Uint8Array>,
  ) {
    this.current = read.map;
  }

  /** The chunks kept in `dir`; empty when there are none yet or they cannot be read. */
  static open(dir: string | undefined): PackedDocs {
    return new PackedDocs(dir, readSegments<Uint8Array>(dir, FOLDER));
  }

  /** What the next index may take its chunks from (`IndexOptions.packedDocs`). */
  get known(): ReadonlyMap<string, Uint8Array> {
    return this.current;
  }

  /** The chunks of `index` become what is known, and what `save` keeps; the others are let go. */
  keep(index: SearchIndexFiles): void {
    this.current = new Map(index.docKeys.map((key, k) => [key, index.files.get(`${index.manifest.parts}d${k}.bin`)!]));
  }

  /** Writes the chunks not stored yet and the names of those let go; nothing when they are the ones read. */
  async save(): Promise<void> {
    if (!this.dir) return;
    const stored = this.read.map;
    const set = new Set([...this.current.keys()].filter((key) => !stored.has(key)));
    const deleted = new Set([...stored.keys()].filter((key) => !this.current.has(key)));
    await writeSegments(this.dir, FOLDER, this.read, this.current, { set, deleted });
    await removeOtherVersions(this.dir, KIND, [FOLDER]);
  }
}
