/** Small statistics shared by the benchmarks. */

/** The middle value (the upper middle one for an even count). */
export const median = (xs: readonly number[]): number => xs.toSorted((a, b) => a - b)[Math.floor(xs.length / 2)]!;
