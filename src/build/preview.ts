/**
 * The dev server's view of the content: drafts included, problems listed on the terminal.
 * While the content has errors the preview keeps showing the last good site, so a clerk's
 * half-typed edit never takes the server down.
 */
import { dateInChina } from '../content/date.ts';
import { loadContent } from '../content/load.ts';
import { formatDiagnostic, summarize } from '../content/report.ts';
import { renderMarkdown } from '../markdown/render.ts';
import { buildSite } from '../site/build.ts';
import type { Site } from '../site/model.ts';

let lastGood: Site | undefined;

export async function loadSiteForPreview(contentDir: string): Promise<Site> {
  const { content, diagnostics } = await loadContent(contentDir, { today: dateInChina(new Date()) });
  for (const diagnostic of diagnostics) console.error(formatDiagnostic(diagnostic));
  if (content) {
    lastGood = buildSite(content, renderMarkdown, { drafts: true });
    return lastGood;
  }
  console.error(summarize(diagnostics));
  if (lastGood) {
    console.error('预览仍显示上一次正确的内容；改好后保存，预览会自动更新。');
    return lastGood;
  }
  console.error('内容有错误，无法启动预览：请按上面的提示修改后，再运行 npm run dev。');
  process.exit(1);
}
