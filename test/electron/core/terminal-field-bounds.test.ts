import { afterEach, describe, expect, it } from 'vitest';
import type { Terminal } from '../../../electron/core/terminal.js';
import { COMPANIONS_PER_RELATION_MAX, InvalidFieldError, TICKET_MAX } from '../../../shared/request-fields.js';
import type { Companions } from '../../../shared/relations.js';
import { at, makeAuthority, provisionedTerminal, type TestAuthority } from '../../support/fixtures.js';
import { openStores } from '../../support/stores.js';
import { usesRecorded } from '../../../electron/core/terminal-reports.js';

// The core's own bounds (shared/request-fields.ts), for callers that skip the API schema and the
// CLI: a 17,000-character ticket or beneficiary is refused before anything is kept or queued.

const NOW = at('2026-06-01T10:00:00+08:00');
const LONG = 'K'.repeat(17_000);

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()?.();
});

function setup(): { authority: TestAuthority; terminal: Terminal } {
  const authority = makeAuthority();
  const t = provisionedTerminal(authority, { clock: () => NOW });
  cleanups.push(t.cleanup);
  return { authority, terminal: t.terminal };
}

/** Rows in each table a verify or record writes. */
const written = (terminal: Terminal) => {
  const n = (table: string) => openStores(terminal).db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM ${table}`).get()?.n ?? 0;
  return { decisions: n('decisions'), uses: usesRecorded(terminal), audit: n('audit_log') };
};

describe('Terminal.record — field bounds', () => {
  it(`refuses a 17,000-character ticket with INVALID_FIELD and writes nothing; ${TICKET_MAX} characters are kept`, () => {
    const { authority, terminal } = setup();
    const v = terminal.verify({ token: authority.card(), service: 'bus', atMs: NOW, companions: {} });
    expect(v.decision.decision).toBe('accept');
    const before = written(terminal);
    expect(terminal.record(v.id, { ticket: LONG })).toEqual({ ok: false, error: 'INVALID_FIELD' });
    expect(terminal.record(v.id, { ticket: 'K'.repeat(TICKET_MAX + 1) })).toEqual({ ok: false, error: 'INVALID_FIELD' });
    expect(written(terminal)).toEqual(before);
    // Counted once trimmed, as it is kept.
    const kept = terminal.record(v.id, { ticket: ` ${'K'.repeat(TICKET_MAX)} ` });
    expect(kept).toMatchObject({ ok: true, value: { use: { ticket: 'K'.repeat(TICKET_MAX) } } });
  });

  it('refuses a ticket with a tab, a line break or a bidirectional override inside (the hub would refuse the use as BAD_USE) and writes nothing', () => {
    const { authority, terminal } = setup();
    const v = terminal.verify({ token: authority.card(), service: 'bus', atMs: NOW, companions: {} });
    const before = written(terminal);
    for (const ticket of ['G12\t34', 'G12\n34', 'G12\u202e43']) expect(terminal.record(v.id, { ticket })).toEqual({ ok: false, error: 'INVALID_FIELD' });
    expect(written(terminal)).toEqual(before);
    expect(terminal.record(v.id, { ticket: 'G1234 08:30' })).toMatchObject({ ok: true, value: { use: { ticket: 'G1234 08:30' } } });
  });

  it('refuses companions out of bounds (a count over the cap, negative, fractional, an unknown relation) and writes nothing', () => {
    const { authority, terminal } = setup();
    const v = terminal.verify({ token: authority.card(), service: 'gym', atMs: NOW, companions: {} });
    const before = written(terminal);
    const bad: unknown[] = [{ spouse: COMPANIONS_PER_RELATION_MAX + 1 }, { spouse: -1 }, { child: 0.5 }, { cousin: 1 }];
    for (const companions of bad) expect(terminal.record(v.id, { companions: companions as Companions })).toEqual({ ok: false, error: 'INVALID_FIELD' });
    expect(written(terminal)).toEqual(before);
  });
});

describe('Terminal.verify — field bounds', () => {
  it('refuses a 17,000-character beneficiary, a typed one or an ID number with InvalidFieldError, never repeating it, and writes nothing', () => {
    const { authority, terminal } = setup();
    const before = written(terminal);
    for (const beneficiary of [LONG, '父亲', '11010519491231002X']) {
      let thrown: unknown;
      try {
        terminal.verify({ token: authority.card(), service: 'eldercare', atMs: NOW, companions: {}, beneficiary });
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(InvalidFieldError);
      expect(thrown).toMatchObject({ field: 'beneficiary' });
      expect((thrown as Error).message).not.toContain(beneficiary);
    }
    expect(written(terminal)).toEqual(before);
    expect(terminal.verify({ token: authority.card(), service: 'eldercare', atMs: NOW, companions: {}, beneficiary: 'father' }).decision.decision).toBe('accept');
  });

  it('refuses a 17,000-character service and companions out of bounds, and writes nothing', () => {
    const { authority, terminal } = setup();
    const before = written(terminal);
    expect(() => terminal.verify({ token: authority.card(), service: LONG, atMs: NOW, companions: {} })).toThrow(InvalidFieldError);
    expect(() => terminal.verify({ token: authority.card(), service: 'gym', atMs: NOW, companions: { spouse: 10_000 } })).toThrow(InvalidFieldError);
    expect(written(terminal)).toEqual(before);
  });
});
