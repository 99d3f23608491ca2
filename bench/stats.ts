/** Percentiles and medians over raw samples (milliseconds), rounded for reporting. */

export type Percentiles = { n: number; mean: number; p50: number; p95: number; p99: number };

export const round = (value: number, digits = 2) => {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
};

/** Nearest-rank percentile of sorted samples. */
const rank = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];

export const percentiles = (samples: number[]): Percentiles => {
  if (samples.length === 0) throw new Error('no samples');
  const sorted = Float64Array.from(samples).sort();
  const values = Array.from(sorted);
  return {
    n: values.length,
    mean: round(values.reduce((sum, v) => sum + v, 0) / values.length),
    p50: round(rank(values, 50)),
    p95: round(rank(values, 95)),
    p99: round(rank(values, 99)),
  };
};

export const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/**
 * The interval between two order statistics of `values` that holds their median with at least
 * `confidence` (from the binomial law, whatever the values' own distribution): what a run's
 * rounds say about the median a longer run would find. With too few rounds for `confidence`, the
 * whole range, and the confidence it has.
 */
export const medianInterval = (values: number[], confidence = 0.9) => {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  const probability = (k: number) => {
    let c = 1;
    for (let i = 1; i <= k; i++) c = (c * (n - k + i)) / i;
    return c / 2 ** n;
  };
  // `outside` rounds may lie beyond each end: P(Binomial(n, 1/2) < outside) on each side
  let tail = 0;
  let outside = 0;
  while (2 * (tail + probability(outside)) <= 1 - confidence) tail += probability(outside++);
  const ends = outside > 0 ? outside - 1 : 0;
  return {
    low: sorted[ends],
    high: sorted[n - 1 - ends],
    confidence: round(1 - 2 * (outside > 0 ? tail : probability(0)), 3),
  };
};

/** A fixed-width text table. */
export const table = (header: string[], rows: (string | number)[][]) => {
  const cells = [header, ...rows.map((row) => row.map(String))];
  const widths = header.map((_, i) => Math.max(...cells.map((row) => (row[i] ?? '').length)));
  const line = (row: string[]) =>
    row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
  return [line(cells[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)]
    .map((l) => `  ${l}`)
    .join('\n');
};
