/**
 * `npm run check`: validates the whole content folder as the build does (the same
 * `loadContent`), without building. Exit 0 when there are no errors (warnings allowed), 1 when
 * there are, 2 when the command itself is mistyped.
 */
import path from 'node:path';
import { type Diagnostic, formatAnnotation, formatDiagnostic, summarize } from '../content/index.ts';
import { validateContent } from '../pipeline/index.ts';
import { readFlags, shown, today, USAGE_ERROR } from './cli.ts';
import { fixEncoding, type EncodingFix } from './fix-encoding.ts';

const USAGE = `用法：npm run check [-- 选项]
  --fix-encoding     把不是 UTF-8 编码的内容文件（如 GBK）转为 UTF-8，再检查
  --format json      以 JSON 输出（供编辑器和其他工具使用；请配合 npm run --silent）
  --content 目录     内容目录，默认 content
  --today 年-月-日   按这一天判断“日期太靠后”，默认今天（北京时间）`;

const { values } = readFlags(
  {
    content: { type: 'string', default: 'content' },
    format: { type: 'string', default: 'text' },
    'fix-encoding': { type: 'boolean', default: false },
    today: { type: 'string' },
  },
  USAGE,
);
if (values.format !== 'text' && values.format !== 'json') {
  console.error(`--format 只能是 text 或 json。\n${USAGE}`);
  process.exit(USAGE_ERROR);
}

// A file that fails to convert keeps its old bytes (the write is atomic); the check below still reports it.
const fixes: EncodingFix[] = values['fix-encoding']
  ? await fixEncoding(values.content).catch((error: unknown) => {
      console.error(`转换编码时出错（${(error as Error).message}），未转换的文件保持原样。`);
      return [];
    })
  : [];
const { diagnostics } = await validateContent(values.content, { root: process.cwd(), today: today(values.today, USAGE) }).catch((error: unknown) => {
  // Bad content comes back as diagnostics; this is the file system itself failing (a folder it may not read).
  console.error(`检查中断：${(error as Error).message}`);
  process.exit(1);
});
const errors = diagnostics.filter((d) => d.severity === 'error').length;

function fixLine(fix: EncodingFix): string {
  return fix.encoding
    ? `已转为 UTF-8：${shown(fix.file)}（原为 ${fix.encoding}）`
    : `未能转换：${shown(fix.file)}，看不出它的编码；请在编辑器中“另存为”，编码选 UTF-8`;
}

if (values.format === 'json') {
  const output = {
    ok: errors === 0,
    errors,
    warnings: diagnostics.length - errors,
    diagnostics: diagnostics.map(({ file, line, column, severity, message }: Diagnostic) => ({ file, line, column, severity, message })),
    converted: fixes.map((fix) => ({ file: shown(fix.file), from: fix.encoding ?? null })),
  };
  console.log(JSON.stringify(output, null, 2));
} else {
  for (const fix of fixes) console.log(fixLine(fix));
  if (values['fix-encoding'] && fixes.length === 0) console.log(`没有需要转换编码的文件（${shown(path.resolve(values.content))}）。`);
  // In GitHub Actions each problem becomes an annotation on its line of the pull request.
  const format = process.env.GITHUB_ACTIONS ? formatAnnotation : formatDiagnostic;
  for (const diagnostic of diagnostics) console.log(format(diagnostic));
  console.log(summarize(diagnostics));
}
process.exitCode = errors > 0 ? 1 : 0;
