import { describe, expect, it } from 'vitest';
import { resetClockGuard } from '../../../electron/core/clock-guard.js';
import type { Terminal } from '../../../electron/core/terminal.js';
import type { AuditEntry } from '../../../shared/sync/sync-protocol.js';
import type { Hub } from '../../../hub/hub.js';
import type { StoredCard } from '../../../hub/store/hub-store.js';
import { TerminalKeys } from '../../../hub/terminals/terminal-auth.js';
import { ingestUpload } from '../../../hub/usage/ingest-upload.js';
import { auditEntries, cleanupAfterEach, enrol, holder, issue, recordUse, terminalFromHub, testClock, testHub, type EnrolledTerminal, type TestClock } from '../hub-fixtures.js';

const DAY = 86_400_000;

/**
 * An insider back-dates real uses: the terminal's clock is set back a day, the clock guard
 * reset (an older terminal, or one whose hub measurement never saw it), two uses recorded,
 * and the clock put right before the upload, so no CLOCK_OFF bound sees it. The hub holds the
 * terminal's own sequence: an entry stamped before one with a lower seq is a clock set back.
 */
describe('the hub flags a terminal clock set back between entries', () => {
  const later = cleanupAfterEach();
  const keys = new TerminalKeys();

  interface Venue {
    hub: Hub;
    clock: TestClock;
    /** How far the terminal's clock is from the real (hub) clock. */
    skew: { ms: number };
    card: StoredCard;
    terminal: Terminal;
    enrolled: EnrolledTerminal;
  }
  const setup = async (): Promise<Venue> => {
    const clock = testClock();
    const made = await testHub(clock);
    later(made.cleanup);
    const [card] = await issue(made.hub, [holder(1)]);
    if (card === undefined) throw new Error('no card');
    const skew = { ms: 0 };
    const { terminal, cleanup } = await terminalFromHub(made.hub, () => clock() + skew.ms);
    later(cleanup);
    return { hub: made.hub, clock, skew, card, terminal, enrolled: await enrol(made.hub, 'T1', '东昌影城') };
  };
  const upload = async (v: Venue, entries: AuditEntry[]): Promise<string[]> => {
    const stored = await v.hub.store.terminals.get('T1');
    const result = await ingestUpload(v.hub, v.enrolled.batch(entries, v.hub.now()), keys, stored);
    if (!result.ok) throw new Error(result.error.message);
    return result.value.flags;
  };
  const use = (v: Venue) => recordUse(v.terminal, v.card.token, 'cinema', v.terminal.now());
  const backDate = (v: Venue) => {
    v.skew.ms = -DAY;
    expect(resetClockGuard(v.terminal, 'clock ok', { via: 'cli' }).ok).toBe(true);
    use(v);
    v.clock.advance(60_000);
    use(v);
    v.skew.ms = 0;
  };

  it('flags the reset that lowered the clock guard a day (the back-dated uses after it follow it), in one batch', async () => {
    const v = await setup();
    use(v);
    v.clock.advance(3_600_000);
    backDate(v);
    const entries = auditEntries(v.terminal);
    const reset = entries.find((e) => e.kind === 'clock');
    const flags = await upload(v, entries);
    expect(flags).toEqual([
      expect.stringMatching(new RegExp(`^CLOCK_RESET_BACK: seq ${reset?.seq}: a supervisor reset lowered the clock guard by \\d+ h`)),
    ]);
    expect(await v.hub.store.flags.counts()).toEqual({ CLOCK_RESET_BACK: 1 });
    // The same batch again raises nothing new.
    await upload(v, entries);
    expect(await v.hub.store.flags.counts()).toEqual({ CLOCK_RESET_BACK: 1 });
  });

  it('flags CLOCK_BACK for the first entry stamped before the one before it, when that one came in an earlier batch', async () => {
    const v = await setup();
    use(v);
    const first = auditEntries(v.terminal);
    expect(await upload(v, first)).toEqual([]);
    v.clock.advance(3_600_000);
    // Set back without a reset (an unenrolled terminal warns CLOCK_SUSPECT but records).
    v.skew.ms = -DAY;
    use(v);
    v.clock.advance(60_000);
    use(v);
    v.skew.ms = 0;
    const rest = auditEntries(v.terminal, first.length);
    const flags = await upload(v, rest);
    expect(flags).toEqual([expect.stringMatching(new RegExp(`^CLOCK_BACK: seq ${rest[0]?.seq} stamped \\d+ h before seq ${rest[0]!.seq - 1}`))]);
    const stored = await v.hub.store.flags.list({ limit: 10, kind: 'CLOCK_BACK' });
    expect(stored).toMatchObject([{ terminalId: 'T1', auditSeq: rest[0]?.seq }]);
  });

  it('flags nothing for a clock that only moves forward, nor for a step back within the tolerance', async () => {
    const v = await setup();
    use(v);
    v.clock.advance(DAY);
    use(v);
    v.skew.ms = -120_000;
    use(v);
    expect(resetClockGuard(v.terminal, 'two minutes', { via: 'cli' }).ok).toBe(true);
    expect(await upload(v, auditEntries(v.terminal))).toEqual([]);
    expect(await v.hub.store.flags.counts()).toEqual({});
  });
});
