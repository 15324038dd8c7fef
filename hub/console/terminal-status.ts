import { ONLINE_WITHIN_MS } from '../../shared/console/overview-api.js';
import type { TerminalView } from '../../shared/console/terminal-api.js';
import type { StoredTerminal } from '../store/hub-store.js';

/** What the console knows of a terminal besides its row: the hub's clock, the rules' stale-list age, its open flags by kind. */
export interface TerminalContext {
  nowMs: number;
  listStaleHours: number;
  openFlags: Record<string, number> | undefined;
}

/** Online when heard from within ONLINE_WITHIN_MS (a clock ahead of ours counts as heard now). */
export const isOnline = (t: StoredTerminal, nowMs: number): boolean => t.lastSeenMs !== null && nowMs - t.lastSeenMs <= ONLINE_WITHIN_MS;

/**
 * Stale lists: the terminal has not been heard from for longer than the rules' `listStaleHours`
 * (never synced included). What it holds can be no newer than its last contact, so this is a
 * lower bound: a terminal that synced but failed to fetch lists is not caught here.
 */
export const hasStaleLists = (t: StoredTerminal, nowMs: number, listStaleHours: number): boolean =>
  t.disabledMs === null && (t.lastSeenMs === null || nowMs - t.lastSeenMs > listStaleHours * 3_600_000);

/** A terminal as the console lists it. */
export function terminalView(t: StoredTerminal, c: TerminalContext): TerminalView {
  const open = c.openFlags ?? {};
  return {
    id: t.id,
    site: t.site,
    service: t.service,
    enrolledAt: t.enrolledMs,
    status: t.disabledMs !== null ? 'disabled' : isOnline(t, c.nowMs) ? 'online' : 'silent',
    lastSeen: t.lastSeenMs,
    clockOffsetMs: t.clockOffsetMs === null ? null : Math.round(t.clockOffsetMs),
    revocationSeqHeld: t.revocationSeqHeld ?? null,
    auditCursor: t.cursor,
    pendingUploads: t.pendingUploads ?? null,
    chain: (open.CHAIN_BREAK ?? 0) > 0 ? 'broken' : 'ok',
    openFlags: Object.values(open).reduce((a, b) => a + b, 0),
    staleLists: hasStaleLists(t, c.nowMs, c.listStaleHours),
    disabledAt: t.disabledMs,
    disabledReason: t.disabledReason,
  };
}
