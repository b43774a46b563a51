/**
 * YAML with positions. The `yaml` package keeps a source range on every node, so a schema
 * problem at `unit` can point at the line and column where the clerk wrote the unit. Its
 * YAML 1.2 core schema also leaves `2021-01-23` a string instead of a UTC Date.
 */
import { isMap, isScalar, LineCounter, parseDocument, visit, type Document, type ErrorCode, type Scalar, type YAMLError } from 'yaml';
import { FILL_IN_MARK } from './fill-in-mark.ts';
import { readFlatYaml, type FlatField } from './flat-yaml.ts';
import type { Diagnostic } from './model.ts';

/** A diagnostic before it is tied to a file. */
export type Problem = Omit<Diagnostic, 'file'>;

export type Path = readonly PropertyKey[];

export interface ParsedYaml {
  data: unknown;
  /** Where the value at `path` was written; where its key was, with `key: true`. */
  locate(path: Path, options?: { key?: boolean }): { line: number; column: number };
  /** The text of the value at `path` when it was written without quotes (a plain scalar). */
  plain(path: Path): string | undefined;
  problems: Problem[];
}

const YAML_MESSAGES: Partial<Record<ErrorCode, string>> = {
  TAB_AS_INDENT: 'YAML 不能用制表符（Tab）缩进：请把行首的 Tab 换成空格',
  DUPLICATE_KEY: '同一字段写了两次（duplicate key）：请删去多余的一行',
  BAD_INDENT: '缩进不对齐（indentation）：同一层的字段须从同一列开始',
  BAD_DQ_ESCAPE: '双引号中的反斜杠“\\”写法不对：请删去反斜杠或改用单引号',
  MULTIPLE_DOCS: '字段区中出现了第二个“---”：请删去多余的分隔线',
};

const INDENTED = '这一行前面多了空格（indentation）：字段须顶格写，与上一行的字段对齐';

/**
 * A clerk's reading of one YAML error: where to look and what to do. The `yaml` package reports
 * some mistakes where it noticed them rather than where they were made (an unclosed quote at the
 * end of the block, an indented line on the line before), so the place is moved to the cause.
 */
function explain(error: YAMLError, lines: readonly string[], lineAt: (offset: number) => number): { line: number; message: string } {
  const line = lineAt(error.pos[0]);
  const text = lines[line - 1] ?? '';
  const english = error.message.split('\n')[0] ?? error.message;
  switch (error.code) {
    case 'MISSING_CHAR':
      if (/quote/i.test(english)) {
        const open = lines.findIndex((l) => (l.match(/(?<!\\)"/g)?.length ?? 0) % 2 === 1);
        return {
          line: open === -1 ? line : open + 1,
          message: '引号没有配对：请在这一行文字的末尾补上引号“"”，或去掉开头的引号',
        };
      }
      if (/map values/i.test(english)) {
        return { line, message: '这一行缺少冒号：应写成“字段: 值”，冒号为半角“:”，后面加一个空格' };
      }
      return { line, message: '缺少配对的括号：请检查“[ ]”“{ }”是否成对' };
    case 'BLOCK_AS_IMPLICIT_KEY':
      if (/:\s.*:(\s|$)/.test(text)) {
        return { line, message: '值中有半角冒号加空格“: ”：请给整个值加上引号，如 title: "……"，或改用全角冒号“：”' };
      }
      // The value ran on into an indented next line.
      return { line: /^\s/.test(lines[line] ?? '') ? line + 1 : line, message: INDENTED };
    case 'MULTILINE_IMPLICIT_KEY':
      return { line: lineAt(error.pos[1]), message: INDENTED };
    case 'UNEXPECTED_TOKEN':
      if (/^\s*[\w-]+:\s*[[{]/.test(text)) {
        return { line, message: '值以“[”或“{”开头时须加引号：如 title: "[通知]……"' };
      }
      return { line, message: '无法识别的写法：请检查这一行的冒号、引号和缩进' };
    default:
      return { line, message: YAML_MESSAGES[error.code] ?? `YAML 格式错误（${english}）：请检查这一行的写法` };
  }
}

/** Lines that YAML would misread in ways a clerk cannot decode: full-width colons and spaces. */
function lintLines(source: string, lineOffset: number): Problem[] {
  const problems: Problem[] = [];
  // Both checks need one of these two characters, which most front-matter has not.
  if (!source.includes('：') && !source.includes('\u3000')) return problems;
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

/** How the line starts before the value: `title: ` in a map, `- ` in a list. */
function writtenAs(key: unknown, parent: unknown): string {
  if (typeof key === 'number') return '- ';
  const name = (parent as { key?: unknown } | undefined)?.key;
  return isScalar(name) ? `${String(name.value)}: ` : '';
}

/**
 * A `#` after a value starts a YAML comment, and the text after it is silently dropped:
 * `title: 济源路街道 #强责任 广宣传` would publish “济源路街道”. Full-line comments lose nothing.
 */
function trailingComments(doc: Document, source: string, at: (offset: number) => { line: number; column: number }): Problem[] {
  const problems: Problem[] = [];
  visit(doc, {
    Scalar(key, node: Scalar, path) {
      // After the importer's placeholder its hint is a comment on purpose, and the placeholder is refused anyway.
      if (key === 'key' || node.comment === undefined || !node.range || node.value === FILL_IN_MARK) return;
      const after = source.slice(node.range[1], node.range[2]);
      const hash = after.indexOf('#');
      if (hash === -1 || after.slice(0, hash).includes('\n')) return;
      const written = source.slice(node.range[0], node.range[1]).replace(/^["']|["']$/g, '');
      const comment = after.slice(hash + 1).split('\n')[0]!.trimEnd();
      problems.push({
        ...at(node.range[1] + hash),
        severity: 'error',
        message: `“#”和后面的文字“${comment.trim()}”会被当作注释丢掉（YAML comment）：如果它们是内容的一部分，请给整个值加上引号，写成 ${writtenAs(key, path.at(-1))}"${written} #${comment}"`,
      });
    },
  });
  return problems;
}

/**
 * A flat map of strings read by the fast path. Its own keys are located from the lines it read; any
 * other place (a missing key, a nested path) is found by the full parse, made only then: for a
 * file with a problem. The fast path reads only lint-free sources, so that parse has no lint.
 */
function fromFlat(fields: Map<string, FlatField>, source: string, lineOffset: number): ParsedYaml {
  let full: ParsedYaml | undefined;
  const parsed = () => (full ??= parseFull(source, lineOffset, []));
  return {
    data: Object.fromEntries([...fields].map(([key, field]) => [key, field.value])),
    locate(path, options = {}) {
      const field = path.length === 1 ? fields.get(String(path[0])) : undefined;
      if (!field) return parsed().locate(path, options);
      return { line: field.line + lineOffset, column: options.key ? 1 : field.column };
    },
    plain(path) {
      return path.length === 1 && typeof path[0] === 'string' ? fields.get(path[0])?.plain : parsed().plain(path);
    },
    problems: [],
  };
}

/**
 * Parses YAML that starts at line `lineOffset + 1` of its file. Problems are in Chinese; the
 * data is undefined when the YAML could not be read.
 */
export function parseYaml(source: string, lineOffset = 0): ParsedYaml {
  const lint = lintLines(source, lineOffset);
  const flat = lint.length === 0 ? readFlatYaml(source) : undefined;
  return flat ? fromFlat(flat, source, lineOffset) : parseFull(source, lineOffset, lint);
}

/** Every YAML the `yaml` package reads, with a source range on every node; `lint` is lintLines' answer for it. */
function parseFull(source: string, lineOffset: number, lint: Problem[]): ParsedYaml {
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
  const plain: ParsedYaml['plain'] = (path) => {
    const node = doc.getIn(path, true);
    return isScalar(node) && node.type === 'PLAIN' && node.range ? source.slice(node.range[0], node.range[1]) : undefined;
  };

  if (lint.length > 0) return { data: undefined, locate, plain, problems: lint };

  const problems: Problem[] = [];
  const lines = doc.errors.length > 0 ? source.split('\n') : [];
  for (const error of doc.errors) {
    const { line, message } = explain(error, lines, (offset) => lineCounter.linePos(offset).line);
    // One mistake can raise several errors on the same line; the first explains it.
    if (problems.some((p) => p.line === line + lineOffset)) continue;
    const column = line === lineCounter.linePos(error.pos[0]).line ? lineCounter.linePos(error.pos[0]).col : 1;
    problems.push({ line: line + lineOffset, column, severity: 'error', message });
  }
  if (problems.length === 0) problems.push(...trailingComments(doc, source, at));
  return { data: problems.length > 0 ? undefined : doc.toJS(), locate, plain, problems };
}
