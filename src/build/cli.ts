/**
 * `npm run build`: validates the content, then builds the site into dist/.
 * On any problem it lists them all, exits 1, and leaves the previous dist/ as it was.
 */
import { parseArgs } from 'node:util';
import { formatDiagnostic, summarize } from '../content/report.ts';
import { build } from './build.ts';

const { values } = parseArgs({
  options: {
    content: { type: 'string', default: 'content' },
    out: { type: 'string', default: 'dist' },
    drafts: { type: 'boolean', default: false },
  },
});

const result = await build({ contentDir: values.content, outDir: values.out, drafts: values.drafts }).catch(
  (error: unknown) => ({ ok: false, diagnostics: [], pages: 0, failure: error instanceof Error ? error.message : String(error) }),
);
for (const diagnostic of result.diagnostics) console.error(formatDiagnostic(diagnostic));
if (result.diagnostics.length > 0) console.error(summarize(result.diagnostics));
if (result.failure) console.error(`生成网站失败（build failed）：${result.failure}\n${values.out}/ 保持原样，未被改动。`);
else if (!result.ok) console.error(`${values.out}/ 保持原样，未被改动。`);
else console.log(`已生成 ${result.pages} 个页面到 ${values.out}/`);
process.exitCode = result.ok ? 0 : 1;
