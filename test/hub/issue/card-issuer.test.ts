import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { es256SignatureValid } from '../../../node/crypto/es256-verify.js';
import { publicKeyFromJwk } from '../../../node/crypto/keys.js';
import { parseCompactJwt } from '../../../shared/token/compact-jwt.js';
import type { Hub } from '../../../hub/hub.js';
import { cardForIdNumber, issueCards, reissueCard, revokeCards } from '../../../hub/issue/card-issuer.js';
import { HUB_DB_FILE } from '../../../hub/store/sqlite/hub-database.js';
import { cleanupAfterEach, at, holder, idNumber, issue, testClock, testHub } from '../hub-fixtures.js';

describe('issueCards', () => {
  const later = cleanupAfterEach();
  const open = async (): Promise<{ hub: Hub; dataDir: string }> => {
    const made = await testHub();
    later(made.cleanup);
    return made;
  };

  it('signs a token with tier from category, a new card number, masked name and ID tail', async () => {
    const { hub } = await open();
    const [a, b, c] = await issue(hub, [holder(1, '张三明', 2), holder(2, '李晓华', 3), holder(3, '王芳', 5)]);
    expect([a?.sub, b?.sub, c?.sub]).toEqual(['LC-A-000001', 'LC-B-000002', 'LC-C-000003']);
    const jwt = parseCompactJwt(a?.token ?? '');
    expect(jwt?.header).toEqual({ alg: 'ES256', typ: 'JWT', kid: (await hub.signer()).kid });
    expect(jwt?.payload).toEqual({
      iss: 'lc-hrss',
      sub: 'LC-A-000001',
      tier: 'A',
      cat: 2,
      name: '张*明',
      idt: idNumber(1).slice(-4),
      iat: Math.floor(at('2026-06-01T10:00:00+08:00') / 1000),
      nbf: Math.floor(at('2026-03-01T00:00:00+08:00') / 1000),
      exp: Math.floor(at('2031-03-01T00:00:00+08:00') / 1000),
    });
    const key = (await hub.store.keys.list())[0];
    expect(es256SignatureValid(a?.token ?? '', publicKeyFromJwk(key?.publicJwk ?? ({} as never)))).toBe(true);
    expect(c?.maskedName).toBe('王*');
  });

  it('never keeps or signs a full ID number or a full name', async () => {
    const { hub, dataDir } = await open();
    const [card] = await issue(hub, [holder(4, '欧阳明锋', 1)]);
    expect(card?.token).not.toContain(Buffer.from(idNumber(4)).toString('base64url').slice(0, 12));
    expect(JSON.stringify(parseCompactJwt(card?.token ?? '')?.payload)).not.toContain(idNumber(4));
    await hub.close();
    const db = [HUB_DB_FILE, `${HUB_DB_FILE}-wal`].filter((f) => existsSync(join(dataDir, f))).map((f) => readFileSync(join(dataDir, f)).toString('utf8')).join('');
    expect(db).not.toContain(idNumber(4));
    expect(db).not.toContain('欧阳明锋');
    const { Hub } = await import('../../../hub/hub.js');
    const reopened = await Hub.open(dataDir, 'test-passphrase-1');
    // The keyed hash finds the holder's card again, for re-issue.
    expect((await cardForIdNumber(reopened, idNumber(4)))?.sub).toBe(card?.sub);
    later(() => reopened.close());
  });

  it('issues category 1 (Huicai holders) gold card A, as Art. 32 (1) has the bureau do directly', async () => {
    const { hub } = await open();
    const [card] = await issue(hub, [holder(1, '赵强', 1)]);
    expect(card).toMatchObject({ tier: 'A', cat: 1 });
  });

  it('refuses the whole batch when one holder already has a card in force, or a period is wrong', async () => {
    const { hub } = await open();
    await issue(hub, [holder(1)]);
    const result = await issueCards(hub, [holder(2), holder(1), holder(3, '王芳', 4, { expMs: at('2026-01-01T00:00:00+08:00') })]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toEqual([
      { line: 1, message: expect.stringMatching(/already has card LC-A-000001 .*use reissue/) as unknown },
      { line: 3, message: 'valid_until must be after valid_from' },
    ]);
    expect(await hub.store.cards.count()).toBe(1);
  });
});

describe('revokeCards and reissueCard (Art. 34)', () => {
  const later = cleanupAfterEach();

  it('bumps the revocation sequence on every revoke and re-issue', async () => {
    const clock = testClock();
    const made = await testHub(clock);
    later(made.cleanup);
    const { hub } = made;
    const [a, b, c] = await issue(hub, [holder(1), holder(2), holder(3)]);
    expect((await hub.store.revocations.head('lc-hrss'))?.seq).toBe(1);
    clock.advance(60_000);
    const revoked = await revokeCards(hub, [a?.sub ?? ''], '违纪收回');
    expect(revoked).toEqual({ ok: true, value: { seq: 2 } });
    const twice = await revokeCards(hub, [a?.sub ?? ''], 'again');
    expect(twice).toMatchObject({ ok: false, error: { code: 'ALREADY_REVOKED' } });
    const reissued = await reissueCard(hub, b?.sub ?? '', '遗失');
    if (!reissued.ok) throw new Error(reissued.error.message);
    expect(reissued.value.seq).toBe(3);
    expect(reissued.value.card.sub).toBe('LC-A-000004');
    expect(await revokeCards(hub, ['LC-A-999999', c?.sub ?? ''], 'x')).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CARD' } });
    expect((await hub.store.cards.get(c?.sub ?? ''))?.revokedMs).toBeNull();
    const entries = await hub.store.revocations.since('lc-hrss', 0);
    expect(entries.map((e) => [e.sub, e.seq, e.reason])).toEqual([
      ['LC-A-000001', 2, '违纪收回'],
      ['LC-A-000002', 3, '遗失'],
    ]);
    expect(entries[0]?.at).toBe(Math.floor(clock() / 1000));
  });

  it('gives the new card the same holder data and validity, links the two, and the old number is never reused', async () => {
    const made = await testHub();
    later(made.cleanup);
    const { hub } = made;
    const [old] = await issue(hub, [holder(1, '李晓华', 3)]);
    const result = await reissueCard(hub, old?.sub ?? '', '遗失补办');
    if (!result.ok) throw new Error(result.error.message);
    const { card } = result.value;
    expect(card).toMatchObject({ tier: 'B', cat: 3, maskedName: '李*华', idt: old?.idt, nbf: old?.nbf, exp: old?.exp, replaces: old?.sub });
    expect(card.sub).not.toBe(old?.sub);
    expect(await hub.store.cards.get(old?.sub ?? '')).toMatchObject({ replacedBy: card.sub, revokeReason: '遗失补办' });
    expect((await cardForIdNumber(hub, idNumber(1)))?.sub).toBe(card.sub);
    expect(await reissueCard(hub, old?.sub ?? '', 'again')).toMatchObject({ ok: false, error: { code: 'ALREADY_REVOKED' } });
    const [next] = await issue(hub, [holder(2)]);
    expect(next?.serial).toBe(3);
  });
});
