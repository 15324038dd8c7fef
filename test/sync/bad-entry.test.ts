import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/main.js';
import type { CliContext } from '../../electron/cli/cli-context.js';
import { runSyncRound } from '../../electron/core/sync/sync-round.js';
import { syncDetails, syncStatus } from '../../electron/core/sync/sync-status.js';
import { exportPending } from '../../electron/core/sync/usb-export.js';
import type { Terminal } from '../../electron/core/terminal.js';
import { parseCompactJwt } from '../../shared/token/compact-jwt.js';
import { dayN, useCinema, useSyncEnv } from './support/sync-fixtures.js';
import { openStores } from '../support/stores.js';

/**
 * A use whose ticket is far over the protocol's entry bound, as a terminal from before the core's
 * bounds (shared/request-fields.ts) kept it: written into the log as record() then wrote it.
 */
function recordOversized(terminal: Terminal, token: string, atMs: number): number {
  const verified = terminal.verify({ token, service: 'cinema', atMs, companions: {} });
  const card = openStores(terminal).decisions.get(verified.id)?.card;
  if (card == null) throw new Error('not accepted');
  const use = { id: randomUUID(), decisionId: verified.id, iss: card.iss, sub: card.sub, tier: card.tier, service: 'cinema', beneficiary: '', atMs, realMs: atMs, companions: {}, ticket: 'K'.repeat(17_000) };
  return openStores(terminal).transaction(() => {
    const audit = openStores(terminal).audit.append('use', atMs, use);
    openStores(terminal).usage.insert({ ...use, auditSeq: audit.seq });
    return audit.seq;
  });
}

async function jinka(dir: string, ...argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const ctx: CliContext = { locale: 'en', out: (l) => out.push(l), err: (l) => err.push(l), readStdin: () => '', env: {} };
  const code = await runCli([...argv, '--data-dir', dir], ctx);
  return { code, out, err };
}

describe('one bad entry never stops the upload queue', () => {
  const env = useSyncEnv({ enrolAs: 'T1' });

  it('sends the rest of the queue past an entry the hub would refuse, reports it, and the hub flags it', async () => {
    const { terminal } = env.t1;
    useCinema(terminal, env.authority.card(), dayN(0));
    const badSeq = recordOversized(terminal, env.authority.card(), dayN(1));
    useCinema(terminal, env.authority.card(), dayN(2));
    const head = syncDetails(terminal).auditHead;

    const round = await runSyncRound(terminal);
    expect(round.state).toBe('idle');
    expect(syncDetails(terminal).uploadCursor).toBe(head);
    expect(env.hub.terminals.get('T1')?.cursor).toBe(head);
    // Reported: which entry, and that the full one stays here; flagged at the hub (its hash cannot be re-computed).
    expect(round.upload?.withheld).toEqual([expect.objectContaining({ seq: badSeq, kind: 'use' })]);
    expect(round.notices).toEqual([{ code: 'ENTRIES_WITHHELD', count: 1, seq: badSeq, kind: 'use', length: expect.any(Number) as number, path: 'body' }]);
    expect(round.upload?.flags).toContain(`CHAIN_BREAK ${badSeq}`);
    const standIn = env.hub.terminals.get('T1')?.entries.get(badSeq);
    expect(standIn?.body.length).toBeLessThan(500);
    expect(JSON.parse(standIn?.body ?? '{}')).toMatchObject({ length: expect.any(Number) as number, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) as string });
    // Never silently dropped: the full entry is still in the terminal's log, and the chain is intact.
    expect(openStores(terminal).auditQueue.after(badSeq - 1, 1)[0]?.body.length).toBeGreaterThan(17_000);
    expect(syncStatus(terminal)).toMatchObject({ state: 'idle', pendingUploads: 0 });

    // Later uses go too, and the withheld entry is not reported again.
    useCinema(terminal, env.authority.card(), dayN(3));
    const next = await runSyncRound(terminal);
    expect(next.upload?.withheld).toEqual([]);
    expect(syncDetails(terminal).uploadCursor).toBe(syncDetails(terminal).auditHead);
  });

  it('sync now exits 0 with short lines, and sync export writes the file with the stand-in', async () => {
    const { terminal, dir } = env.t1;
    const badSeq = recordOversized(terminal, env.authority.card(), dayN(1));
    useCinema(terminal, env.authority.card(), dayN(2));

    const file = join(dir, 'usb.jws');
    const exported = exportPending(terminal, file);
    expect(exported.ok).toBe(true);
    if (!exported.ok) return;
    expect(exported.value.withheld.map((w) => w.seq)).toEqual([badSeq]);
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    const seqs = lines.flatMap((l) => (parseCompactJwt(l, 16 * 1024 * 1024)?.payload as { entries: { seq: number }[] }).entries.map((e) => e.seq));
    expect(seqs).toEqual(Array.from({ length: syncDetails(terminal).auditHead }, (_, i) => i + 1));

    terminal.close();
    const now = await jinka(dir, 'sync', 'now');
    env.t1.reopen();
    expect(now.code).toBe(0);
    expect(now.err).toEqual([]);
    for (const line of now.out) expect(line.length).toBeLessThan(500);
    expect(now.out.join('\n')).toMatch(new RegExp(`⚠ entry ${badSeq} \\(use`));
  });

  it('prints many hub flags as one bounded summary line', async () => {
    const { flagsLine } = await import('../../electron/cli/commands/sync-command.js');
    const flags = Array.from({ length: 5000 }, (_, i) => `${i % 3 === 0 ? 'TWO_SITES' : 'OVER_QUOTA'}: ${'x'.repeat(300)} ${i}`);
    const line = flagsLine({ locale: 'en' } as CliContext, flags);
    expect(line.length).toBeLessThan(1000);
    expect(line).toContain('Hub flags: 5000 (TWO_SITES 1667, OVER_QUOTA 3333)');
  });
});
