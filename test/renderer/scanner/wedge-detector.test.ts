import { describe, expect, it } from 'vitest';
import { unfinishedCardToken } from '../../../renderer/src/scanner/card-token-shape.js';
import { WedgeDetector, type WedgeTimers } from '../../../renderer/src/scanner/wedge-detector.js';

/** A hand-driven clock: timers fire only when the test advances time. */
function fakeTimers(): WedgeTimers & { advance(ms: number): void; now: number } {
  let pending: { at: number; cb: () => void; id: number }[] = [];
  let nextId = 1;
  const clock = {
    now: 0,
    set(cb: () => void, ms: number): unknown {
      const id = nextId++;
      pending.push({ at: clock.now + ms, cb, id });
      return id;
    },
    clear(handle: unknown): void {
      pending = pending.filter((p) => p.id !== handle);
    },
    advance(ms: number): void {
      clock.now += ms;
      const due = pending.filter((p) => p.at <= clock.now);
      pending = pending.filter((p) => p.at > clock.now);
      for (const p of due) p.cb();
    },
  };
  return clock;
}

function setup() {
  const scans: string[] = [];
  const timers = fakeTimers();
  const options = { maxGapMs: 50, minLength: 8, idleMs: 100, graceMs: 400, expectMore: unfinishedCardToken };
  const detector = new WedgeDetector((text) => scans.push(text), options, timers);
  const type = (text: string, gapMs: number): void => {
    for (const ch of text) {
      timers.advance(gapMs);
      detector.key(ch, timers.now);
    }
  };
  return { scans, timers, detector, type };
}

describe('WedgeDetector', () => {
  it('reports a fast burst ending with Enter and swallows that Enter', () => {
    const { scans, timers, detector, type } = setup();
    type('eyJhbGciOiJFUzI1NiJ9.x.y', 4);
    timers.advance(4);
    expect(detector.key('Enter', timers.now)).toBe('consume');
    expect(scans).toEqual(['eyJhbGciOiJFUzI1NiJ9.x.y']);
  });

  it('reports a burst without a terminator once the scanner pauses', () => {
    const { scans, timers, type } = setup();
    type('ABCDEFGHIJ', 3);
    expect(scans).toEqual([]);
    timers.advance(100);
    expect(scans).toEqual(['ABCDEFGHIJ']);
  });

  it('lets a person’s typing and Enter through untouched', () => {
    const { scans, timers, detector, type } = setup();
    type('1234567890', 120);
    timers.advance(120);
    expect(detector.key('Enter', timers.now)).toBe('pass');
    timers.advance(500);
    expect(scans).toEqual([]);
  });

  it('does not take a short fast run (a rolled key pair) for a scan', () => {
    const { scans, timers, detector, type } = setup();
    type('ab', 10);
    timers.advance(10);
    expect(detector.key('Enter', timers.now)).toBe('pass');
    expect(scans).toEqual([]);
  });

  it('ignores Shift between a scanner’s capital letters', () => {
    const { scans, timers, detector } = setup();
    for (const ch of 'AbCdEfGhIj') {
      timers.advance(3);
      if (ch === ch.toUpperCase()) detector.key('Shift', timers.now);
      detector.key(ch, timers.now);
    }
    timers.advance(3);
    expect(detector.key('Enter', timers.now)).toBe('consume');
    expect(scans).toEqual(['AbCdEfGhIj']);
  });

  it('never counts auto-repeat of a held key as a burst', () => {
    const { scans, timers, detector } = setup();
    for (let i = 0; i < 20; i += 1) {
      timers.advance(33);
      detector.key('x', timers.now, i > 0);
    }
    timers.advance(200);
    expect(scans).toEqual([]);
  });

  it('keeps a burst whole across a short hiccup, even among its first keys', () => {
    const { scans, timers, detector, type } = setup();
    type('FIR', 3);
    timers.advance(80);
    detector.key('S', timers.now);
    type('THALF.', 3);
    timers.advance(90);
    detector.key('x', timers.now);
    type('SECONDHALF', 3);
    timers.advance(3);
    expect(detector.key('Enter', timers.now)).toBe('consume');
    expect(scans).toEqual(['FIRSTHALF.xSECONDHALF']);
  });

  it('waits out a longer pause inside an unfinished card token', () => {
    const { scans, timers, type } = setup();
    const token = `eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiIxIn0.${'s'.repeat(86)}`;
    type(token.slice(0, 50), 3);
    timers.advance(250);
    expect(scans).toEqual([]);
    type(token.slice(50), 3);
    timers.advance(100);
    expect(scans).toEqual([token]);
  });

  it('takes a person typing at a brisk pace (gaps under the pause) for a person', () => {
    const { scans, timers, detector, type } = setup();
    type('hello world again', 85);
    timers.advance(20);
    expect(detector.key('Enter', timers.now)).toBe('pass');
    timers.advance(500);
    expect(scans).toEqual([]);
  });

  it('reports two scans that follow each other', () => {
    const { scans, timers, detector, type } = setup();
    type('FIRSTCODE1', 2);
    timers.advance(2);
    detector.key('Enter', timers.now);
    timers.advance(300);
    type('SECONDCODE', 2);
    timers.advance(150);
    expect(scans).toEqual(['FIRSTCODE1', 'SECONDCODE']);
  });
});
