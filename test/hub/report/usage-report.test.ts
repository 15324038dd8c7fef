import { describe, expect, it } from 'vitest';
import { flagsCsv, usageCsv, csvField } from '../../../hub/report/report-format.js';
import { buildReport } from '../../../hub/report/usage-report.js';
import { TerminalKeys } from '../../../hub/terminals/terminal-auth.js';
import { ingestUpload } from '../../../hub/usage/ingest-upload.js';
import { cleanupAfterEach, at, auditEntries, enrol, holder, issue, terminalFromHub, testClock, testHub } from '../hub-fixtures.js';

describe('buildReport', () => {
  const later = cleanupAfterEach();

  it('counts uses by service, site, Shanghai day and tier, with companions and flags, and exports CSV', async () => {
    const clock = testClock('2026-06-01T23:30:00+08:00');
    const made = await testHub(clock);
    later(made.cleanup);
    const { hub } = made;
    const [a, c] = await issue(hub, [holder(1, '张三明', 2), holder(2, '王芳', 4)]);
    const { terminal, cleanup } = await terminalFromHub(hub, clock);
    later(cleanup);
    const t1 = await enrol(hub, 'T1', '=汽车站', 'bus');
    const record = (token: string, atMs: number, companions: Record<string, number>) => {
      const v = terminal.verify({ token, service: 'bus', atMs, companions });
      const r = terminal.record(v.id, { ticket: 'K1' });
      if (!r.ok) throw new Error(r.error);
    };
    record(a?.token ?? '', at('2026-06-01T23:00:00+08:00'), { spouse: 1, child: 2 });
    // 16:30 UTC is already 2 June in Shanghai.
    record(c?.token ?? '', at('2026-06-02T00:30:00+08:00'), { parent: 1 });
    const ack = await ingestUpload(hub, t1.batch(auditEntries(terminal), clock()), new TerminalKeys(), await hub.store.terminals.get('T1'));
    expect(ack.ok).toBe(true);
    const report = await buildReport(hub);
    expect(report.totals).toEqual({ uses: 2, companions: 4 });
    expect(report.rows).toEqual([
      { day: '2026-06-01', site: '=汽车站', service: 'bus', tier: 'A', uses: 1, companions: 3 },
      { day: '2026-06-02', site: '=汽车站', service: 'bus', tier: 'C', uses: 1, companions: 1 },
    ]);
    expect(report.byTier).toEqual({ A: { uses: 1, companions: 3 }, C: { uses: 1, companions: 1 } });
    expect(report.companionsByRelation).toEqual({ child: 2, parent: 1, spouse: 1 });
    expect((await buildReport(hub, { fromMs: at('2026-06-02T00:00:00+08:00') })).totals.uses).toBe(1);
    const csv = usageCsv(report.rows);
    expect(csv).toBe("\uFEFFday,site,service,tier,uses,companions\r\n2026-06-01,'=汽车站,bus,A,1,3\r\n2026-06-02,'=汽车站,bus,C,1,1\r\n");
    expect(flagsCsv([])).toBe('\uFEFFid,kind,terminal,iss,card,use_id,audit_seq,at,flagged,detail\r\n');
  });

  it('quotes CSV fields that need it', () => {
    expect(csvField('a,"b"')).toBe('"a,""b"""');
    expect(csvField(null)).toBe('');
    expect(csvField(-3)).toBe('-3');
    expect(csvField('-3')).toBe("'-3");
  });
});
