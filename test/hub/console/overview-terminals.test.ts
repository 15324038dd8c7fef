import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Terminal } from '../../../electron/core/terminal.js';
import type { Hub } from '../../../hub/hub.js';
import { TerminalKeys } from '../../../hub/terminals/terminal-auth.js';
import { enrolTerminal, enrolTrust } from '../../../hub/terminals/enrolment.js';
import { ingestUpload } from '../../../hub/usage/ingest-upload.js';
import { generateSigningKey } from '../../../node/crypto/keys.js';
import type { OverviewResponse } from '../../../shared/console/overview-api.js';
import type { CreateEnrolmentResponse, TerminalListResponse, TerminalView } from '../../../shared/console/terminal-api.js';
import { parseEnrolQr } from '../../../shared/sync/enrol-qr.js';
import { auditEntries, enrol, holder, issue, recordUse, terminalFromHub, type EnrolledTerminal } from '../hub-fixtures.js';
import { consoleBench } from './console-fixture.js';

type Bench = Awaited<ReturnType<typeof consoleBench>>;

/** A real terminal core enrolled at the hub, whose whole log is uploaded after each use. */
async function venue(hub: Hub, id: string, site: string): Promise<{ terminal: Terminal; enrolled: EnrolledTerminal; cleanup: () => void }> {
  const made = await terminalFromHub(hub, () => hub.now());
  return { ...made, enrolled: await enrol(hub, id, site, 'cinema') };
}

describe('console overview and terminals', () => {
  let b: Bench;
  const cleanups: (() => void)[] = [];
  const keys = new TerminalKeys();
  beforeEach(async () => {
    b = await consoleBench({ console: { publicUrl: 'http://localhost:80' } });
  });
  afterEach(async () => {
    for (const c of cleanups.splice(0)) c();
    await b.cleanup();
  });

  const use = async (v: { terminal: Terminal; enrolled: EnrolledTerminal }, token: string, iso: string) => {
    b.clock.set(iso);
    recordUse(v.terminal, token, 'cinema', b.clock());
    const result = await ingestUpload(b.hub, v.enrolled.batch(auditEntries(v.terminal), b.clock()), keys, await b.hub.store.terminals.get(v.enrolled.id));
    if (!result.ok) throw new Error(result.error.message);
  };

  it('counts cards in force by tier, uses today and this month by service on the Shanghai calendar, terminals online, silent, stale and broken, and open flags', async () => {
    const cards = await issue(b.hub, [holder(1), holder(2), holder(3, '李四')]);
    const a = await venue(b.hub, 'T1', 'cinema-a');
    const c = await venue(b.hub, 'T2', 'cinema-b');
    cleanups.push(a.cleanup, c.cleanup);
    // 23:30 on 31 May in Shanghai is May (its UTC date too); 00:10 on 1 June in Shanghai is June, though still 31 May in UTC.
    await use(a, cards[0]?.token ?? '', '2026-05-31T23:30:00+08:00');
    await use(a, cards[1]?.token ?? '', '2026-06-01T00:10:00+08:00');
    await use(a, cards[2]?.token ?? '', '2026-06-15T09:00:00+08:00');
    await b.hub.store.flags.add([{ kind: 'CHAIN_BREAK', terminalId: 'T2', auditSeq: 3, detail: 'seq 3: link' }], b.clock());
    b.clock.set('2026-06-15T10:00:00+08:00');
    const auditor = await b.as('auditor');
    const res = await b.get(auditor, '/overview');
    expect(res.statusCode).toBe(200);
    const o = res.json<OverviewResponse>();
    const byTier = { A: 0, B: 0, C: 0 };
    for (const card of cards) byTier[card.tier] += 1;
    expect(o.cardsInForce).toEqual({ byTier, total: 3 });
    expect([o.today, o.month]).toEqual(['2026-06-15', '2026-06']);
    expect(o.usesToday.find((s) => s.service === 'cinema')).toEqual({ service: 'cinema', uses: 1, companions: 0 });
    expect(o.usesThisMonth.find((s) => s.service === 'cinema')).toEqual({ service: 'cinema', uses: 2, companions: 0 });
    expect(o.usesToday.find((s) => s.service === 'gym')).toEqual({ service: 'gym', uses: 0, companions: 0 });
    expect([o.totalToday.uses, o.totalThisMonth.uses]).toEqual([1, 2]);
    // T1 uploaded an hour ago: silent (over 15 minutes) but its lists are fresh; T2 never synced: silent, stale, chain broken.
    expect(o.terminals).toEqual({ active: 2, online: 0, silent: 2, staleLists: 1, brokenChain: 1, disabled: 0 });
    b.clock.set('2026-06-15T09:05:00+08:00');
    expect((await b.get(auditor, '/overview')).json<OverviewResponse>().terminals).toMatchObject({ online: 1, silent: 1 });
    expect(o.openFlags.byKind.CHAIN_BREAK).toBe(1);
    expect(o.openFlags.total).toBe(Object.values(await b.hub.store.flags.openCounts()).reduce((x, y) => x + y, 0));

    const list = (await b.get(auditor, '/terminals')).json<TerminalListResponse>().terminals;
    const t1 = list.find((t) => t.id === 'T1');
    const t2 = list.find((t) => t.id === 'T2');
    expect(t1).toMatchObject({ site: 'cinema-a', service: 'cinema', status: 'online', lastSeen: Date.parse('2026-06-15T01:00:00Z'), chain: 'ok', staleLists: false, disabledAt: null });
    expect(t1?.auditCursor).toBeGreaterThanOrEqual(3);
    expect(typeof t1?.clockOffsetMs).toBe('number');
    expect(t2).toMatchObject({ status: 'silent', lastSeen: null, chain: 'broken', openFlags: 1, staleLists: true, auditCursor: 0, revocationSeqHeld: null });
    // A bundle request says which of the bureau's revocation sequences the terminal holds.
    const target = `/v1/bundles?revocations=${b.hub.settings.iss}:1,sd-hrss:5&rules=1&trust=1`;
    const asked = await b.app.inject({ method: 'GET', url: target, headers: { authorization: a.enrolled.auth(b.clock(), { method: 'GET', target }) } });
    expect(asked.statusCode).toBe(200);
    const again = (await b.get(auditor, '/terminals')).json<TerminalListResponse>().terminals;
    expect(again.map((t) => [t.id, t.revocationSeqHeld])).toEqual([
      ['T1', 1],
      ['T2', null],
    ]);
  });

  it('an enrolment answers the code, its QR (the console origin, the trust key thumbprint) and a PNG; the code enrols a terminal for its site and service; the log never holds the code', async () => {
    const officer = await b.as('officer');
    const res = await b.post(officer, '/terminals/enrolments', { site: '人民影院', service: 'cinema', hours: 2 });
    expect(res.statusCode).toBe(201);
    const e = res.json<CreateEnrolmentResponse>();
    expect(e.code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect([e.site, e.service, e.expiresAt, e.hubUrl]).toEqual(['人民影院', 'cinema', b.clock() + 2 * 3_600_000, 'http://localhost:80']);
    const qr = parseEnrolQr(e.qr);
    expect(qr.ok && qr.value).toMatchObject({ url: 'http://localhost:80', token: e.code, jinka_trust_key_thumbprint: (await enrolTrust(b.hub))?.thumbprint });
    const png = Buffer.from(e.qrPng.replace(/^data:image\/png;base64,/, ''), 'base64');
    expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    const key = generateSigningKey('T9');
    const enrolled = await enrolTerminal(b.hub, { code: e.code, terminalId: 'T9', site: '人民影院', service: '*', publicJwk: key.publicJwk });
    expect(enrolled).toMatchObject({ ok: true, value: { site: '人民影院', service: 'cinema' } });
    const logged = (await b.hub.store.staffLog.list(0, 100)).filter((x) => x.action === 'terminal.enrol-code');
    expect(logged).toMatchObject([{ staffId: 'officer', target: '人民影院/cinema', outcome: 'ok' }]);
    expect(JSON.stringify(await b.hub.store.staffLog.list(0, 100))).not.toContain(e.code);
    expect((await b.post(officer, '/terminals/enrolments', { site: 'x', service: 'casino' })).json()).toMatchObject({ error: 'UNKNOWN_SERVICE' });
    expect((await b.post(officer, '/terminals/enrolments', { site: 'x', service: 'cinema', hours: 721 })).statusCode).toBe(400);
    expect((await b.post(officer, '/terminals/enrolments', { site: 'a\nb', service: 'cinema' })).statusCode).toBe(400);
  });

  it('disables a terminal with a reason once; an unknown terminal or a reason with a line break is refused', async () => {
    await enrol(b.hub, 'T1', 'cinema-a', 'cinema');
    const officer = await b.as('officer');
    const res = await b.post(officer, '/terminals/T1/disable', { reason: '设备丢失' });
    expect(res.statusCode).toBe(200);
    expect(res.json<TerminalView>()).toMatchObject({ id: 'T1', status: 'disabled', disabledAt: b.clock(), disabledReason: '设备丢失' });
    expect((await b.hub.store.terminals.get('T1'))?.disabledMs).toBe(b.clock());
    expect((await b.post(officer, '/terminals/T1/disable', { reason: 'again' })).json()).toMatchObject({ error: 'ALREADY_DISABLED' });
    expect((await b.post(officer, '/terminals/T404/disable', { reason: 'x' })).json()).toMatchObject({ error: 'NOT_FOUND' });
    expect((await b.post(officer, '/terminals/T1/disable', { reason: 'a\nb' })).statusCode).toBe(400);
    expect((await b.hub.store.staffLog.list(0, 100)).filter((x) => x.action === 'terminal.disable').map((x) => x.outcome)).toEqual(['ok', 'refused:ALREADY_DISABLED', 'refused:NOT_FOUND', 'refused:BAD_REQUEST']);
  });

  it('withholds an ID number typed into a disabling reason, which every role reads (PIPL)', async () => {
    await enrol(b.hub, 'T2', 'cinema-a', 'cinema');
    const res = await b.post(await b.as('officer'), '/terminals/T2/disable', { reason: '被持卡人 110101-19900307-123X 借用' });
    expect(res.json<TerminalView>()).toMatchObject({ disabledReason: '被持卡人 [number withheld] 借用' });
    expect(JSON.stringify(await b.hub.store.terminals.get('T2'))).not.toContain('19900307');
  });
});
