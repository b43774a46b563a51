/** The dev server's view of the content: drafts included, problems listed on the terminal. */
import { loadContent } from '../content/load.ts';
import { formatDiagnostic, summarize } from '../content/report.ts';
import { renderMarkdown } from '../markdown/render.ts';
import { buildSite } from '../site/build.ts';
import type { Site } from '../site/model.ts';

export async function loadSiteForPreview(contentDir: string): Promise<Site> {
  const { content, diagnostics } = await loadContent(contentDir);
  for (const diagnostic of diagnostics) console.error(formatDiagnostic(diagnostic));
  if (!content) throw new Error(`内容有错误，预览未更新：${summarize(diagnostics)}`);
  return buildSite(content, renderMarkdown, { drafts: true });
}
