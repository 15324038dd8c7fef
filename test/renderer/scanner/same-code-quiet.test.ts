import { describe, expect, it } from 'vitest';
import { SameCodeQuiet } from '../../../renderer/src/scanner/same-code-quiet.js';

describe('the same code held in view is reported once', () => {
  it('reports a code, then not while it stays in view, read frame after frame', () => {
    const quiet = new SameCodeQuiet(1000);
    expect(quiet.report('A', 0)).toBe(true);
    // Read on every frame for three seconds: each read renews "seen", so it never goes quiet.
    for (let t = 33; t < 3000; t += 33) expect(quiet.report('A', t)).toBe(false);
  });

  it('reports it again once it has been out of view the quiet time', () => {
    const quiet = new SameCodeQuiet(1000);
    quiet.report('A', 0);
    expect(quiet.report('A', 999)).toBe(false);
    expect(quiet.report('A', 1999)).toBe(true);
  });

  it('reports another code at once', () => {
    const quiet = new SameCodeQuiet(1000);
    quiet.report('A', 0);
    expect(quiet.report('B', 40)).toBe(true);
    expect(quiet.report('A', 80)).toBe(true);
  });

  it('counts the code in view when the loop stopped as just seen when it starts again', () => {
    const quiet = new SameCodeQuiet(1000);
    quiet.report('A', 0);
    // Without the restart, a read 5 s later would be reported.
    const fresh = new SameCodeQuiet(1000);
    fresh.report('A', 0);
    expect(fresh.report('A', 5100)).toBe(true);
    // The verdict was shown for 5 s; scanning again, the card is still there.
    quiet.restart(5000);
    expect(quiet.report('A', 5100)).toBe(false);
    // Taken away at 5.1 s: read again 1.1 s later, it is a new presentation.
    expect(quiet.report('A', 6200)).toBe(true);
  });
});
