/** The fixture site built for the publishing suites: optionally under a SITE_URL, with its content changed first. */
import path from 'node:path';
import { build } from '../../../src/pipeline/build.ts';
import { listTree } from '../../../src/files/tree.ts';
import { formatDiagnostic } from '../../../src/content/report.ts';
import { writeFixtureSite, type FixtureOptions, type FixtureSite } from '../../fixtures/site.ts';
import { hashTree, removeDir, tempDir } from '../support.ts';

export interface BuiltFixture {
  /** Temporary folder holding `content/` and the output; remove it when done. */
  dir: string;
  out: string;
  fixture: FixtureSite;
  /** Every file of the output, relative, with `/`, sorted. */
  files: string[];
}

export interface BuildFixtureOptions {
  siteUrl?: string;
  /** Output folder relative to `dir`; `out` unless given. */
  out?: string;
  /** Changes the content before the build. */
  prepare?: (contentDir: string) => Promise<void>;
}

export async function buildFixture(label: string, options: BuildFixtureOptions = {}): Promise<BuiltFixture> {
  const dir = await tempDir(label);
  try {
    const content = path.join(dir, 'content');
    const fixture = await writeFixtureSite(content);
    await options.prepare?.(content);
    const out = path.join(dir, ...(options.out ?? 'out').split('/'));
    const result = await build({ contentDir: content, outDir: out, root: dir, siteUrl: options.siteUrl });
    if (!result.ok) throw new Error(`fixture build failed: ${result.failure ?? ''}\n${result.diagnostics.map(formatDiagnostic).join('\n')}`);
    return { dir, out, fixture, files: listTree(out) };
  } catch (error) {
    await removeDir(dir);
    throw error;
  }
}

/** `2021/01/index.html` → `/2021/01/`; `404.html` → `/404.html`. */
export const pathOfFile = (file: string) => `/${file.replace(/(^|\/)index\.html$/, '$1')}`;

/** The last good site before a test breaks something: the fixture in `dir/content`, built into `dir/out`, and the output's hashes. */
export async function goodSite(dir: string, options: FixtureOptions = {}): Promise<{ content: string; out: string; before: Record<string, string> }> {
  const content = path.join(dir, 'content');
  const out = path.join(dir, 'out');
  await writeFixtureSite(content, options);
  const good = await build({ contentDir: content, outDir: out, root: dir });
  if (!good.ok) throw new Error(`the good build failed: ${good.failure ?? ''}`);
  return { content, out, before: await hashTree(out) };
}
