import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DB_FILE } from '../../../electron/core/store/database.js';
import { auditHash, GENESIS_HASH } from '../../../node/audit/audit-hash.js';
import { Terminal } from '../../../electron/core/terminal.js';
import { voidUse } from '../../../electron/core/use-void.js';
import type { AuditEntry } from '../../../shared/sync/sync-protocol.js';
import { at, makeAuthority, provisionedTerminal } from '../../support/fixtures.js';
import { openStores, readStores } from '../../support/stores.js';
import { verifyAudit } from '../../../electron/core/terminal-reports.js';

const NOW = at('2026-06-01T10:00:00+08:00');

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()?.();
});

/** A terminal with imports, decisions (accepted and rejected) and recorded uses in its audit log. */
function busyTerminal(): { terminal: Terminal; dir: string; rows: () => AuditEntry[] } {
  const authority = makeAuthority();
  const t = provisionedTerminal(authority);
  cleanups.push(t.cleanup);
  const { terminal } = t;
  const token = authority.card();
  for (const [service, atMs] of [['gym', NOW], ['cinema', NOW + 60_000], ['library', NOW + 120_000]] as const) {
    const v = terminal.verify({ token, service, atMs, companions: {} });
    expect(terminal.record(v.id).ok).toBe(true);
  }
  terminal.verify({ token: 'garbage', service: 'gym', atMs: NOW, companions: {} });
  terminal.setPolicy({ duplicateWindowSeconds: 300 });
  const rows = () => openStores(terminal).db.prepare<[], AuditEntry>('SELECT * FROM audit_log ORDER BY seq').all();
  return { terminal, dir: t.dir, rows };
}

describe('AuditLog', () => {
  it('chains every decision, use, import and setting, and verifies', () => {
    const { terminal, rows } = busyTerminal();
    const all = rows();
    const kinds = all.map((r) => r.kind);
    expect(kinds.filter((k) => k === 'import')).toHaveLength(3);
    expect(kinds.filter((k) => k === 'decision')).toHaveLength(4);
    expect(kinds.filter((k) => k === 'use')).toHaveLength(3);
    expect(kinds.filter((k) => k === 'settings')).toHaveLength(1);
    expect(all.map((r) => r.seq)).toEqual(all.map((_, i) => i + 1));
    expect(all[0]?.prev_hash).toBe(GENESIS_HASH);
    for (let i = 1; i < all.length; i += 1) expect(all[i]?.prev_hash).toBe(all[i - 1]?.hash);
    for (const r of all) expect(r.hash).toBe(auditHash(r.prev_hash, r.seq, r.at_ms, r.kind, r.body));
    expect(verifyAudit(terminal)).toEqual({ ok: true, entries: all.length, headHash: all.at(-1)?.hash });
  });

  it('verifies an empty log', () => {
    const dir = provisionedTerminal(makeAuthority());
    cleanups.push(dir.cleanup);
    openStores(dir.terminal).db.prepare('DELETE FROM audit_log').run();
    openStores(dir.terminal).db.prepare("DELETE FROM meta WHERE key = 'audit_head'").run();
    expect(verifyAudit(dir.terminal)).toEqual({ ok: true, entries: 0, headHash: GENESIS_HASH });
  });

  it('still verifies after the terminal is reopened and more is appended', () => {
    const { terminal, dir } = busyTerminal();
    const entries = verifyAudit(terminal);
    terminal.close();
    const reopened = Terminal.open(dir, () => NOW);
    try {
      reopened.setPolicy({ listStaleHours: 24 });
      expect(verifyAudit(reopened)).toMatchObject({ ok: true, entries: (entries.ok ? entries.entries : 0) + 1 });
    } finally {
      reopened.close();
    }
  });

  it("detects a row whose body was edited, at that row's seq", () => {
    const { terminal, rows } = busyTerminal();
    const target = rows().find((r) => r.kind === 'use');
    if (target === undefined) throw new Error('no use row');
    openStores(terminal).db.prepare('UPDATE audit_log SET body = ? WHERE seq = ?').run(target.body.replace('"gym"', '"bank"'), target.seq);
    expect(verifyAudit(terminal)).toMatchObject({ ok: false, brokenAt: target.seq, entries: target.seq - 1 });
  });

  it('detects an edited row whose own hash was recomputed, at the next seq', () => {
    const { terminal, rows } = busyTerminal();
    const target = rows().find((r) => r.kind === 'decision' && r.body.includes('"accept"'))!;
    const body = target.body.replace('"accept"', '"reject"');
    expect(body).not.toBe(target.body);
    openStores(terminal).db
      .prepare('UPDATE audit_log SET body = ?, hash = ? WHERE seq = ?')
      .run(body, auditHash(target.prev_hash, target.seq, target.at_ms, target.kind, body), target.seq);
    expect(verifyAudit(terminal)).toMatchObject({ ok: false, brokenAt: target.seq + 1 });
  });

  it('detects an edited timestamp or kind', () => {
    const { terminal, rows } = busyTerminal();
    const target = rows()[2]!;
    openStores(terminal).db.prepare('UPDATE audit_log SET at_ms = at_ms + 1 WHERE seq = ?').run(target.seq);
    expect(verifyAudit(terminal)).toMatchObject({ ok: false, brokenAt: target.seq });
  });

  it('detects a deleted middle row', () => {
    const { terminal, rows } = busyTerminal();
    const middle = rows()[Math.floor(rows().length / 2)]!;
    openStores(terminal).db.prepare('DELETE FROM audit_log WHERE seq = ?').run(middle.seq);
    expect(verifyAudit(terminal)).toMatchObject({ ok: false, brokenAt: middle.seq, entries: middle.seq - 1 });
  });

  it('detects a deleted first row', () => {
    const { terminal } = busyTerminal();
    openStores(terminal).db.prepare('DELETE FROM audit_log WHERE seq = 1').run();
    expect(verifyAudit(terminal)).toMatchObject({ ok: false, brokenAt: 1 });
  });

  it('detects the deletion of the newest row', () => {
    const { terminal, rows } = busyTerminal();
    const newest = rows().at(-1)!;
    openStores(terminal).db.prepare('DELETE FROM audit_log WHERE seq = ?').run(newest.seq);
    expect(verifyAudit(terminal)).toMatchObject({ ok: false, brokenAt: newest.seq });
  });

  it('detects the deletion of the newest rows even when they are replaced by a re-chained fake', () => {
    const { terminal, rows } = busyTerminal();
    const all = rows();
    const newest = all.at(-1)!;
    const before = all.at(-2)!;
    const body = '{"forged":true}';
    openStores(terminal).db.prepare('DELETE FROM audit_log WHERE seq = ?').run(newest.seq);
    openStores(terminal).db
      .prepare('INSERT INTO audit_log(seq, at_ms, kind, body, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?)')
      .run(newest.seq, newest.at_ms, newest.kind, body, before.hash, auditHash(before.hash, newest.seq, newest.at_ms, newest.kind, body));
    expect(verifyAudit(terminal)).toMatchObject({ ok: false, brokenAt: newest.seq + 1 });
  });

  it('detects swapped rows', () => {
    const { terminal, rows } = busyTerminal();
    const [a, b] = [rows()[3]!, rows()[4]!];
    const db = openStores(terminal).db;
    db.prepare('UPDATE audit_log SET seq = -1 WHERE seq = ?').run(a.seq);
    db.prepare('UPDATE audit_log SET seq = ? WHERE seq = ?').run(a.seq, b.seq);
    db.prepare('UPDATE audit_log SET seq = ? WHERE seq = -1').run(b.seq);
    expect(verifyAudit(terminal).ok).toBe(false);
  });
});

describe('AuditLog.verify checks what quotas read (issue 8)', () => {
  const useRows = (terminal: Terminal) =>
    openStores(terminal).db.prepare<[], { seq: number; audit_seq: number }>('SELECT seq, audit_seq FROM usage ORDER BY audit_seq').all();

  it('reports a deleted usage row (a quota filled again) at its use entry, though the chain is intact', () => {
    const { terminal } = busyTerminal();
    const [, second] = useRows(terminal);
    openStores(terminal).db.prepare('DELETE FROM usage WHERE seq = ?').run(second!.seq);
    expect(verifyAudit(terminal)).toEqual({ ok: false, entries: second!.audit_seq - 1, brokenAt: second!.audit_seq, problem: 'use-missing' });
  });

  it('reports a usage row whose card, service or time was edited', () => {
    for (const edit of ["service = 'bank'", "sub = 'LC-A-999999'", 'at_ms = at_ms - 86400000', "companions = '{\"spouse\":1}'", "ticket = 'X'"]) {
      const { terminal } = busyTerminal();
      const [first] = useRows(terminal);
      openStores(terminal).db.prepare(`UPDATE usage SET ${edit} WHERE seq = ?`).run(first!.seq);
      expect([edit, verifyAudit(terminal)]).toEqual([edit, expect.objectContaining({ ok: false, brokenAt: first!.audit_seq, problem: 'use-differs' })]);
    }
  });

  it('reports a usage row that no use entry accounts for', () => {
    const { terminal } = busyTerminal();
    const [first] = useRows(terminal);
    const decision = openStores(terminal).db.prepare<[], { seq: number }>("SELECT seq FROM audit_log WHERE kind = 'decision' ORDER BY seq LIMIT 1").get()!;
    openStores(terminal).db.prepare('UPDATE usage SET audit_seq = ? WHERE seq = ?').run(decision.seq, first!.seq);
    expect(verifyAudit(terminal)).toMatchObject({ ok: false, brokenAt: decision.seq, problem: 'use-unaudited' });
  });

  it("runs SQLite's quick_check: a damaged page of the usage table is reported", () => {
    const { terminal, dir } = busyTerminal();
    const { root, pageSize } = readStores(terminal, ({ db }) => ({
      root: db.prepare<[], { rootpage: number }>("SELECT rootpage FROM sqlite_master WHERE name = 'usage'").get()!.rootpage,
      pageSize: db.pragma('page_size', { simple: true }) as number,
    }));
    terminal.close();
    const path = join(dir, DB_FILE);
    const bytes = readFileSync(path);
    // The page's cell count (header bytes 3–4) now points past the cells there are.
    bytes[(root - 1) * pageSize + 3] = 0x7f;
    writeFileSync(path, bytes);
    const reopened = Terminal.open(dir, () => NOW);
    try {
      expect(verifyAudit(reopened)).toMatchObject({ ok: false, problem: 'damaged', detail: expect.any(String) as string });
    } finally {
      reopened.close();
    }
  });

  it('an index entry changed on disk (a usage_card key that no longer matches its row) is damage: integrity_check compares indexes with tables', () => {
    const { terminal, dir } = busyTerminal();
    const { root, sub, pageSize } = readStores(terminal, ({ db }) => ({
      root: db.prepare<[], { rootpage: number }>("SELECT rootpage FROM sqlite_master WHERE name = 'usage_card'").get()!.rootpage,
      sub: db.prepare<[], { sub: string }>('SELECT sub FROM usage LIMIT 1').get()!.sub,
      pageSize: db.pragma('page_size', { simple: true }) as number,
    }));
    terminal.close();
    const path = join(dir, DB_FILE);
    const bytes = readFileSync(path);
    const page = bytes.subarray((root - 1) * pageSize, root * pageSize);
    const at = page.indexOf(Buffer.from(sub, 'utf8'));
    expect(at).toBeGreaterThan(0);
    // One byte of the card number in the index: quota look-ups by card no longer find its uses.
    page[at + sub.length - 1] = (page[at + sub.length - 1] ?? 0) ^ 0x01;
    writeFileSync(path, bytes);
    const reopened = Terminal.open(dir, () => NOW);
    try {
      expect(verifyAudit(reopened)).toMatchObject({ ok: false, problem: 'damaged' });
    } finally {
      reopened.close();
    }
  });
});

describe('AuditLog.verify checks voided uses against their void entries', () => {
  const useIds = (terminal: Terminal) =>
    openStores(terminal).db.prepare<[], { id: string; audit_seq: number; at_ms: number }>('SELECT id, audit_seq, at_ms FROM usage ORDER BY audit_seq').all();

  it('a real void (gate never opened) verifies', () => {
    const { terminal } = busyTerminal();
    const [first] = useIds(terminal);
    expect(voidUse(terminal, first!.id, 'gate did not open')).toBeGreaterThan(0);
    expect(verifyAudit(terminal)).toMatchObject({ ok: true });
  });

  it('a forged voided_uses row (a quota given back with no void entry) is reported', () => {
    const { terminal } = busyTerminal();
    const [, second] = useIds(terminal);
    openStores(terminal).db.prepare("INSERT INTO voided_uses SELECT id, audit_seq, at_ms, 'gate' FROM usage WHERE id = ?").run(second!.id);
    expect(verifyAudit(terminal)).toMatchObject({ ok: false, brokenAt: second!.audit_seq, problem: 'use-void-unaudited' });
  });

  it('a voided_uses row pointed at a real void entry of another use is reported', () => {
    const { terminal } = busyTerminal();
    const [first, second] = useIds(terminal);
    const seq = voidUse(terminal, first!.id, 'gate did not open')!;
    openStores(terminal).db.prepare("INSERT INTO voided_uses VALUES (?, ?, ?, 'gate did not open')").run(second!.id, seq, NOW + 200_000);
    expect(verifyAudit(terminal)).toMatchObject({ ok: false, brokenAt: seq, problem: 'use-void-unaudited' });
  });

  it('a deleted voided_uses row (the void entry stays) is reported', () => {
    const { terminal } = busyTerminal();
    const [first] = useIds(terminal);
    const seq = voidUse(terminal, first!.id, 'gate did not open')!;
    openStores(terminal).db.prepare('DELETE FROM voided_uses').run();
    expect(verifyAudit(terminal)).toMatchObject({ ok: false, brokenAt: seq, problem: 'use-void-missing' });
  });

  it('a voided_uses row re-pointed to another use is reported', () => {
    const { terminal } = busyTerminal();
    const [first, second] = useIds(terminal);
    const seq = voidUse(terminal, first!.id, 'gate did not open')!;
    openStores(terminal).db.prepare('UPDATE voided_uses SET use_id = ?').run(second!.id);
    expect(verifyAudit(terminal)).toMatchObject({ ok: false, brokenAt: seq, problem: 'use-void-differs' });
  });
});
