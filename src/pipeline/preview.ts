/**
 * The dev server's view of the content, kept between rebuilds so that a save costs only what it
 * changed: files whose text is unchanged are not validated again (the loader's memo), bodies come
 * from the render cache, and of the many item, issue and list pages only those whose fingerprint
 * changed go to Eleventy; the others stay in the preview folder as they were written.
 *
 * Drafts are shown and problems listed on the terminal. While the content has errors the preview
 * keeps showing the last good site, so a clerk's half-typed edit never takes the server down.
 */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { outputSalt } from '../cache/index.ts';
import { dateInChina, formatDiagnostic, LoadMemo, summarize } from '../content/index.ts';
import { renderAll, RenderCache } from '../markdown/index.ts';
import type { SiteBuild } from '../eleventy/index.ts';
import { buildSite, changedPages, fingerprintPages, renderJobs, searchKey, type Fingerprints, type Site } from '../site/index.ts';
import { replaceInPlace, writeSearchIndex, type SegmentState } from '../search/index.ts';
import { fileOfPage } from './page-files.ts';
import { publishFiles } from './publish-files.ts';
import { loadChecked, withLinkProblems } from './validate.ts';

export interface PreviewOptions {
  contentDir: string;
  outDir: string;
  layoutsDir: string;
  /** Folder of the render cache, shared with `npm run build`. */
  cacheDir?: string;
}

export class Preview {
  private readonly memo = new LoadMemo();
  private readonly cache: RenderCache;
  /** Fingerprints of the pages in the preview folder, as the last finished rebuild wrote them. */
  private written: Fingerprints = new Map();
  /** The site of the rebuild in progress, and its fingerprints. */
  private pending: { site: Site; fingerprints: Fingerprints } | undefined;
  private lastGood: Site | undefined;
  /** Content files the watcher reported since the last rebuild; undefined: read them all. */
  private changedFiles: Set<string> | undefined;
  private searchKey = '';
  /** The search index is written after the pages, one rebuild after another. */
  private search: Promise<void> = Promise.resolve();

  /** The segments of the search index in the preview folder, kept by the next one where they serve. */
  private segments: SegmentState[] = [];

  constructor(private readonly options: PreviewOptions) {
    this.cache = RenderCache.open(options.cacheDir);
  }

  /** Paths the watcher reports changed (a layout, a content file), before the rebuild they start. */
  changed(paths: readonly string[]): void {
    const contentDir = path.resolve(this.options.contentDir);
    const files = paths.map((changed) => path.relative(contentDir, path.resolve(changed)));
    this.changedFiles = new Set(files.filter((file) => !file.startsWith('..') && !path.isAbsolute(file)).map((file) => file.split(path.sep).join('/')));
  }

  /** The site for the next rebuild, rendering only what changed since the last one. */
  async site(): Promise<SiteBuild> {
    // Only the files the watcher named are read again (the memo has the rest); once.
    const changedFiles = this.changedFiles;
    this.changedFiles = undefined;
    const validation = { today: dateInChina(new Date()), memo: this.memo, changedFiles, drafts: true };
    const loaded = await loadChecked(this.options.contentDir, validation);
    const site = loaded.content && buildSite(loaded.content, await renderAll(renderJobs(loaded.content, validation), { cache: this.cache }), validation);
    const { content, diagnostics } = site ? withLinkProblems(loaded, site, this.options.contentDir, validation) : loaded;
    // One write: thousands of warnings written line by line cost a large archive 0.3 s a save.
    if (diagnostics.length > 0) console.error(diagnostics.map(formatDiagnostic).join('\n'));
    if (!content || !site) {
      console.error(summarize(diagnostics));
      if (!this.lastGood) throw new Error('内容有错误，无法生成预览：请按上面的提示修改，保存后预览会自动生成。');
      console.error('预览仍显示上一次正确的内容；改好后保存，预览会自动更新。');
      this.pending = undefined;
      return { site: this.lastGood, renderSet: { items: [], issues: [], listings: [], stats: [], csv: [] } };
    }
    // The layouts are part of every page: an edited layout changes every fingerprint.
    const fingerprints = fingerprintPages(site, outputSalt(this.options.layoutsDir, { drafts: true }));
    this.pending = { site, fingerprints };
    this.lastGood = site;
    return { site, renderSet: changedPages(site, fingerprints, this.written) };
  }

  /** After Eleventy has written a rebuild: pages that no longer exist go, the search index follows. */
  async afterWrite(): Promise<void> {
    if (!this.pending) return;
    const { site, fingerprints } = this.pending;
    this.pending = undefined;
    for (const url of this.written.keys()) {
      if (!fingerprints.has(url)) await rm(path.join(this.options.outDir, fileOfPage(url)), { force: true });
    }
    const { contentDir, outDir, cacheDir } = this.options;
    await publishFiles(site.files, { contentDir, outDir, cacheDir, prune: false }).catch((error: unknown) => console.error(`图片和附件未能更新：${String(error)}`));
    // The first build rendered every body: keep them for the next `npm run dev` or build now.
    if (this.written.size === 0) await this.cache.save().catch(() => undefined);
    this.written = fingerprints;
    const key = searchKey(site, fingerprints);
    if (key !== this.searchKey) {
      this.searchKey = key;
      this.search = this.search
        .then(async () => {
          const index = await writeSearchIndex(site, outDir, { options: { previous: this.segments } });
          await replaceInPlace(outDir, index);
          this.segments = index.segments;
        })
        .catch((error: unknown) => {
          // The folder may now hold part of an index: the next one is built whole.
          this.segments = [];
          console.error(`搜索索引未能更新：${String(error)}`);
        });
    }
  }

  /** On the way out: the render cache is kept for the next `npm run dev` or `npm run build`. */
  async close(): Promise<void> {
    await this.search;
    await this.cache.save().catch(() => undefined);
  }
}
