/** Diagnostics as clerks and their editors read them. */
import type { Diagnostic } from './model.ts';

/** `content/2021/03/01-huiyi.md:3:7  message` */
export function formatDiagnostic(diagnostic: Diagnostic): string {
  const prefix = diagnostic.severity === 'warning' ? '警告：' : '';
  return `${diagnostic.file}:${diagnostic.line}:${diagnostic.column}  ${prefix}${diagnostic.message}`;
}

export function summarize(diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  if (diagnostics.length === 0) return '内容检查通过，没有发现问题。';
  return `共发现 ${errors} 个错误、${warnings} 个警告${errors > 0 ? '：请逐条修改后再试。' : '。'}`;
}
