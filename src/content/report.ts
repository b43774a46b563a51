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

/** GitHub Actions' workflow-command escaping: data, then property values (which also escape `:` and `,`). */
const escapeData = (text: string) => text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (text: string) => escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** `::error file=content/2021/03/01-huiyi.md,line=3,col=7::message`, shown on the file in a pull request. */
export function formatAnnotation(diagnostic: Diagnostic): string {
  const where = `file=${escapeProperty(diagnostic.file)},line=${diagnostic.line},col=${diagnostic.column}`;
  return `::${diagnostic.severity} ${where}::${escapeData(diagnostic.message)}`;
}
