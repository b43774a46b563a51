/**
 * Content-addressed cache of rendered Markdown. An entry is keyed by the SHA-256 of its source and options;
 * the whole cache belongs to one pipeline version: the hash of the renderer's own source files
 * and of the lockfile, so a changed plugin, option or dependency starts an empty cache instead
 * of serving output the current pipeline would not produce.
 *
 * One folder of segments per version (`markdown-<version>/`, src/cache/segments.ts): reading a few
 * files is much faster than reading thousands, and a build writes only the entries it rendered
 * and the names of those it no longer used, so sources that were edited or deleted do not pile up.
 */
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { hashTree, readSegments, removeOtherVersions, writeSegments, type SegmentedMap } from '../cache/index.ts';
import type { RenderedBody, RenderedMarkdown, RenderJob } from './render.ts';

const HERE = fileURLToPath(new URL('.', import.meta.url));

let pipelineVersion: string | undefined;
/** The renderer's sources (this folder) and the installed dependencies. */
export function currentPipelineVersion(): string {
  return (pipelineVersion ??= hashTree(HERE, (file) => file.endsWith('.ts')));
}

/** What a job's output depends on besides its source, as text. */
const optionsKey = (job: RenderJob) =>
  JSON.stringify([job.idPrefix ?? '', Object.entries(job.pageLinks ?? {}).sort(), ...(job.files ? [Object.entries(job.files).sort()] : [])]);
/** A job's key on disk: the SHA-256 of its options and its source. */
export const jobKey = (job: RenderJob, options = optionsKey(job)) => createHash('sha256').update(options).update('\n').update(job.source).digest('base64url');

export class RenderCache {
  private readonly used = new Map<string, RenderedMarkdown>();

  private constructor(
    /** Where the cache's folder lives; undefined keeps it in memory only. */
    readonly dir: string | undefined,
    readonly version: string,
    private readonly read: SegmentedMap<RenderedMarkdown>,
  ) {}

  /** The entries read from the folder. */
  private get stored(): Map<string, RenderedMarkdown> {
    return this.read.map;
  }

  /** The cache in `dir` for `version`; empty when there is none yet or it cannot be read. */
  static open(dir: string | undefined, version = currentPipelineVersion()): RenderCache {
    return new RenderCache(dir, version, readSegments<RenderedMarkdown>(dir, `markdown-${version}`));
  }

  get size(): number {
    return this.stored.size;
  }

  /**
   * Jobs met in this process, by source, then options: the dev server asks for every body on
   * every save, and a body's string is hashed once however often it is looked up.
   */
  private readonly bySource = new Map<string, Map<string, RenderedBody>>();

  get(job: RenderJob): RenderedBody | undefined {
    const options = optionsKey(job);
    const seen = this.bySource.get(job.source)?.get(options);
    if (seen) return seen;
    const k = jobKey(job, options);
    const hit = this.used.get(k) ?? this.stored.get(k);
    return hit && this.remember(job, options, k, hit);
  }

  set(job: RenderJob, rendered: RenderedMarkdown): RenderedBody {
    const options = optionsKey(job);
    return this.remember(job, options, jobKey(job, options), rendered);
  }

  /** Kept on disk as rendered (the key is the entry's name there); handed out with its key. */
  private remember(job: RenderJob, options: string, k: string, rendered: RenderedMarkdown): RenderedBody {
    this.used.set(k, rendered);
    let byOptions = this.bySource.get(job.source);
    if (!byOptions) this.bySource.set(job.source, (byOptions = new Map()));
    const body = { html: rendered.html, text: rendered.text, key: k };
    byOptions.set(options, body);
    return body;
  }

  /**
   * Keeps the entries used since `open`, writing those not stored yet and the names of those no
   * longer used, and removes other versions' folders; nothing when they are exactly the entries read.
   */
  async save(): Promise<void> {
    if (!this.dir) return;
    const set = new Set([...this.used.keys()].filter((k) => !this.stored.has(k)));
    const deleted = new Set([...this.stored.keys()].filter((k) => !this.used.has(k)));
    await writeSegments(this.dir, `markdown-${this.version}`, this.read, this.used, { set, deleted });
    await removeOtherVersions(this.dir, 'markdown', [`markdown-${this.version}`]);
  }
}
