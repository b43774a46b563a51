/**
 * YAML with positions. The `yaml` package keeps a source range on every node, so a schema
 * problem at `unit` can point at the line and column where the clerk wrote the unit. Its
 * YAML 1.2 core schema also leaves `2021-01-23` a string instead of a UTC Date.
 */
import { isMap, isScalar, LineCounter, parseDocument, type Document, type ErrorCode } from 'yaml';
import type { Diagnostic } from './model.ts';

/** A diagnostic before it is tied to a file. */
export type Problem = Omit<Diagnostic, 'file'>;

export type Path = readonly PropertyKey[];

export interface ParsedYaml {
  data: unknown;
  /** Where the value at `path` was written; where its key was, with `key: true`. */
  locate(path: Path, options?: { key?: boolean }): { line: number; column: number };
  problems: Problem[];
}

const YAML_MESSAGES: Partial<Record<ErrorCode, string>> = {
  TAB_AS_INDENT: 'YAML 不能用制表符（Tab）缩进：请把行首的 Tab 换成空格',
  DUPLICATE_KEY: '同一字段写了两次（duplicate key）：请删去多余的一行',
  BAD_INDENT: '缩进不对齐（indentation）：同一层的字段须从同一列开始',
  MULTILINE_IMPLICIT_KEY: '这一行不是“字段: 值”的形式：请检查冒号是否为半角“:”，冒号后是否有空格',
  BLOCK_AS_IMPLICIT_KEY: '这一行不是“字段: 值”的形式：请检查冒号是否为半角“:”，冒号后是否有空格',
  MISSING_CHAR: '缺少配对的引号或括号：请检查引号 " 和括号 [ ] 是否成对',
  BAD_DQ_ESCAPE: '双引号中的反斜杠“\\”写法不对：请删去反斜杠或改用单引号',
  UNEXPECTED_TOKEN: '无法识别的写法：请检查这一行的冒号、引号和缩进',
  MULTIPLE_DOCS: '字段区中出现了第二个“---”：请删去多余的分隔线',
};

function translate(code: ErrorCode, english: string): string {
  const firstLine = english.split('\n')[0] ?? english;
  return YAML_MESSAGES[code] ?? `YAML 格式错误（${firstLine}）：请检查这一行的写法`;
}

/** Lines that YAML would misread in ways a clerk cannot decode: full-width colons and spaces. */
function lintLines(source: string, lineOffset: number): Problem[] {
  const problems: Problem[] = [];
  source.split('\n').forEach((text, index) => {
    const line = index + 1 + lineOffset;
    const colon = /^\s*([A-Za-z_][\w-]*)\s*：/.exec(text);
    if (colon) {
      problems.push({
        line,
        column: colon[0].length,
        severity: 'error',
        message: `字段“${colon[1]}”后面是全角冒号“：”：请改为半角冒号加空格，如“${colon[1]}: ”`,
      });
    }
    const space = text.indexOf('\u3000');
    if (space !== -1 && /^[\s\u3000]*$/.test(text.slice(0, space + 1))) {
      problems.push({
        line,
        column: space + 1,
        severity: 'error',
        message: '行首有全角空格：请删除，或换成半角空格',
      });
    }
  });
  return problems;
}

/**
 * Parses YAML that starts at line `lineOffset + 1` of its file. Problems are in Chinese; the
 * data is undefined when the YAML could not be read.
 */
export function parseYaml(source: string, lineOffset = 0): ParsedYaml {
  const lineCounter = new LineCounter();
  const doc: Document = parseDocument(source, { lineCounter, schema: 'core', uniqueKeys: true });
  const at = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line: line + lineOffset, column: col };
  };
  const start = (node: unknown) => {
    const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
    return range ? at(range[0]) : undefined;
  };
  // Falls back to the closest written ancestor, so a missing field points at its object.
  const locate: ParsedYaml['locate'] = (path, options = {}) => {
    if (options.key && path.length > 0) {
      const parent = path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1), true);
      const pair = isMap(parent) ? parent.items.find((p) => isScalar(p.key) && p.key.value === path.at(-1)) : undefined;
      const found = start(pair?.key);
      if (found) return found;
    }
    for (let n = path.length; n > 0; n--) {
      const found = start(doc.getIn(path.slice(0, n), true));
      if (found) return found;
    }
    return start(doc.contents) ?? { line: 1 + lineOffset, column: 1 };
  };

  const lint = lintLines(source, lineOffset);
  if (lint.length > 0) return { data: undefined, locate, problems: lint };

  const problems: Problem[] = doc.errors.map((error) => ({
    ...at(error.pos[0]),
    severity: 'error' as const,
    message: translate(error.code, error.message),
  }));
  return { data: problems.length > 0 ? undefined : doc.toJS(), locate, problems };
}
