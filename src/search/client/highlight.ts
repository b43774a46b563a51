/**
 * Where the terms occur in a result's title and text, and the excerpt to show around the first
 * one. Returns plain segments; the page turns them into text nodes and <mark> elements, so stored
 * text is never parsed as HTML.
 */
import { fold } from '../tokenize.ts';

export interface Segment {
  text: string;
  mark: boolean;
}

/** Ranges [start, end) of every occurrence of any term, merged where they overlap. Folding keeps positions. */
export function matchRanges(text: string, terms: readonly string[]): [number, number][] {
  const folded = fold(text);
  const ranges: [number, number][] = [];
  for (const term of terms) {
    if (term === '') continue;
    for (let at = folded.indexOf(term); at >= 0; at = folded.indexOf(term, at + 1)) ranges.push([at, at + term.length]);
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const range of ranges) {
    const last = merged.at(-1);
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([...range]);
  }
  return merged;
}

/** `text` split into marked and unmarked segments. */
export function highlight(text: string, terms: readonly string[]): Segment[] {
  return segments(text, matchRanges(text, terms), 0, text.length);
}

function segments(text: string, ranges: readonly [number, number][], from: number, to: number): Segment[] {
  const out: Segment[] = [];
  let at = from;
  for (const [start, end] of ranges) {
    if (end <= from || start >= to) continue;
    const s = Math.max(start, from);
    if (s > at) out.push({ text: text.slice(at, s), mark: false });
    out.push({ text: text.slice(s, Math.min(end, to)), mark: true });
    at = Math.min(end, to);
  }
  if (at < to) out.push({ text: text.slice(at, to), mark: false });
  return out;
}

/** Moves a cut off the second half of a surrogate pair. */
const safe = (text: string, at: number) => (at > 0 && at < text.length && /[\uDC00-\uDFFF]/.test(text[at]!) ? at - 1 : at);

/**
 * About `length` characters of `text` around the first match, the matches marked; an ellipsis
 * where the text was cut. Without a match in the text (the title matched) the opening is shown.
 */
export function excerpt(text: string, terms: readonly string[], length = 110): Segment[] {
  const ranges = matchRanges(text, terms);
  const first = ranges[0]?.[0] ?? 0;
  // Some context before the match, but start at a sentence when one begins shortly before.
  let start = Math.max(0, first - Math.floor(length / 4));
  const sentence = first === 0 ? -1 : Math.max(...['。', '！', '？', '；'].map((mark) => text.lastIndexOf(mark, first - 1)));
  if (sentence + 1 >= first - length / 2) start = sentence + 1;
  start = safe(text, Math.min(start, Math.max(0, text.length - length)));
  const end = safe(text, Math.min(text.length, start + length));
  const out = segments(text, ranges, start, end);
  if (start > 0) out.unshift({ text: '…', mark: false });
  if (end < text.length) out.push({ text: '…', mark: false });
  return out;
}
