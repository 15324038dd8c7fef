import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CARD_PATHS, type CardView } from '../../../shared/console/card-api.js';
import { issueCards } from '../../../hub/issue/card-issuer.js';
import { revocationBundleFor } from '../../../hub/publish/revocation-bundles.js';
import { idNumber, holder } from '../hub-fixtures.js';
import { consoleBench, type Browser } from './console-fixture.js';

type Bench = Awaited<ReturnType<typeof consoleBench>>;

const person = (n: number, over: Record<string, unknown> = {}) => ({
  name: '张三明',
  idNumber: idNumber(n),
  category: 2,
  validFrom: '2026-03-01',
  validUntil: '2031-02-28',
  ...over,
});

describe('console cards: find, list, issue, detail, revoke, re-issue', () => {
  let bench: Bench;
  let officer: Browser;
  let auditor: Browser;
  beforeEach(async () => {
    bench = await consoleBench();
    officer = await bench.as('officer');
    auditor = await bench.as('auditor');
  });
  afterEach(async () => {
    await bench.cleanup();
  });

  const issue = async (n: number, over: Record<string, unknown> = {}): Promise<CardView> => {
    const r = await bench.post(officer, CARD_PATHS.issue, person(n, over));
    expect(r.statusCode, r.body).toBe(201);
    return r.json<{ card: CardView }>().card;
  };
  const lastLog = async () => (await bench.hub.store.staffLog.list(0, 1000)).at(-1);

  it('issues one card with the tier of its category, masked name and ID tail only', async () => {
    const card = await issue(1);
    expect(card).toMatchObject({ tier: 'A', category: 2, maskedName: '张*明', idTail: idNumber(1).slice(-4), status: 'valid', revokedAt: null });
    expect(card.sub).toMatch(/^LC-A-\d{6}$/);
    expect(await lastLog()).toMatchObject({ staffId: 'officer', action: 'cards.issue', target: card.sub, outcome: 'ok' });
  });

  it('refuses a wrong ID check character inline, naming the problem and issuing nothing', async () => {
    const bad = idNumber(1).slice(0, 17) + (idNumber(1).endsWith('1') ? '2' : '1');
    const r = await bench.post(officer, CARD_PATHS.issue, person(1, { idNumber: bad }));
    expect(r.statusCode).toBe(400);
    expect(r.json<{ error: string; message: string }>()).toMatchObject({ error: 'HOLDER_INVALID' });
    expect(r.json<{ message: string }>().message).toMatch(/check character/);
    expect(r.body).not.toContain(bad);
    expect(await bench.hub.store.cards.count()).toBe(0);
  });

  it('refuses a second card for a holder with one in force (re-issue instead)', async () => {
    const first = await issue(1);
    const r = await bench.post(officer, CARD_PATHS.issue, person(1));
    expect(r.statusCode).toBe(409);
    expect(r.json<{ error: string; message: string }>()).toMatchObject({ error: 'HOLDER_HAS_CARD' });
    expect(r.json<{ message: string }>().message).toContain(first.sub);
  });

  it('finds a card by number (detail) and by holder ID number, which no answer or log entry repeats', async () => {
    const card = await issue(7);
    const detail = await bench.get(auditor, CARD_PATHS.card(card.sub.toLowerCase()));
    expect(detail.statusCode).toBe(200);
    expect(detail.json()).toMatchObject({ card: { sub: card.sub }, uses: [] });
    expect((await bench.get(auditor, CARD_PATHS.card('LC-A-999999'))).statusCode).toBe(404);

    const found = await bench.post(auditor, CARD_PATHS.findById, { idNumber: ` ${idNumber(7).toLowerCase()} ` });
    expect(found.statusCode, found.body).toBe(200);
    expect(found.json<{ card: CardView | null }>().card?.sub).toBe(card.sub);
    expect(found.body).not.toContain(idNumber(7));
    expect(await lastLog()).toMatchObject({ staffId: 'auditor', action: 'cards.find-by-id', target: card.sub, outcome: 'ok' });
    const none = await bench.post(auditor, CARD_PATHS.findById, { idNumber: idNumber(8) });
    expect(none.json()).toEqual({ card: null });
    expect(await lastLog()).toMatchObject({ action: 'cards.find-by-id', target: null, outcome: 'none' });
  });

  it('lists with tier, status and issue-day filters and pages', async () => {
    const a = await issue(1);
    const c = await issue(2, { category: 4 });
    bench.clock.advance(3 * 86_400_000);
    officer = await bench.as('officer');
    auditor = await bench.as('auditor');
    const later = await issue(3);
    await bench.post(officer, CARD_PATHS.revoke(a.sub), { reason: '单位报告违法行为（第三十四条）', confirmSub: a.sub });
    const list = async (q: string) => {
      const r = await bench.get(auditor, `${CARD_PATHS.list}${q}`);
      expect(r.statusCode, r.body).toBe(200);
      return r.json<{ cards: CardView[]; total: number }>();
    };
    expect((await list('')).cards.map((x) => x.sub)).toEqual([later.sub, c.sub, a.sub]);
    expect((await list('?tier=C')).cards.map((x) => x.sub)).toEqual([c.sub]);
    expect((await list('?status=revoked')).cards.map((x) => x.sub)).toEqual([a.sub]);
    expect((await list('?status=valid&tier=A')).cards.map((x) => x.sub)).toEqual([later.sub]);
    expect((await list('?issuedFrom=2026-06-01&issuedTo=2026-06-01')).cards.map((x) => x.sub)).toEqual([c.sub, a.sub]);
    const page = await list('?limit=1&offset=1');
    expect(page).toMatchObject({ total: 3, cards: [{ sub: c.sub }] });
    expect((await bench.get(auditor, `${CARD_PATHS.list}?limit=100000`)).statusCode).toBe(400);
    expect((await bench.get(auditor, `${CARD_PATHS.list}?tier=Z`)).statusCode).toBe(400);
  });

  it('refuses an issue-day filter that is no day (30 February, year 50, 2026-6-1) with 400 BAD_REQUEST, not a 500', async () => {
    for (const q of ['issuedFrom=2026-02-30', 'issuedTo=2026-02-30', 'issuedFrom=0050-01-01', 'issuedTo=2026-13-01', 'issuedFrom=2026-6-1']) {
      const r = await bench.get(auditor, `${CARD_PATHS.list}?${q}`);
      expect([q, r.statusCode, r.json<{ error: string }>().error]).toEqual([q, 400, 'BAD_REQUEST']);
    }
    expect((await bench.get(auditor, `${CARD_PATHS.list}?issuedFrom=2028-02-29&issuedTo=2028-02-29`)).statusCode).toBe(200);
  });

  it('revokes only with the reason (Art. 34) and the card number typed again', async () => {
    const card = await issue(1);
    expect((await bench.post(officer, CARD_PATHS.revoke(card.sub), { confirmSub: card.sub })).statusCode).toBe(400);
    const mismatch = await bench.post(officer, CARD_PATHS.revoke(card.sub), { reason: '违纪', confirmSub: 'LC-A-000099' });
    expect(mismatch.json()).toMatchObject({ error: 'CONFIRMATION_MISMATCH' });
    expect((await bench.hub.store.cards.get(card.sub))?.revokedMs).toBeNull();
    const done = await bench.post(officer, CARD_PATHS.revoke(card.sub), { reason: '违纪', confirmSub: card.sub.toLowerCase() });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ card: { status: 'revoked', revokeReason: '违纪' }, });
    expect(typeof done.json<{ revocationSeq: unknown }>().revocationSeq).toBe('number');
    expect((await bench.post(officer, CARD_PATHS.revoke(card.sub), { reason: '违纪', confirmSub: card.sub })).json()).toMatchObject({ error: 'ALREADY_REVOKED' });
    expect(await lastLog()).toMatchObject({ action: 'cards.revoke', target: card.sub, outcome: 'refused:ALREADY_REVOKED' });
  });

  it('withholds an ID number typed into a revocation or re-issue reason: the reason is signed into the list every terminal keeps (PIPL)', async () => {
    const [revoked, replaced] = [await issue(1), await issue(2)];
    const id = '110101 19900307 123X';
    expect((await bench.post(officer, CARD_PATHS.revoke(revoked.sub), { reason: `持卡人 ${id} 调离（第三十四条）`, confirmSub: revoked.sub })).statusCode).toBe(200);
    expect((await bench.post(officer, CARD_PATHS.reissue(replaced.sub), { reason: `遗失，身份证${idNumber(3)}`, confirmSub: replaced.sub })).statusCode).toBe(201);
    const jws = (await revocationBundleFor(bench.hub, 0)) ?? '';
    const payload = Buffer.from(jws.split('.')[1] ?? '', 'base64url').toString('utf8');
    expect(payload).toContain('持卡人 [number withheld] 调离（第三十四条）');
    expect(payload).toContain('遗失，身份证[number withheld]');
    expect(payload.replace(/\D/g, '')).not.toContain('11010119900307123');
    expect(payload).not.toContain(idNumber(3));
    expect((await bench.hub.store.cards.get(revoked.sub))?.revokeReason).toBe('持卡人 [number withheld] 调离（第三十四条）');
  });

  it('re-issues: a new number, the old card revoked and linked', async () => {
    const card = await issue(1);
    const r = await bench.post(officer, CARD_PATHS.reissue(card.sub), { reason: '卡片遗失', confirmSub: card.sub });
    expect(r.statusCode, r.body).toBe(201);
    const body = r.json<{ card: CardView; replaced: CardView }>();
    expect(body.card).toMatchObject({ replaces: card.sub, status: 'valid', maskedName: card.maskedName, validUntil: card.validUntil });
    expect(body.replaced).toMatchObject({ sub: card.sub, status: 'revoked', replacedBy: body.card.sub });
    expect((await bench.post(officer, CARD_PATHS.reissue(card.sub), { reason: '卡片遗失', confirmSub: card.sub })).json()).toMatchObject({ error: 'ALREADY_REVOKED' });
  });

  it('shows each quota per period on the card detail, from the rules in force', async () => {
    const card = await issue(1);
    const detail = (await bench.get(officer, CARD_PATHS.card(card.sub))).json<{ quotas: { service: string; beneficiary: string | null; limit: number; used: number; period: string }[] }>();
    expect(detail.quotas.length).toBeGreaterThan(0);
    for (const q of detail.quotas) expect(q.used).toBe(0);
    const { rules } = await bench.hub.rules();
    const quoted = rules.services.filter((s) => s.quota !== undefined && s.article >= rules.tiers.A.articles[0] && s.article <= rules.tiers.A.articles[1]);
    expect(new Set(detail.quotas.map((q) => q.service))).toEqual(new Set(quoted.map((s) => s.id)));
    for (const s of quoted.filter((x) => x.quota?.perBeneficiary === true)) {
      expect(detail.quotas.filter((q) => q.service === s.id).map((q) => q.beneficiary)).toEqual(['father', 'mother']);
    }
  });

  it('shows the card’s uses and counts them in their quota and period (per parent where the rule says so, Art. 21, 22)', async () => {
    const card = await issue(1);
    const at = bench.hub.now() - 3_600_000;
    const use = (id: string, service: string, beneficiary: string) => ({
      id, decisionId: `d-${id}`, iss: bench.hub.settings.iss, sub: card.sub, tier: 'A', service, beneficiary, atMs: at, realMs: at, companions: {}, companionsTotal: 0, ticket: null,
    });
    const origin = { terminalId: null, auditSeq: null, site: 'cinema-1', receivedMs: at, carriedFrom: null, refused: null };
    await bench.hub.store.uses.insert(use('u1', 'cinema', ''), origin);
    await bench.hub.store.uses.insert(use('u2', 'eldercare', 'father'), origin);
    const detail = (await bench.get(auditor, CARD_PATHS.card(card.sub))).json<{ uses: { id: string; counts: boolean }[]; quotas: { service: string; beneficiary: string | null; used: number; remaining: number }[] }>();
    expect(detail.uses.map((u) => [u.id, u.counts])).toEqual([['u1', true], ['u2', true]]);
    const quota = (service: string, beneficiary: string | null = null) => detail.quotas.find((q) => q.service === service && q.beneficiary === beneficiary);
    expect(quota('cinema')).toMatchObject({ used: 1, remaining: 11 });
    expect(quota('eldercare', 'father')).toMatchObject({ used: 1, remaining: 0 });
    expect(quota('eldercare', 'mother')).toMatchObject({ used: 0, remaining: 1 });
    expect(quota('library')).toMatchObject({ used: 0, remaining: 1 });
  });

  it('downloads the card sheet PDF, QR PNG and token for an officer, each logged', async () => {
    const card = await issue(1);
    const pdf = await bench.get(officer, CARD_PATHS.cardSheet(card.sub));
    expect(pdf.statusCode, pdf.body.slice(0, 200)).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const png = await bench.get(officer, CARD_PATHS.cardQr(card.sub));
    expect(png.headers['content-type']).toBe('image/png');
    expect(png.rawPayload.subarray(1, 4).toString()).toBe('PNG');
    const token = await bench.get(officer, CARD_PATHS.cardToken(card.sub));
    expect(token.body).toBe(`${card.sub} ${(await bench.hub.store.cards.get(card.sub))?.token}\n`);
    const log = await bench.hub.store.staffLog.list(0, 1000);
    expect(log.filter((e) => e.staffId === 'officer' && e.target === card.sub && e.action.startsWith('cards.download.')).map((e) => [e.action, e.outcome])).toEqual([
      ['cards.download.sheet', 'ok'],
      ['cards.download.qr', 'ok'],
      ['cards.download.token', 'ok'],
    ]);
  });

  it('lets an auditor download no credential: the sheet (it prints the QR), the QR and the token are refused and the refusal logged', async () => {
    const card = await issue(1);
    for (const path of [CARD_PATHS.cardSheet(card.sub), CARD_PATHS.cardQr(card.sub), CARD_PATHS.cardToken(card.sub)]) {
      const r = await bench.get(auditor, path);
      expect(r.statusCode, path).toBe(403);
      expect(r.json()).toMatchObject({ error: 'FORBIDDEN' });
      expect(r.body).not.toContain((await bench.hub.store.cards.get(card.sub))?.token);
    }
    const refused = (await bench.hub.store.staffLog.list(0, 1000)).filter((e) => e.staffId === 'auditor' && e.action.startsWith('cards.download.'));
    expect(refused.map((e) => e.outcome)).toEqual(['refused:FORBIDDEN', 'refused:FORBIDDEN', 'refused:FORBIDDEN']);
  });

  it('refuses every download of a revoked, replaced or expired card (409 CARD_NOT_IN_FORCE), and still serves a card not yet valid', async () => {
    const revoked = await issue(1);
    await bench.post(officer, CARD_PATHS.revoke(revoked.sub), { reason: '违纪', confirmSub: revoked.sub });
    const replaced = await issue(2);
    await bench.post(officer, CARD_PATHS.reissue(replaced.sub), { reason: '卡片遗失', confirmSub: replaced.sub });
    const today = new Date(bench.hub.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const shortLived = await issue(3, { validFrom: '2026-01-01', validUntil: today });
    const pending = await issue(4, { validFrom: '2031-01-01', validUntil: '2032-12-31' });
    bench.clock.advance(2 * 86_400_000);
    officer = await bench.as('officer');
    expect((await bench.hub.store.cards.get(shortLived.sub))?.exp).toBeLessThanOrEqual(bench.hub.nowSec());
    for (const sub of [revoked.sub, replaced.sub, shortLived.sub]) {
      for (const path of [CARD_PATHS.cardSheet(sub), CARD_PATHS.cardQr(sub), CARD_PATHS.cardToken(sub)]) {
        const r = await bench.get(officer, path);
        expect(r.statusCode, path).toBe(409);
        expect(r.json()).toMatchObject({ error: 'CARD_NOT_IN_FORCE' });
        expect(r.body).not.toContain((await bench.hub.store.cards.get(sub))?.token);
      }
    }
    expect(await lastLog()).toMatchObject({ staffId: 'officer', action: 'cards.download.token', target: shortLived.sub, outcome: 'refused:CARD_NOT_IN_FORCE' });
    expect((await bench.get(officer, CARD_PATHS.cardToken(pending.sub))).statusCode).toBe(200);
  });

  it('answers FONT_MISSING (503) for a sheet when the hub has no CJK font, and nothing else breaks', async () => {
    await bench.cleanup();
    bench = await consoleBench({ console: { sheetFont: { path: '/nonexistent/font.ttc' } } });
    officer = await bench.as('officer');
    const card = await issue(1);
    const r = await bench.get(officer, CARD_PATHS.cardSheet(card.sub));
    expect(r.statusCode).toBe(503);
    expect(r.json()).toMatchObject({ error: 'FONT_MISSING' });
  });
});

describe('console cards: an attacker', () => {
  let bench: Bench;
  beforeEach(async () => {
    bench = await consoleBench();
  });
  afterEach(async () => {
    await bench.cleanup();
  });

  it('as an auditor is refused every change, and the refusal is logged', async () => {
    const auditor = await bench.as('auditor');
    const issued = await issueCards(bench.hub, [holder(2, '张三明', 2, { idNumber: idNumber(3) })]);
    if (!issued.ok) throw new Error('issue failed');
    const sub = issued.value[0]?.sub as string;
    const upload = { format: 'csv', fileName: 'r.csv', data: Buffer.from('name,id_number,category,valid_from,valid_until\n').toString('base64') };
    for (const [path, body] of [
      [CARD_PATHS.issue, person(1)],
      [CARD_PATHS.revoke(sub), { reason: '违纪', confirmSub: sub }],
      [CARD_PATHS.reissue(sub), { reason: '遗失', confirmSub: sub }],
      [CARD_PATHS.rosterPreview, upload],
      [CARD_PATHS.rosterImport, upload],
    ] as const) {
      const r = await bench.post(auditor, path, body);
      expect(r.statusCode, path).toBe(403);
      expect(r.json()).toMatchObject({ error: 'FORBIDDEN' });
    }
    expect(await bench.hub.store.cards.count()).toBe(1);
    expect((await bench.hub.store.cards.get(sub))?.revokedMs).toBeNull();
    const log = await bench.hub.store.staffLog.list(0, 1000);
    expect(log.filter((e) => e.staffId === 'auditor' && e.outcome === 'refused:FORBIDDEN')).toHaveLength(5);
  });

  it('without the CSRF token (or from another site) changes nothing', async () => {
    const officer = await bench.as('officer');
    const noCsrf = await bench.post({ ...officer, csrf: 'wrong' }, CARD_PATHS.issue, person(1));
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json()).toMatchObject({ error: 'CSRF' });
    const foreign = await bench.post(officer, CARD_PATHS.issue, person(1), { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' });
    expect(foreign.statusCode).toBe(403);
    const find = await bench.post({ ...officer, csrf: 'wrong' }, CARD_PATHS.findById, { idNumber: idNumber(1) });
    expect(find.statusCode).toBe(403);
    expect(await bench.hub.store.cards.count()).toBe(0);
  });

  it('signed out gets nothing: no list, no detail, no token', async () => {
    expect((await bench.get(undefined, CARD_PATHS.list)).statusCode).toBe(401);
    expect((await bench.get(undefined, CARD_PATHS.cardToken('LC-A-000001'))).statusCode).toBe(401);
    expect((await bench.post(undefined, CARD_PATHS.findById, { idNumber: idNumber(1) })).statusCode).toBe(401);
  });

  it('cannot smuggle a path or another issuer through the card number', async () => {
    const officer = await bench.as('officer');
    expect((await bench.get(officer, '/cards/..%2F..%2Fstaff')).statusCode).toBe(400);
    expect((await bench.get(officer, `/cards/${'A'.repeat(100)}`)).statusCode).toBe(400);
  });
});
