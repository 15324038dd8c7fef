import { storesOf, type Terminal } from './terminal.js';

/** Why a gate-open request was not sent: no such use here, or the gate was asked for this use before. */
export type GateClaim = 'claimed' | 'no-use' | 'already';

/**
 * Claims the one gate opening a recorded use allows, durably, before any byte reaches the
 * gate: a second call, a retry or a restart answers 'already' and never opens again.
 */
export function claimGateOpen(terminal: Terminal, useId: string): GateClaim {
  const stores = storesOf(terminal);
  return stores.transaction(() => {
    if (!stores.gateOpens.hasUse(useId)) return 'no-use';
    if (stores.gateOpens.state(useId) !== undefined) return 'already';
    stores.gateOpens.claim(useId, terminal.now());
    return 'claimed';
  });
}

/** Keeps that the gate opened for a claimed use. */
export function gateOpened(terminal: Terminal, useId: string): void {
  const stores = storesOf(terminal);
  stores.transaction(() => stores.gateOpens.finish(useId, 'opened', terminal.now(), null));
}

/**
 * The gate never opened for a recorded use: keeps the failure and voids the use with an
 * appended `void` audit entry (the recorded `use` entry stays as it is, the chain is never
 * rewritten), so the holder's quota is not spent; the hub counts the use as voided.
 * Voiding twice changes nothing. Answers the void entry's audit seq.
 */
export function voidUse(terminal: Terminal, useId: string, reason: string): number | undefined {
  const stores = storesOf(terminal);
  const nowMs = terminal.now();
  return stores.transaction(() => {
    if (!stores.gateOpens.hasUse(useId)) return undefined;
    stores.gateOpens.finish(useId, 'failed', nowMs, reason);
    const held = stores.gateOpens.voidedAt(useId);
    if (held !== undefined) return held;
    const entry = stores.audit.append('void', nowMs, { use: useId, reason });
    stores.gateOpens.markVoided(useId, entry.seq, nowMs, reason);
    return entry.seq;
  });
}

/** Keeps a supervisor's gate test (one pulse with no use behind it) in the audit log, with its outcome and who asked. */
export function auditGateTest(terminal: Terminal, state: string, operator?: string): void {
  const stores = storesOf(terminal);
  stores.transaction(() => stores.audit.append('gate', terminal.now(), { test: true, state, ...(operator === undefined ? {} : { operator }) }));
}
