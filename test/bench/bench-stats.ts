import { closeSync, fdatasyncSync, openSync, writeSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

/** Latency samples of one measured operation, in microseconds. */
export interface Summary {
  n: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
}

/** Nearest-rank percentile of already sorted samples. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] as number;
}

/** Rounds to one decimal, enough for microsecond and millisecond figures. */
export const round1 = (x: number): number => Math.round(x * 10) / 10;

/** Percentiles of a set of samples (any unit). */
export function summarize(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const mean = sorted.reduce((s, x) => s + x, 0) / Math.max(1, sorted.length);
  return {
    n: sorted.length,
    p50: round1(percentile(sorted, 50)),
    p90: round1(percentile(sorted, 90)),
    p99: round1(percentile(sorted, 99)),
    max: round1(sorted[sorted.length - 1] ?? Number.NaN),
    mean: round1(mean),
  };
}

/** Median of a few samples (imports run a handful of times). */
export function median(samples: readonly number[]): number {
  return round1(percentile([...samples].sort((a, b) => a - b), 50));
}

/**
 * Collects latency samples and notes which were preempted: an involuntary context switch
 * of this process during the call means the scheduler took the CPU away (another process
 * on a busy machine), so those samples measure the machine rather than the code.
 */
export class Sampler {
  readonly us: number[] = [];
  readonly preempted: boolean[] = [];

  sample(fn: () => unknown): void {
    const before = process.resourceUsage().involuntaryContextSwitches;
    const t0 = performance.now();
    fn();
    const elapsed = (performance.now() - t0) * 1000;
    this.us.push(elapsed);
    this.preempted.push(process.resourceUsage().involuntaryContextSwitches !== before);
  }

  summary(): Summary & { preempted: number; p99_not_preempted: number } {
    const calm = this.us.filter((_, k) => !this.preempted[k]);
    return { ...summarize(this.us), preempted: this.us.length - calm.length, p99_not_preempted: summarize(calm).p99 };
  }
}

/**
 * The floor under a durable commit: a 16 KiB write and fdatasync of a file next to the
 * database, about what one recorded use appends to the WAL before it returns.
 */
export class SyncProbe {
  private readonly fd: number;
  private readonly block = Buffer.alloc(16_384, 0x5a);
  private offset = 0;

  constructor(path: string) {
    this.fd = openSync(path, 'w+');
  }

  once(): void {
    writeSync(this.fd, this.block, 0, this.block.length, this.offset);
    fdatasyncSync(this.fd);
    this.offset = (this.offset + this.block.length) % (4 * 1_048_576);
  }

  close(): void {
    closeSync(this.fd);
  }
}

/** Runs `fn` once and returns its wall time in milliseconds. */
export function timeMs(fn: () => unknown): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

/** Small deterministic PRNG (mulberry32), so every run builds the same data set. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Progress on stderr, so stdout carries only the result. */
export function progress(message: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}
