// Axis arithmetic for the inline SVG charts: a "nice" top value and evenly spaced ticks.

/** The smallest of 1, 2, 2.5, 5 × 10^k that is ≥ max (at least 1). */
export function niceMax(max: number): number {
  if (!Number.isFinite(max) || max <= 1) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * power >= max) return step * power;
  return 10 * power;
}

/** Evenly spaced ticks from 0 to `top`; for counts (`integer`) only whole steps. */
export function ticks(top: number, integer = false): number[] {
  const count = [4, 5, 2, 3].find((c) => !integer || Number.isInteger(top / c)) ?? 1;
  return Array.from({ length: count + 1 }, (_, i) => (top * i) / count);
}

export function shortNumber(n: number): string {
  if (n >= 1_000_000) return `${+(n / 1_000_000).toFixed(1)}M`;
  if (n >= 1_000) return `${+(n / 1_000).toFixed(1)}k`;
  return String(+n.toFixed(2));
}
