import type { IntervalHistogram, RecordableHistogram } from 'node:perf_hooks';
import { round } from './stats';

export interface HistogramSummary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Percentiles of a perf_hooks histogram, divided by `unitsPerMs` (1e3 for µs, 1e6 for ns) into milliseconds. */
export function histogramSummary(
  histogram: RecordableHistogram | IntervalHistogram,
  unitsPerMs: number,
): HistogramSummary {
  const ms = (value: number) => round(value / unitsPerMs, 2);
  return {
    count: histogram.count,
    p50: ms(histogram.percentile(50)),
    p95: ms(histogram.percentile(95)),
    p99: ms(histogram.percentile(99)),
    max: ms(histogram.max),
  };
}
