/**
 * `npm run build`: validates the content, then builds the site into dist/.
 * On any problem it lists them all, exits 1, and leaves the previous dist/ as it was.
 */
import { existsSync } from 'node:fs';
import { dateInChina, formatDiagnostic, summarize } from '../content/index.ts';
import { build, describeError, terminalProgress, type BuildResult } from '../pipeline/index.ts';
import { readFlags } from './cli.ts';

const USAGE = `用法：npm run build [-- 选项]
  --content 目录   内容目录，默认 content
  --out 目录       生成到哪里，默认 dist
  --pdf            每期另印一份 PDF，在期次页上链接“下载PDF版”（需 chromium 和中文字体）
  --drafts         草稿也生成（只供预览）
  --cache 目录     生成缓存，默认 .cache/build
  --layouts 目录   换用另一份版式（试改版式时用）
  --timings        列出各步用时`;

const { values } = readFlags(
  {
    content: { type: 'string', default: 'content' },
    out: { type: 'string', default: 'dist' },
    drafts: { type: 'boolean', default: false },
    layouts: { type: 'string' },
    cache: { type: 'string', default: '.cache/build' },
    timings: { type: 'boolean', default: false },
    pdf: { type: 'boolean', default: false },
  },
  USAGE,
);

const result = await build({
  contentDir: values.content,
  outDir: values.out,
  drafts: values.drafts,
  layoutsDir: values.layouts,
  today: dateInChina(new Date()),
  // CI sets SITE_URL from the GitHub Pages configuration; otherwise site.yaml's url is used.
  siteUrl: process.env.SITE_URL,
  cacheDir: values.cache,
  pdf: values.pdf,
  progress: terminalProgress(),
}).catch(
  (error: unknown): BuildResult => ({ ok: false, diagnostics: [], pages: 0, reused: 0, failure: describeError(error), timings: {} }),
);
// One write, not one per line: an archive may carry thousands of warnings.
if (result.diagnostics.length > 0) console.error(result.diagnostics.map(formatDiagnostic).join('\n'));
if (result.diagnostics.length > 0) console.error(summarize(result.diagnostics));
if (result.failure) console.error(`生成网站失败（build failed）：${result.failure}`);
if (values.timings) console.error(Object.entries(result.timings).map(([stage, ms]) => `${stage} ${ms} ms`).join('\n'));
if (result.upToDate) console.log(`${values.out}/ 已是最新：内容、版式和程序都没有改变，${result.pages} 个页面无需重新生成。`);
else if (result.ok) {
  const reused = result.reused > 0 ? `（其中 ${result.reused} 个未改变，沿用上次生成的文件）` : '';
  console.log(`已生成 ${result.pages} 个页面到 ${values.out}/${reused}`);
  if (result.pdfs) console.log(`各期 PDF：新生成 ${result.pdfs.printed} 份，${result.pdfs.reused} 份未改变，沿用上次生成的文件。`);
}
else if (existsSync(values.out)) console.error(`${values.out}/ 保持原样，未被改动。`);
process.exitCode = result.ok ? 0 : 1;
