import { describe, expect, it } from 'vitest';
import { at, makeAuthority, provisionedTerminal } from './support/fixtures.js';

describe('terminal smoke', () => {
  it('accepts a gold card A at the cinema and counts the recorded use', () => {
    const authority = makeAuthority();
    const { terminal, cleanup } = provisionedTerminal(authority);
    try {
      const request = { token: authority.card(), service: 'cinema', atMs: at('2026-06-01T10:00:00+08:00'), companions: {} };
      const first = terminal.verify(request);
      expect(first.decision).toMatchObject({ decision: 'accept', reasons: [], quota: { limit: 12, used: 0, remaining: 12, period_end: '2027-03-01T00:00:00+08:00' } });
      expect(terminal.record(first.id).ok).toBe(true);
      const second = terminal.decide({ ...request, atMs: at('2026-06-01T12:00:00+08:00') });
      expect(second.decision.quota).toMatchObject({ used: 1, remaining: 11 });
    } finally {
      cleanup();
    }
  });
});
