/** The figures one bench run measured; every latency is in µs, every import in ms. */
export interface BenchFigures {
  es256_verify_p50_us: number;
  es256_verify_p99_us: number;
  decide_p50_us: number;
  decide_p99_us: number;
  record_p99_us: number;
  import_full_100k_ms: number;
  import_delta_100_ms: number;
  rss_mb: number;
  [extra: string]: unknown;
}

/** The targets of this 2-core machine, each with its limit and whether the run met it. */
export function targets(f: BenchFigures): Record<string, { limit: string; value: number; pass: boolean }> {
  return {
    decide_p50: { limit: `≤ 2 × es256_verify_p50_us (${2 * f.es256_verify_p50_us} µs)`, value: f.decide_p50_us, pass: f.decide_p50_us <= 2 * f.es256_verify_p50_us },
    decide_p99: { limit: '≤ 1000 µs', value: f.decide_p99_us, pass: f.decide_p99_us <= 1000 },
    record_p99: { limit: '≤ 5000 µs', value: f.record_p99_us, pass: f.record_p99_us <= 5000 },
    import_full_100k: { limit: '≤ 2000 ms', value: f.import_full_100k_ms, pass: f.import_full_100k_ms <= 2000 },
    import_delta_100: { limit: '≤ 50 ms', value: f.import_delta_100_ms, pass: f.import_delta_100_ms <= 50 },
  };
}

/** Adds the pass/fail booleans as flat fields (`pass_decide_p50`, …, `pass_all`). */
export function withVerdicts(f: BenchFigures): BenchFigures & Record<string, unknown> {
  const t = targets(f);
  const flags: Record<string, boolean> = {};
  for (const [name, target] of Object.entries(t)) flags[`pass_${name}`] = target.pass;
  return { ...f, ...flags, pass_all: Object.values(t).every((x) => x.pass) };
}

const ROWS: readonly [string, string, string][] = [
  ['es256_verify_p50_us', 'jsonwebtoken ES256 verify, p50', 'µs'],
  ['es256_verify_p99_us', 'jsonwebtoken ES256 verify, p99', 'µs'],
  ['decide_p50_us', 'decide (cinema), p50', 'µs'],
  ['decide_p99_us', 'decide (cinema), p99', 'µs'],
  ['decide_p99_not_preempted_us', 'decide (cinema), p99 of samples not preempted', 'µs'],
  ['decide_eldercare_p50_us', 'decide (eldercare), p50', 'µs'],
  ['decide_eldercare_p99_us', 'decide (eldercare), p99', 'µs'],
  ['verify_p50_us', 'verify: decide + kept decision, p50', 'µs'],
  ['verify_p99_us', 'verify: decide + kept decision, p99', 'µs'],
  ['record_p50_us', 'record of a verified accept, p50', 'µs'],
  ['record_p99_us', 'record of a verified accept, p99', 'µs'],
  ['record_p99_not_preempted_us', 'record, p99 of samples not preempted', 'µs'],
  ['fdatasync_p50_us', 'disk floor: 16 KiB write + fdatasync, p50', 'µs'],
  ['fdatasync_p99_us', 'disk floor: 16 KiB write + fdatasync, p99', 'µs'],
  ['import_initial_full_100k_ms', 'import full list 100k (empty before)', 'ms'],
  ['import_full_100k_ms', 'import full list 100k (replacing), median', 'ms'],
  ['import_delta_100_ms', 'import delta 100, median', 'ms'],
  ['import_delta_100_max_ms', 'import delta 100, max', 'ms'],
  ['rss_mb', 'RSS at the end', 'MB'],
  ['peak_rss_mb', 'peak RSS', 'MB'],
];

/** The readable table printed without --json. */
export function table(f: BenchFigures & Record<string, unknown>): string {
  const lines: string[] = [];
  lines.push(`Jinka core bench — node ${String(f.node)}, ${String(f.cpus)} × ${String(f.cpu_model)}`);
  lines.push(`data: ${String(f.revoked_cards)} revoked cards, ${String(f.usage_rows)} usage rows; samples: ${JSON.stringify(f.n)}`);
  lines.push(`load average before ${JSON.stringify(f.loadavg_before)}, after ${JSON.stringify(f.loadavg_after)}; preempted samples ${JSON.stringify(f.preempted_samples)}`);
  lines.push('');
  for (const [key, label, unit] of ROWS) {
    const value = f[key];
    if (typeof value !== 'number') continue;
    lines.push(`  ${label.padEnd(46)} ${String(value).padStart(10)} ${unit}`);
  }
  lines.push('');
  lines.push('targets:');
  for (const [name, t] of Object.entries(targets(f))) {
    lines.push(`  ${(t.pass ? 'PASS' : 'FAIL').padEnd(5)} ${name.padEnd(18)} ${String(t.value).padStart(10)}  ${t.limit}`);
  }
  return lines.join('\n');
}
