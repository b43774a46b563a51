/**
 * `npm run pdf -- 2021/03 [--out file.pdf]`: builds the site into dist/, then prints the issue
 * (or an item, `2021/03/huiyi`) to PDF in its printed form. Without --out the PDF goes beside the
 * page: dist/2021/03/2021-03.pdf. Stops with a Chinese message, and exit code 1, on any problem.
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { build, describeError } from '../pipeline/index.ts';
import { formatDiagnostic, summarize } from '../content/index.ts';
import { PrintError, printPdf, requireCjkFont } from '../print/index.ts';

const USAGE = '用法：npm run pdf -- 2021/03 [--out 文件.pdf]（期次为 content/ 下的“年份/期号”目录）';

/** `2021/3`, `2021-03`, `/2021/03/`, `2021/03/huiyi` → the page's folder under the site, or undefined. */
function pagePath(arg: string, siteDir: string): string | undefined {
  const match = /^\/?(\d{4})[/-](\d{1,3})(?:\/([a-z0-9-]+))?\/?$/.exec(arg.trim());
  if (!match) return undefined;
  const [, year, number, slug] = match;
  // Folders may be written 03 or 3; try what was typed, then the other form.
  const numbers = [...new Set([number!, number!.padStart(2, '0'), String(Number(number))])];
  return numbers
    .map((n) => [year, n, slug].filter(Boolean).join('/'))
    .find((folder) => existsSync(path.join(siteDir, folder, 'index.html')));
}

async function main(): Promise<void> {
  let args;
  try {
    args = parseArgs({
      allowPositionals: true,
      options: {
        out: { type: 'string' },
        content: { type: 'string', default: 'content' },
        site: { type: 'string', default: 'dist' },
      },
    });
  } catch {
    throw new PrintError(USAGE);
  }
  const { values, positionals } = args;
  if (positionals.length !== 1) throw new PrintError(USAGE);
  const target = positionals[0]!;
  // Fail before the build when the PDF could not show Chinese anyway.
  await requireCjkFont();

  // The same site as `npm run build` makes, for the address CI gives in SITE_URL.
  const result = await build({ contentDir: values.content, outDir: values.site, siteUrl: process.env.SITE_URL });
  for (const diagnostic of result.diagnostics) console.error(formatDiagnostic(diagnostic));
  if (!result.ok) {
    if (result.diagnostics.length > 0) console.error(summarize(result.diagnostics));
    throw new PrintError(`生成网站失败，未生成 PDF${result.failure ? `：${result.failure}` : ''}`);
  }

  const folder = pagePath(target, values.site);
  if (!folder) {
    throw new PrintError(
      `找不到“${target}”：请写期次目录，如 2021/03（或信息网址，如 2021/03/huiyi）；` +
        '期次须已有发布的信息（草稿不生成页面）。' + USAGE,
    );
  }
  // Relative to where the command was typed: npm runs scripts from the project root.
  const out = values.out
    ? path.resolve(process.env.INIT_CWD ?? process.cwd(), values.out)
    : path.join(values.site, folder, `${folder.replaceAll('/', '-')}.pdf`);
  await mkdir(path.dirname(out), { recursive: true });
  await printPdf({ siteDir: values.site, url: `/${folder}/`, out, address: result.address! });
  const shown = path.relative(process.cwd(), out);
  console.log(`已生成 PDF：${shown.startsWith('..') ? out : shown}`);
}

await main().catch((error: unknown) => {
  console.error(error instanceof PrintError ? error.message : `生成 PDF 失败：${describeError(error)}`);
  process.exitCode = 1;
});
