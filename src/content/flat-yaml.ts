/**
 * The fast path for the front-matter most files have: one `key: value` per line, every value a
 * string on that line. The `yaml` package builds a node with a source range for every value,
 * about a tenth of a millisecond a file; this reads those lines with a few regular expressions.
 *
 * Anything else — a list, a number, a value over two lines, an escape, a comment after a value,
 * a repeated key, a character YAML treats specially — returns `undefined`, and the caller reads
 * the file with the `yaml` package as before. So this path never decides what YAML means: it
 * only accepts what the package reads as these same strings (tests/content/flat-yaml.test.ts
 * compares the two on generated front-matter), and whether a plain value is text or a number,
 * a boolean or null is decided by the package's own core-schema patterns.
 */
import { Schema } from 'yaml';

export interface FlatField {
  value: string;
  /** The field's line (from 1), its key in the first column; the column where its value (or the value's opening quote) starts. */
  line: number;
  column: number;
  /** The text as written when unquoted (a plain scalar), for the not-text check. */
  plain: string | undefined;
}

/** The core schema's patterns for plain values that are not text: null, booleans, numbers. */
const NOT_STRING = new Schema({ schema: 'core' }).tags.flatMap((tag) => (tag.default === true && tag.test ? [tag.test] : []));
const isString = (plain: string): boolean => !NOT_STRING.some((test) => test.test(plain));

/**
 * Characters that send a file to the full parser: tabs and carriage returns (YAML reads them by
 * position), control characters, Unicode line separators, the byte-order mark and non-characters,
 * lone surrogates.
 */
const UNUSUAL = /[\0-\x08\t\v\f\r\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** A key at the start of its line, a colon, one space or more, and the rest of the line. */
const FIELD = /^([A-Za-z_][\w-]*): +(.+)$/;

/**
 * A plain value that cannot start anything but text: no indicator character first (`-`, `?`, `:`,
 * quotes, `[`, `{`, `#`, `&`, `*`, `!`, `|`, `>`, `%`, `@`, backquote…), no `: ` or ` #` inside,
 * no colon last. Trailing spaces are not part of the value, as in YAML.
 */
const PLAIN = /^[^-?:,[\]{}#&*!|>'"%@` ](?:(?!: | #)[^\n])*?(?<!:) *$/;
const SINGLE = /^'((?:[^'\n]|'')*)' *$/;
const DOUBLE = /^"([^"\\\n]*)" *$/;

function readValue(text: string): { value: string; plain: string | undefined } | undefined {
  const single = SINGLE.exec(text);
  if (single) return { value: single[1]!.replaceAll("''", "'"), plain: undefined };
  const double = DOUBLE.exec(text);
  if (double) return { value: double[1]!, plain: undefined };
  if (!PLAIN.test(text)) return undefined;
  // Only spaces: `trimEnd` would also take a full-width space, which YAML keeps.
  const plain = text.replace(/ +$/, '');
  return isString(plain) ? { value: plain, plain } : undefined;
}

/**
 * The fields of `source` when it is a flat map of single-line strings, in the order written;
 * otherwise `undefined`. Blank lines and comment lines (`#` in the first column) may stand between.
 */
export function readFlatYaml(source: string): Map<string, FlatField> | undefined {
  if (UNUSUAL.test(source)) return undefined;
  const fields = new Map<string, FlatField>();
  for (const [index, line] of source.split('\n').entries()) {
    if (/^ *$/.test(line) || line.startsWith('#')) continue;
    const field = FIELD.exec(line);
    if (!field) return undefined;
    const key = field[1]!;
    // A repeated key is the full parser's error to report; a key YAML reads as null, a boolean or
    // a number, or one that would set an object's prototype, is left to it too.
    if (fields.has(key) || !isString(key) || key === '__proto__') return undefined;
    const text = field[2]!;
    const value = readValue(text);
    if (!value) return undefined;
    fields.set(key, { ...value, line: index + 1, column: line.length - text.length + 1 });
  }
  return fields.size > 0 ? fields : undefined;
}
