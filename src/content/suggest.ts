import { distance } from 'fastest-levenshtein';

/**
 * The known name closest to what a clerk wrote, for “是否是……？” hints; undefined when nothing
 * is close enough to be a likely typo (more than half of the characters differ).
 */
export function closest(input: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const name of known) {
    const d = name.includes(input) || input.includes(name) ? 0.5 : distance(input, name);
    if (d < bestDistance) {
      best = name;
      bestDistance = d;
    }
  }
  return best !== undefined && bestDistance <= Math.max(1, Math.ceil(input.length / 2)) ? best : undefined;
}
