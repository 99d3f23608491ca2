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
