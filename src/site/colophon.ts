/**
 * The 报尾 of an issue as it is printed. GB/T 9704-2012 (7.4.2) sets the recipients of a line
 * apart with full-width commas and ends the line with a full stop.
 */
import type { Colophon } from '../content/index.ts';
import type { ColophonView } from './model.ts';

/** A line the clerk already ended (or wrote as one sentence) keeps its own stop. */
const ENDED = /[。．.；;！!]$/u;

export function recipientLine(names: readonly string[]): string {
  const line = names.join('，');
  return ENDED.test(line) ? line : `${line}。`;
}

export function colophonView(colophon: Colophon): ColophonView | undefined {
  const lines = (
    [
      ['报送', colophon.reportTo],
      ['抄送', colophon.copyTo],
      ['发送', colophon.sendTo],
    ] as const
  )
    .filter(([, names]) => names.length > 0)
    .map(([label, names]) => ({ label, text: recipientLine(names) }));
  if (lines.length === 0 && colophon.copies === undefined) return undefined;
  return { lines, copies: colophon.copies };
}
