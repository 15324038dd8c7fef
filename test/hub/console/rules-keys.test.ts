import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { putForeignIssuer } from '../../../hub/publish/foreign-issuers.js';
import { generateSigningKey } from '../../../node/crypto/keys.js';
import type { IssuerListResponse, KeyListResponse, KeyView, RotateKeyResponse } from '../../../shared/console/key-api.js';
import type { RulesCatalogueResponse, RulesPreviewResponse, RulesPublishResponse } from '../../../shared/console/rules-api.js';
import { DEFAULT_RULES_INPUT } from '../../../shared/rules/default-rules.js';
import { holder, issue, PASSPHRASE } from '../hub-fixtures.js';
import { consoleBench } from './console-fixture.js';

type Bench = Awaited<ReturnType<typeof consoleBench>>;

/** The default rules with cinema at 10 films a year (Art. 21 says 12) and a new museum service. */
function changedRulesText(): string {
  const rules = structuredClone(DEFAULT_RULES_INPUT) as { services: { id: string; quota?: { limit: number } }[] } & Record<string, unknown>;
  const cinema = rules.services.find((s) => s.id === 'cinema');
  if (cinema?.quota) cinema.quota.limit = 10;
  rules.services.push({ id: 'museum', article: 19, name: { zh: '博物馆', en: 'Museum' } } as never);
  return JSON.stringify({ rules }, null, 2);
}

describe('console rules (Art. 39): the catalogue, preview, publish', () => {
  let b: Bench;
  beforeEach(async () => {
    b = await consoleBench();
  });
  afterEach(async () => {
    await b.cleanup();
  });

  it('shows the catalogue in force as rows: service, article, the tiers that cover it, quota, companions', async () => {
    const auditor = await b.as('auditor');
    const cat = (await b.get(auditor, '/rules')).json<RulesCatalogueResponse>();
    expect(cat.version).toBe(1);
    expect(cat.rows.find((r) => r.service === 'cinema')).toMatchObject({ article: 21, quota: { period: 'card_year', limit: 12, periods: 3, totalLimit: null, perBeneficiary: false }, companions: false });
    expect(cat.rows.find((r) => r.service === 'bus')).toMatchObject({ article: 18, companions: true, requiresTicket: true, quota: null });
    const rules = (await b.hub.rules()).rules;
    for (const row of cat.rows) expect(row.tiers).toEqual((['A', 'B', 'C'] as const).filter((t) => rules.tiers[t].articles[0] <= row.article && row.article <= rules.tiers[t].articles[1]));
    // Read as the regulation reads: by article number (the file lists 17–27, then 6–16, 28–30).
    const articles = cat.rows.map((r) => r.article);
    expect(articles).toEqual([...articles].sort((x, y) => x - y));
    expect(rules.services.map((s) => s.article)).not.toEqual(articles);
  });

  it('previews the diff against the version in force, then publishes exactly the bytes previewed', async () => {
    const admin = await b.as('admin');
    const text = changedRulesText();
    const res = await b.post(admin, '/rules/preview', { fileName: 'rules-2026.json', text });
    expect(res.statusCode).toBe(200);
    const p = res.json<RulesPreviewResponse>();
    expect([p.baseVersion, p.nextVersion]).toEqual([1, 2]);
    expect(p.changes).toEqual([
      { change: 'changed', part: 'service', key: 'cinema', fields: [{ field: 'quota.limit', before: '12', after: '10' }] },
      { change: 'added', part: 'service', key: 'museum', fields: [] },
    ]);
    expect(p.rows.map((r) => r.service)).toContain('museum');
    expect((await b.hub.rules()).version).toBe(1);

    // One byte more than was previewed: refused, nothing published.
    const swapped = await b.post(admin, '/rules/publish', { fileName: 'rules-2026.json', text: `${text} `, previewToken: p.previewToken });
    expect(swapped.json()).toMatchObject({ error: 'PREVIEW_MISMATCH' });
    // A token made up by the caller, or the right one for another base version: refused.
    const [, exp, mac] = p.previewToken.split('.');
    expect((await b.post(admin, '/rules/publish', { fileName: 'x', text, previewToken: `1.${exp}.${'A'.repeat(43)}` })).json()).toMatchObject({ error: 'PREVIEW_MISMATCH' });
    expect((await b.post(admin, '/rules/publish', { fileName: 'x', text, previewToken: `0.${exp}.${mac}` })).json()).toMatchObject({ error: 'PREVIEW_MISMATCH' });
    expect((await b.hub.store.bundles.latestVersion('jinka/rules'))).toBe(1);

    const published = await b.post(admin, '/rules/publish', { fileName: 'rules-2026.json', text, previewToken: p.previewToken });
    expect(published.statusCode).toBe(201);
    expect(published.json<RulesPublishResponse>()).toEqual({ version: 2, sha256: p.sha256, publishedAt: b.clock() });
    const inForce = await b.hub.rules();
    expect(inForce.version).toBe(2);
    expect(inForce.rules.services.find((s) => s.id === 'cinema')?.quota?.limit).toBe(10);
    // The same token again: version 2 is in force now, the preview was against 1.
    expect((await b.post(admin, '/rules/publish', { fileName: 'x', text, previewToken: p.previewToken })).json()).toMatchObject({ error: 'PREVIEW_STALE' });
    expect((await b.get(admin, '/rules')).json<RulesCatalogueResponse>()).toMatchObject({ version: 2, publishedAt: b.clock() });
    expect((await b.hub.store.staffLog.list(0, 100)).filter((e) => e.action === 'rules.publish').map((e) => e.outcome)).toEqual([
      'refused:PREVIEW_MISMATCH',
      'refused:PREVIEW_MISMATCH',
      'refused:PREVIEW_MISMATCH',
      `ok:${p.sha256.slice(0, 16)}`,
      'refused:PREVIEW_STALE',
    ]);
  });

  it('a preview expires; unchanged, non-JSON, schema-failing, oversized and huge uploads are refused', async () => {
    let admin = await b.as('admin');
    const text = changedRulesText();
    const p = (await b.post(admin, '/rules/preview', { fileName: 'r.json', text })).json<RulesPreviewResponse>();
    b.clock.advance(31 * 60_000);
    admin = await b.as('admin');
    expect((await b.post(admin, '/rules/publish', { fileName: 'r.json', text, previewToken: p.previewToken })).json()).toMatchObject({ error: 'PREVIEW_MISMATCH' });
    const same = JSON.stringify((await b.hub.rules()).rules);
    expect((await b.post(admin, '/rules/preview', { fileName: 'r.json', text: same })).json()).toMatchObject({ error: 'RULES_UNCHANGED' });
    expect((await b.post(admin, '/rules/preview', { fileName: 'r.json', text: '{not json' })).json()).toMatchObject({ error: 'RULES_INVALID' });
    const bad = JSON.parse(text) as { rules: { services: { id: string }[] } };
    bad.rules.services.push({ id: 'cinema' });
    expect((await b.post(admin, '/rules/preview', { fileName: 'r.json', text: JSON.stringify(bad) })).json()).toMatchObject({ error: 'RULES_INVALID' });
    // 300,000 characters: over the file limit (refused by the schema before parsing).
    expect((await b.post(admin, '/rules/preview', { fileName: 'r.json', text: ' '.repeat(300_000) })).statusCode).toBe(400);
    // 200,000 three-byte characters: under the character bound, over 256 KiB of UTF-8.
    expect((await b.post(admin, '/rules/preview', { fileName: 'r.json', text: '中'.repeat(200_000) })).statusCode).toBe(413);
    // A 4 MiB body is cut off by the route's body limit before it is parsed.
    expect((await b.post(admin, '/rules/preview', { fileName: 'r.json', text: 'x'.repeat(4 * 1024 * 1024) })).statusCode).toBe(413);
    expect((await b.hub.store.bundles.latestVersion('jinka/rules'))).toBe(1);
  });
});

describe('console keys and issuers', () => {
  let b: Bench;
  beforeEach(async () => {
    b = await consoleBench();
  });
  afterEach(async () => {
    await b.cleanup();
  });

  it('lists keys with status and usage; rotates with the hub passphrase only; retires an older key, never the current one', async () => {
    await issue(b.hub, [holder(1)]);
    const admin = await b.as('admin');
    const before = (await b.get(admin, '/keys')).json<KeyListResponse>();
    const trust = before.keys.find((k) => k.role === 'trust');
    const first = before.keys.find((k) => k.status === 'current');
    expect(trust).toMatchObject({ status: 'trust', usage: ['trust'], retirable: false });
    expect(first).toMatchObject({ status: 'current', usage: ['card', 'list'], retirable: false });
    expect(JSON.stringify(before)).not.toContain('sealed');

    const wrong = await b.post(admin, '/keys/rotate', { role: 'signing', passphrase: 'not-the-passphrase' });
    expect(wrong.json()).toMatchObject({ error: 'WRONG_PASSPHRASE' });
    expect((await b.hub.store.keys.list()).length).toBe(before.keys.length);

    const rotated = await b.post(admin, '/keys/rotate', { role: 'signing', passphrase: PASSPHRASE });
    expect(rotated.statusCode).toBe(201);
    const r = rotated.json<RotateKeyResponse>();
    expect(r.key).toMatchObject({ status: 'current', usage: ['card', 'list'] });
    expect(r.trustVersion).toBe(before.trustVersion + 1);
    // The hub can open the new key with its own passphrase: it signs the next card.
    expect((await issue(b.hub, [holder(2)]))[0]?.kid).toBe(r.key.kid);
    const after = (await b.get(admin, '/keys')).json<KeyListResponse>().keys;
    expect(after.find((k) => k.kid === first?.kid)).toMatchObject({ status: 'published', usage: ['card'], retirable: true });

    expect((await b.post(admin, `/keys/${r.key.kid}/retire`, {})).json()).toMatchObject({ error: 'KEY_NOT_RETIRABLE' });
    expect((await b.post(admin, `/keys/${trust?.kid ?? ''}/retire`, {})).json()).toMatchObject({ error: 'KEY_NOT_RETIRABLE' });
    expect((await b.post(admin, '/keys/nope/retire', {})).json()).toMatchObject({ error: 'NOT_FOUND' });
    const retired = await b.post(admin, `/keys/${first?.kid ?? ''}/retire`, {});
    expect(retired.json<KeyView>()).toMatchObject({ kid: first?.kid, status: 'retired', usage: [], retiredAt: b.clock() });
    const log = JSON.stringify(await b.hub.store.staffLog.list(0, 100));
    expect(log).not.toContain(PASSPHRASE);
    expect((await b.hub.store.staffLog.list(0, 100)).filter((e) => e.action.startsWith('key.')).map((e) => [e.action, e.outcome])).toEqual([
      ['key.rotate', 'refused:WRONG_PASSPHRASE'],
      ['key.rotate', 'ok:signing'],
      ['key.retire', 'refused:KEY_NOT_RETIRABLE'],
      ['key.retire', 'refused:KEY_NOT_RETIRABLE'],
      ['key.retire', 'refused:NOT_FOUND'],
      ['key.retire', `ok:trust v${(r.trustVersion ?? 0) + 1}`],
    ]);
  });

  it('gives one admin five passphrase tries in 15 minutes, so a session is no guessing oracle for the hub passphrase; the window passes', async () => {
    const admin = await b.as('admin');
    const keys = (await b.hub.store.keys.list()).length;
    for (let i = 0; i < 5; i += 1) expect((await b.post(admin, '/keys/rotate', { role: 'signing', passphrase: `guess-${i}` })).json()).toMatchObject({ error: 'WRONG_PASSPHRASE' });
    const sixth = await b.post(admin, '/keys/rotate', { role: 'signing', passphrase: PASSPHRASE });
    expect(sixth.statusCode).toBe(429);
    expect(sixth.json()).toMatchObject({ error: 'PASSPHRASE_TRIES' });
    expect((await b.hub.store.keys.list()).length).toBe(keys);
    b.clock.advance(15 * 60_000);
    expect((await b.post(admin, '/keys/rotate', { role: 'signing', passphrase: PASSPHRASE })).statusCode).toBe(201);
  });

  it('lists foreign issuers with their keys and when they were registered', async () => {
    const huicai = generateSigningKey('sd-1');
    await putForeignIssuer(b.hub, { iss: 'sd-hrss', name: '山东惠才卡', keys: [{ ...huicai.publicJwk, jinka_use: ['card'] }] });
    const officer = await b.as('officer');
    expect((await b.get(officer, '/issuers')).json<IssuerListResponse>().issuers).toEqual([
      { iss: 'sd-hrss', name: '山东惠才卡', keys: [{ kid: 'sd-1', usage: ['card'] }], registeredAt: b.clock(), relayedSeq: null },
    ]);
  });
});
