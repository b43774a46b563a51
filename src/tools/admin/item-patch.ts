/**
 * An edited item written back as the clerk left it: only the fields the form changed are
 * rewritten, each in its own place; every other byte of the file stays as it was (comments,
 * quoting, line breaks, a body the form passed through unchanged).
 */
import { isMap, isScalar, parseDocument, stringify, type Pair } from 'yaml';
import { DRAFT_KEYS, splitItem, trimBody } from '../../content/index.ts';

/** What the form sent for an item: its fields and body, the form's own fields already left out. */
export interface FormEntry {
  data: Record<string, unknown>;
  body: string;
}

/** Two field values the same for the file: the form gives every scalar back as text. */
const same = (a: unknown, b: unknown) => (isEmpty(a) && isEmpty(b)) || (typeof a !== 'object' && typeof b !== 'object' ? String(a) === String(b) : JSON.stringify(a) === JSON.stringify(b));
const isEmpty = (value: unknown) => value === undefined || value === null || value === '';

/** A value as YAML for one line after `key: `; the `yaml` package quotes what needs quotes. */
const yamlValue = (value: unknown) => stringify(value, { lineWidth: 0 }).replace(/\n$/, '');

const lineStart = (text: string, offset: number) => text.lastIndexOf('\n', offset - 1) + 1;
const lineEnd = (text: string, offset: number) => {
  const end = text.indexOf('\n', offset);
  return end === -1 ? text.length : end + 1;
};

interface Edit {
  start: number;
  end: number;
  text: string;
}

/**
 * The file `original` with `entry`'s changes; `original` itself when nothing changed. `sameBody`
 * says whether two bodies publish the same page: the form's editor may write a body it did not
 * change in its own spelling, and then the clerk's spelling stays.
 */
export function patchItem(original: string, entry: FormEntry, sameBody: (a: string, b: string) => boolean): string {
  const parts = splitItem(original);
  if (!parts) throw new Error('原文件的字段区（front-matter）无法读取，网页表单不能修改它：请先在编辑器中改正，npm run check 会指出位置');
  const newline = original.includes('\r\n') ? '\r\n' : '\n';
  const document = parseDocument(parts.frontMatter);
  if (!isMap(document.contents)) throw new Error('原文件的字段区（front-matter）不是“字段: 值”的形式');
  const pairs = document.contents.items as Pair[];
  const keyOf = (pair: Pair) => (isScalar(pair.key) ? String(pair.key.value) : '');
  const edits: Edit[] = [];
  const base = parts.frontMatterStart;
  const fm = parts.frontMatter;

  const keys = [...new Set([...DRAFT_KEYS, ...Object.keys(parts.data), ...Object.keys(entry.data)])];
  for (const key of keys) {
    const before = parts.data[key];
    const after = entry.data[key];
    if (same(before, after)) continue;
    const pair = pairs.find((each) => keyOf(each) === key);
    if (pair && isEmpty(after)) {
      // Removed: the key's lines go, comments on them with them.
      const range = (pair.value as { range?: [number, number, number] } | null)?.range ?? (pair.key as { range: [number, number, number] }).range;
      const start = lineStart(fm, (pair.key as { range: [number, number, number] }).range[0]);
      edits.push({ start: base + start, end: base + lineEnd(fm, Math.max(range[1] - 1, start)), text: '' });
    } else if (pair && isScalar(pair.value) && typeof after !== 'object') {
      const [start, end] = pair.value.range!;
      edits.push({ start: base + start, end: base + end, text: yamlValue(after) });
    } else if (pair) {
      // A list or map changed: its whole value is written anew below its key.
      const [start, , end] = (pair.value as { range: [number, number, number] }).range;
      const keyEnd = (pair.key as { range: [number, number, number] }).range[1];
      const value = yamlValue(after);
      edits.push({ start: base + keyEnd, end: base + lineEnd(fm, Math.max(end - 1, start)), text: `:${value.includes('\n') ? newline : ' '}${value.split('\n').join(newline)}${newline}` });
    } else {
      // Added: after the field it follows in the README's order, or last.
      const order = DRAFT_KEYS.indexOf(key as (typeof DRAFT_KEYS)[number]);
      const previous = order === -1 ? undefined : [...DRAFT_KEYS.slice(0, order)].reverse().map((k) => pairs.find((each) => keyOf(each) === k)).find(Boolean);
      const at = previous ? lineEnd(fm, ((previous.value ?? previous.key) as { range: [number, number, number] }).range[1] - 1) : order === -1 || pairs.length === 0 ? fm.length : 0;
      edits.push({ start: base + at, end: base + at, text: `${key}: ${yamlValue(after).split('\n').join(newline)}${newline}` });
    }
  }

  if (trimBody(entry.body) !== parts.body && !sameBody(parts.body, entry.body)) {
    // A body added to a file that had none still comes after one blank line.
    const gap = /\n[ \t]*\r?\n$/.test(original.slice(0, parts.bodyStart)) ? '' : newline;
    edits.push({ start: parts.bodyStart, end: original.length, text: `${gap}${trimBody(entry.body).replace(/\r?\n/g, newline)}${newline}` });
  }
  let patched = original;
  for (const edit of edits.sort((a, b) => b.start - a.start)) patched = patched.slice(0, edit.start) + edit.text + patched.slice(edit.end);
  return patched;
}
