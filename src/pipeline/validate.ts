/**
 * The one validation of the content, for `npm run check`, the tools, the build and the preview:
 * every file against the schema (src/content/), then every body's links against the site they
 * will be published in (src/site/body-links.ts). What it refuses, the build refuses, with the
 * same lines; the build only adds what the content cannot cause (a broken template link).
 */
import { displayPath, loadContent, sortDiagnostics, type LoadOptions, type LoadResult } from '../content/index.ts';
import { findBodyLinks } from '../markdown/index.ts';
import { buildSite, checkBodyLinks, type PublishOptions, type Site } from '../site/index.ts';

export interface ValidateOptions extends Omit<LoadOptions, 'findLinks'>, PublishOptions {}

/** Every file read and checked, with the Markdown stage's link finder. */
export function loadChecked(contentDir: string, options: ValidateOptions): Promise<LoadResult> {
  return loadContent(contentDir, { ...options, findLinks: findBodyLinks });
}

/**
 * `result` with the problems of its bodies' links on `site` (built from its content with the
 * same options) added; its content is withdrawn when there are any.
 */
export function withLinkProblems(result: LoadResult, site: Site, contentDir: string, options: ValidateOptions): LoadResult {
  const content = result.content!;
  const found = checkBodyLinks(content, site, options);
  if (found.length === 0) return result;
  const root = options.root ?? process.cwd();
  const added = found.flatMap(({ file, problems }) => problems.map((problem) => ({ file: displayPath(contentDir, root, file), ...problem })));
  return { ...result, content: undefined, diagnostics: sortDiagnostics([...result.diagnostics, ...added]) };
}

/** A body stand-in for a site whose pages are never rendered: validation needs only its addresses. */
const NOTHING = () => ({ html: '', text: '', key: '' });

/** Everything the build would refuse for a content reason, without rendering anything. */
export async function validateContent(contentDir: string, options: ValidateOptions): Promise<LoadResult> {
  const result = await loadChecked(contentDir, options);
  if (!result.content) return result;
  return withLinkProblems(result, buildSite(result.content, NOTHING, options), contentDir, options);
}
