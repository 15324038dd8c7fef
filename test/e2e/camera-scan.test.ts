import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RENDERER_DIR } from './support/e2e-browser.js';
import { useE2eTerminal } from './support/e2e-hooks.js';
import { FAKE_CAMERA_DEFAULTS } from '../support/fake-camera.mjs';
import { median, readProbe, type ProbeRecord } from './support/page-probe.js';
import { hookDecoderWorkers, installCameraTiming, readCameraTiming, scanSteps, type ScanSteps } from './support/camera-timing.js';

/**
 * Camera → verdict, measured in the page: from the first video frame in which the QR is in
 * view (the fake camera's dark→bright cut, seen by requestVideoFrameCallback) to the verdict
 * banner entering the DOM and to the animation frame that paints it; and where that time went,
 * step by step (support/camera-timing.ts). Figures are printed, never asserted.
 */
/** The nearest-rank percentile (with 20 warm scans, p95 is the 19th: of 9 it was the slowest, so one fsync'd record under load decided it). */
function nearestRank(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] ?? NaN;
}

function cameraLatencies(probe: ProbeRecord): { start: number; inDom: number; painted: number | null; toDom: number; toPaint: number | null; missedFrames: number }[] {
  const frameMs = 1000 / FAKE_CAMERA_DEFAULTS.fps;
  return probe.verdicts.map((verdict) => {
    const before = probe.cardInView.filter((f) => f.at <= verdict.inDom);
    const entered = before[before.length - 1];
    if (entered === undefined) throw new Error('a verdict appeared with no QR frame before it');
    // Frames the probe did not see may already have shown the QR: count from the earliest of them.
    const start = entered.at - entered.missedFrames * frameMs;
    return { start, inDom: verdict.inDom, painted: verdict.painted, toDom: verdict.inDom - start, toPaint: verdict.painted === null ? null : verdict.painted - start, missedFrames: entered.missedFrames };
  });
}

/**
 * The card is in view 0.5 s of each loop (the default is 1 s): a verdict comes within about 0.2 s
 * of the cut, and the 1.2 s empty view, longer than the decoder's 1 s quiet time, is what lets the
 * same card be read again. Each sample takes one loop, 1.7 s instead of 2.2 s.
 */
const CARD_IN_VIEW_SECONDS = 0.5;

type Step = Exclude<keyof ScanSteps, 'framesDecoded'> | 'verifyServer';

const STEP_NAMES: Record<Step, string> = {
  waitForGrab: 'QR in view → its frame grabbed',
  framePipeline: '  of which capture → the page told of the frame',
  grab: 'grab (drawImage + getImageData)',
  decode: 'decode in the worker',
  workerMessaging: 'to the worker and back',
  toVerifyCall: 'answer → card.verify called',
  verify: 'card.verify (HTTP, core, durable record)',
  verifyServer: '  of which sent → first byte back (bridge, core, fsync)',
  parse: 'answer → parsed (JSON)',
  render: 'parsed → banner in the DOM (state, React render)',
  paint: 'DOM → next animation frame (paint)',
  total: 'total',
};

/** The warm scans' steps, median and p95 of each (ms). */
function breakdown(steps: (ScanSteps & { verifyServer: number | null })[]): string {
  const lines = Object.entries(STEP_NAMES).map(([key, name]) => {
    const values = steps.map((s) => s[key as Step]).filter((v): v is number => v !== null && Number.isFinite(v));
    if (values.length === 0) return `  ${name}: not seen`;
    return `  ${name}: median ${median(values).toFixed(1)}, p95 ${nearestRank(values, 0.95).toFixed(1)} (${values.map((v) => v.toFixed(0)).join(', ')})`;
  });
  const frames = steps.map((s) => s.framesDecoded).join(', ');
  return ['where the warm scans\' time went (ms):', ...lines, `  frames decoded from the QR's entry to the read: ${frames}`].join('\n');
}

describe('the counter reading a card through the camera', () => {
  const file = useE2eTerminal({ cameraCard: 'gold-a', cameraLoop: { cardSeconds: CARD_IN_VIEW_SECONDS } });

  it('times the build that ships: React\'s production build, not its development one', () => {
    const assets = join(RENDERER_DIR, 'assets');
    const scripts = readdirSync(assets).filter((name) => name.endsWith('.js'));
    expect(scripts.length).toBeGreaterThan(0);
    for (const name of scripts) expect(readFileSync(join(assets, name), 'utf8'), name).not.toContain('jsxDEV');
  });

  it('accepts the gold card held up to the fake camera, and measures camera → verdict', async () => {
    const e2e = file.terminal;
    const counter = await file.openCounter();
    // The step timing wraps canvas, Worker and fetch before the app loads: installed, then the page loaded again.
    await installCameraTiming(counter.page);
    await counter.page.reload();
    await counter.tid('signin-id').waitFor();
    await counter.signIn('op1');
    // The preview goes live; the card enters the view after 1.2 s of an empty counter.
    await counter.tid('camera-video').waitFor();
    await hookDecoderWorkers(counter.page);
    // The browser's own timing of each card.verify: request sent → first byte of the answer.
    const verifyServer: number[] = [];
    counter.page.on('requestfinished', (request) => {
      if (!request.url().endsWith('/api/card.verify')) return;
      const timing = request.timing();
      verifyServer.push(timing.responseStart - timing.requestStart);
    });
    // A cold scan and 20 warm ones: with 20, the p95 is a percentile, not the slowest scan.
    const samples = 21;
    for (let i = 0; i < samples; i += 1) {
      const shown = await counter.verdict();
      expect(shown).toEqual({ verdict: 'accept', reason: null, warnings: [] });
      await expect(counter.tid('holder-name').textContent()).resolves.toBe('张*明');
      await expect(counter.tid('id-tail').textContent()).resolves.toBe('1234');
      await expect(counter.tid('quota').textContent()).resolves.toContain('已用 0/12');
      if (i === 0) await counter.screenshot('camera-verdict-accept');
      // Esc records nothing; the card has to leave the view (the empty 1.2 s of the loop) before it is read again.
      await counter.backToScan();
      if (i === 0) await counter.screenshot('02-scan-camera');
    }

    const probe = await readProbe(counter.page);
    expect(probe.verdicts).toHaveLength(samples);
    const times = cameraLatencies(probe);
    for (const t of times) expect(t.toDom).toBeGreaterThan(0);
    const warm = times.slice(1).map((t) => t.toPaint ?? t.toDom);
    const p95 = nearestRank(warm, 0.95);
    console.log(
      [
        'camera → verdict (QR frame enters the view → verdict painted), 640×480 fake camera:',
        `  first scan after sign-in (decoder cold): ${(times[0]?.toPaint ?? NaN).toFixed(0)} ms`,
        `  next ${warm.length} scans: ${warm.map((ms) => ms.toFixed(0)).join(', ')} ms; median ${median(warm).toFixed(0)} ms; p95 ${p95.toFixed(0)} ms (target p95 ≤ 150 ms)`,
        `  to the banner in the DOM: ${times.map((t) => t.toDom.toFixed(0)).join(', ')} ms; frames unseen by the probe at the cut: ${times.map((t) => t.missedFrames).join(', ')}`,
      ].join('\n'),
    );

    const steps = scanSteps(await readCameraTiming(counter.page), times).map((step, i) => ({ ...step, verifyServer: verifyServer[i] ?? null }));
    console.log(breakdown(steps.slice(1)));

    // Escaping every verdict recorded nothing: the decisions are kept, no use.
    const history = await e2e.value('history.list', {});
    expect(history).toHaveLength(samples);
    expect(history.every((h) => h.decision === 'accept' && !h.recorded)).toBe(true);
  });
});
