/**
 * The tokenizer the index builder and the browser client share, so a query always looks up the
 * keys the builder wrote.
 *
 * Matching is exact substring search on folded text (see `fold`). The index only narrows the
 * candidates: every run of word characters (Han and other letters, digits) gives a key per
 * character and a key per pair of neighbours. A query term's keys are the same keys of the term,
 * so every item that contains the term has them all (recall 100%); the client then confirms each
 * hit against the stored text (precision 100%).
 *
 * Latin words and digit runs are split into characters and pairs like Han text, not kept whole:
 * substring search must find `48` in `148小时` and `le` in `LED`, which whole-word keys could only
 * do by downloading the vocabulary; pairs also join across scripts (`8小` in `48小时`), so a
 * digit+Han query narrows as well as a Han one.
 */

const FULLWIDTH = /[\uFF01-\uFF5E\u3000]/g;

/**
 * The form text is matched in: lower case, full-width ASCII (ＡＢＣ１２３，) as ASCII, the
 * ideographic space as a space. Keeps the length in UTF-16 units, so a match found in folded text
 * is at the same place in the original (for highlighting).
 */
export function fold(text: string): string {
  let lower = text.toLowerCase();
  // A few characters (İ) lower-case to two units; keep those as they are.
  if (lower.length !== text.length) lower = Array.from(text, (c) => (c.toLowerCase().length === c.length ? c.toLowerCase() : c)).join('');
  return lower.replace(FULLWIDTH, (c) => (c === '\u3000' ? ' ' : String.fromCharCode(c.charCodeAt(0) - 0xfee0)));
}

const WORD = /[\p{L}\p{N}]/u;
let bmpWord: Uint8Array | undefined;

/** Whether a code point is part of a word (letters of any script, digits); the rest separates. */
export function isWordChar(cp: number): boolean {
  if (cp > 0xffff) return WORD.test(String.fromCodePoint(cp));
  if (!bmpWord) {
    // One regex test per code point is the indexer's hot loop; a table makes it a load.
    bmpWord = new Uint8Array(0x10000);
    for (let c = 0; c < 0x10000; c++) if (WORD.test(String.fromCharCode(c))) bmpWord[c] = 1;
  }
  return bmpWord[cp] === 1;
}

/** The index key of one word character, or of a pair of neighbours (`second` ≥ 0), by code point. */
export function tokenOf(first: number, second = -1): string {
  return second < 0 ? String.fromCodePoint(first) : String.fromCodePoint(first, second);
}

/**
 * Calls `emit(a, -1)` for every character of folded `text` and `emit(a, b)` for every pair of
 * neighbours, as code points, repeats included. Code points, not strings, because this is the
 * indexer's inner loop.
 */
export function forEachToken(folded: string, emit: (first: number, second: number) => void): void {
  let previous = -1;
  for (let i = 0; i < folded.length; i++) {
    let cp = folded.charCodeAt(i);
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < folded.length) {
      const low = folded.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        cp = (cp - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
        i++;
      }
    }
    if (!isWordChar(cp)) {
      previous = -1;
      continue;
    }
    emit(cp, -1);
    if (previous >= 0) emit(previous, cp);
    previous = cp;
  }
}

/** The terms of a query: folded, split at white space, without repeats. */
export function queryTerms(query: string): string[] {
  return [...new Set(fold(query).split(/\s+/u).filter((term) => term !== ''))];
}

export interface TermPlan {
  /** The folded term, as confirmed against stored text. */
  term: string;
  /** Index tokens every item containing the term has; empty when the term has no word character. */
  tokens: string[];
  /** True when the tokens alone decide the match (one or two word characters): no confirmation needed. */
  exact: boolean;
}

/** What the index must be asked for a folded term: pairs for runs of two or more characters, the character for a lone one. */
export function planTerm(term: string): TermPlan {
  const runs: number[][] = [];
  let run: number[] = [];
  for (const char of term) {
    const cp = char.codePointAt(0)!;
    if (isWordChar(cp)) run.push(cp);
    else if (run.length > 0) {
      runs.push(run);
      run = [];
    }
  }
  if (run.length > 0) runs.push(run);
  const tokens = new Set<string>();
  for (const points of runs) {
    if (points.length === 1) tokens.add(tokenOf(points[0]!));
    for (let i = 1; i < points.length; i++) tokens.add(tokenOf(points[i - 1]!, points[i]!));
  }
  const exact = runs.length === 1 && runs[0]!.length <= 2 && String.fromCodePoint(...runs[0]!) === term;
  return { term, tokens: [...tokens], exact };
}
