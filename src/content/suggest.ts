import { distance } from 'fastest-levenshtein';

function commonPrefix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && a[n] === b[n]) n++;
  return n;
}

/**
 * The known name closest to what a clerk wrote, for “是否是……？” hints; undefined when nothing
 * is close enough to be a likely typo (more than half of the characters differ). At equal
 * distance the name that starts the same way wins: 工业路办事处 → 工业路街道办事处, not 济源路办事处.
 */
export function closest(input: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  let bestPrefix = -1;
  for (const name of known) {
    const d = name.includes(input) || input.includes(name) ? 0.5 : distance(input, name);
    const prefix = commonPrefix(input, name);
    if (d < bestDistance || (d === bestDistance && prefix > bestPrefix)) {
      best = name;
      bestDistance = d;
      bestPrefix = prefix;
    }
  }
  return best !== undefined && bestDistance <= Math.max(1, Math.ceil(input.length / 2)) ? best : undefined;
}
