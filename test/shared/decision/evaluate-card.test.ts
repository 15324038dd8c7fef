import { describe, expect, it } from 'vitest';
import { generateSigningKey } from '../../../node/crypto/keys.js';
import { signEs256 } from '../../../node/crypto/jws-sign.js';
import { DEFAULT_RULES } from '../../../shared/rules/default-rules.js';
import { RELATIONS, type Relation } from '../../../shared/relations.js';
import type { Tier } from '../../../shared/rules/rules-schema.js';
import { at, baseClaims, makeAuthority } from '../../support/fixtures.js';
import { FakePorts } from '../../support/fake-ports.js';
import { b64, hs256Token, noneToken, signWithHeader } from '../../support/tokens.js';

const authority = makeAuthority();
const AT = at('2026-06-01T10:00:00+08:00');
const LISTS_IAT = at('2026-06-01T09:00:00+08:00');
const NBF = at('2026-03-01T00:00:00+08:00');
const EXP = at('2031-03-01T00:00:00+08:00');
const MIN = 60_000;

const fresh = (): FakePorts => new FakePorts(authority.trust, { listsIat: LISTS_IAT });

/** Service → article, as DESIGN.md §2 fixes the catalogue. */
const ARTICLE: Record<string, number> = {
  hospital: 17, bus: 18, vehicle: 18, scenic: 19, gym: 20, library: 21, cinema: 21, eldercare: 22,
  market: 23, tax: 24, research: 25, customs: 26, bank: 27, entry_exit: 6, hukou: 7, social_insurance: 8,
  vacation: 9, post: 10, staffing: 11, housing: 12, spouse_job: 13, school: 14, title: 15, salary: 16,
  policy: 28, industry_tour: 29, projects: 30,
};

/** Art. 31: A — Art. 6–30; B — Art. 11–22; C — Art. 16–20. */
const RANGE: Record<Tier, [number, number]> = { A: [6, 30], B: [11, 22], C: [16, 20] };
/** A category each tier is issued to (Art. 31 with Art. 5). */
const CATEGORY: Record<Tier, number> = { A: 2, B: 3, C: 4 };

const beneficiaryFor = (service: string): string | undefined => (service === 'eldercare' ? 'parent-1' : undefined);

describe('evaluateCard — tier × service matrix (Art. 31)', () => {
  it('checks every service of the default catalogue against the article table', () => {
    expect(DEFAULT_RULES.services.map((s) => s.id).sort()).toEqual(Object.keys(ARTICLE).sort());
  });

  for (const tier of ['A', 'B', 'C'] as const) {
    describe(`gold card ${tier} (Art. ${RANGE[tier][0]}–${RANGE[tier][1]})`, () => {
      for (const [service, article] of Object.entries(ARTICLE)) {
        const entitled = article >= RANGE[tier][0] && article <= RANGE[tier][1];
        it(`${entitled ? 'accepts' : 'refuses NOT_ENTITLED'} ${service} (Art. ${article})`, () => {
          const token = authority.card({ tier, cat: CATEGORY[tier], sub: `LC-${tier}-1` });
          const { decision } = fresh().evaluate({ token, service, atMs: AT, beneficiary: beneficiaryFor(service) });
          if (entitled) {
            expect(decision).toMatchObject({ decision: 'accept', reasons: [], service });
          } else {
            expect(decision).toMatchObject({ decision: 'reject', reasons: ['NOT_ENTITLED'], service, quota: null });
            expect(decision.card).toMatchObject({ tier, cat: CATEGORY[tier] });
          }
        });
      }
    });
  }

  describe('Shandong Huicai card (iss sd-hrss) counts as gold card A (Art. 5 (1), Art. 31)', () => {
    for (const [service, article] of Object.entries(ARTICLE)) {
      it(`accepts ${service} (Art. ${article}) like gold card A`, () => {
        const token = authority.card({ iss: 'sd-hrss', sub: 'SD-1', tier: 'A', cat: 1 });
        const { decision } = fresh().evaluate({ token, service, atMs: AT, beneficiary: beneficiaryFor(service) });
        expect(decision).toMatchObject({ decision: 'accept', reasons: [] });
        expect(decision.card).toEqual({ iss: 'sd-hrss', sub: 'SD-1', tier: 'A', cat: 1, name: '张*明', idt: '1234' });
      });
    }
  });

  describe('tier and category must agree (Art. 31, Art. 5)', () => {
    const cases: [string, Tier, number, boolean][] = [
      ['lc-hrss', 'A', 1, true],
      ['lc-hrss', 'A', 2, true],
      ['lc-hrss', 'A', 3, false],
      ['lc-hrss', 'A', 4, false],
      ['lc-hrss', 'A', 5, false],
      ['lc-hrss', 'B', 3, true],
      ['lc-hrss', 'B', 2, false],
      ['lc-hrss', 'B', 4, false],
      ['lc-hrss', 'C', 4, true],
      ['lc-hrss', 'C', 5, true],
      ['lc-hrss', 'C', 3, false],
      ['lc-hrss', 'C', 1, false],
      ['sd-hrss', 'A', 1, true],
      ['sd-hrss', 'A', 2, false],
      ['sd-hrss', 'B', 3, false],
      ['sd-hrss', 'C', 4, false],
    ];
    for (const [iss, tier, cat, valid] of cases) {
      it(`${iss} tier ${tier} category ${cat} → ${valid ? 'accepted' : 'CLAIMS_INVALID'}`, () => {
        const token = authority.card({ iss, tier, cat });
        const { decision } = fresh().evaluate({ token, service: 'gym', atMs: AT });
        if (valid) expect(decision.decision).toBe('accept');
        else expect(decision).toMatchObject({ decision: 'reject', reasons: ['CLAIMS_INVALID'], quota: null });
      });
    }
  });
});

describe('evaluateCard — companions (Art. 18–20)', () => {
  const LIMIT: Record<Relation, number> = { spouse: 1, child: 3, parent: 2, spouse_parent: 2, escort: 1 };
  const token = authority.card();

  for (const service of ['bus', 'scenic', 'gym']) {
    describe(`${service} (Art. ${ARTICLE[service]})`, () => {
      for (const relation of RELATIONS) {
        it(`accepts ${LIMIT[relation]} ${relation} and refuses ${LIMIT[relation] + 1}`, () => {
          const ports = fresh();
          const atLimit = ports.evaluate({ token, service, atMs: AT, companions: { [relation]: LIMIT[relation] } });
          expect(atLimit.decision).toMatchObject({ decision: 'accept', reasons: [] });
          const over = ports.evaluate({ token, service, atMs: AT, companions: { [relation]: LIMIT[relation] + 1 } });
          expect(over.decision).toMatchObject({ decision: 'reject', reasons: ['COMPANIONS_EXCEEDED'] });
        });
      }

      it('accepts the whole family at once: spouse 1, children 3, parents 2, spouse parents 2, one escort', () => {
        const { decision } = fresh().evaluate({ token, service, atMs: AT, companions: { ...LIMIT } });
        expect(decision.decision).toBe('accept');
      });

      it('refuses when one relation is over even if the others are within', () => {
        const { decision } = fresh().evaluate({ token, service, atMs: AT, companions: { spouse: 1, child: 1, escort: 2 } });
        expect(decision.reasons).toEqual(['COMPANIONS_EXCEEDED']);
      });
    });
  }

  const holderAlone = Object.keys(ARTICLE).filter((s) => !['bus', 'scenic', 'gym'].includes(s));
  for (const service of holderAlone) {
    it(`${service} admits the holder alone: any companion → COMPANIONS_EXCEEDED, explicit zeros accepted`, () => {
      const ports = fresh();
      const beneficiary = beneficiaryFor(service);
      const zero = ports.evaluate({ token, service, atMs: AT, beneficiary, companions: { spouse: 0, child: 0, parent: 0, spouse_parent: 0, escort: 0 } });
      expect(zero.decision.decision).toBe('accept');
      for (const relation of RELATIONS) {
        const one = ports.evaluate({ token, service, atMs: AT, beneficiary, companions: { [relation]: 1 } });
        expect(one.decision.reasons).toEqual(['COMPANIONS_EXCEEDED']);
      }
    });
  }
});

describe('evaluateCard — MALFORMED (§6 group 1)', () => {
  const good = authority.card();
  const [h, p, s] = good.split('.') as [string, string, string];
  const cases: [string, string][] = [
    ['empty input', ''],
    ['two parts', `${h}.${p}`],
    ['four parts', `${good}.${s}`],
    ['one part', h],
    ['non-JSON header', `${b64('not json')}.${p}.${s}`],
    ['header a JSON string', `${b64('"ES256"')}.${p}.${s}`],
    ['header JSON null', `${b64('null')}.${p}.${s}`],
    ['non-JSON payload', `${h}.${b64('{"iss":')}.${s}`],
    ['payload a JSON array', `${h}.${b64([baseClaims()])}.${s}`],
    ['payload a JSON number', `${h}.${b64('42')}.${s}`],
    ['empty header part', `.${p}.${s}`],
    ['empty payload part', `${h}..${s}`],
    ['= padding on the signature', `${good}==`],
    ['= padding on the payload', `${h}.${p}=.${s}`],
    ['standard base64 + in a part', `${h}.${p}.${s.slice(0, -2)}+A`],
    ['standard base64 / in a part', `${h.slice(0, -1)}/.${p}.${s}`],
    ['a space inside', `${h}.${p} .${s}`],
    ['trailing newline', `${good}\n`],
    ['payload of invalid UTF-8', `${h}.${Buffer.from([0x7b, 0xff, 0xfe, 0x7d]).toString('base64url')}.${s}`],
    ['a signature part whose length is 1 mod 4', `${good}AAA`],
  ];
  for (const [label, token] of cases) {
    it(`refuses ${label} as MALFORMED, with card and quota null`, () => {
      const { decision, claims } = fresh().evaluate({ token, service: 'gym', atMs: AT });
      expect(decision).toEqual({ decision: 'reject', reasons: ['MALFORMED'], warnings: [], service: 'gym', card: null, quota: null });
      expect(claims).toBeNull();
    });
  }

  it('refuses input over 4096 characters before parsing, even a well-signed card (§4)', () => {
    const token = authority.card({ pad: 'x'.repeat(4000) });
    expect(token.length).toBeGreaterThan(4096);
    expect(fresh().evaluate({ token, service: 'gym', atMs: AT }).decision.reasons).toEqual(['MALFORMED']);
  });

  it('accepts a well-signed card of exactly 4096 characters', () => {
    let token = '';
    for (let n = 2000; n < 3200 && token.length !== 4096; n += 1) {
      for (let k = 0; k < 3 && token.length !== 4096; k += 1) {
        token = signEs256({ ...baseClaims(), pad: 'x'.repeat(n) }, authority.lc.privateKey, authority.lc.kid, { x: 'y'.repeat(k) });
      }
    }
    expect(token.length).toBe(4096);
    expect(fresh().evaluate({ token, service: 'gym', atMs: AT }).decision).toMatchObject({ decision: 'accept', reasons: [] });
  });

  it('refuses a two-part token with alg none as MALFORMED, not UNSUPPORTED_ALG (group 1 before 2)', () => {
    const token = `${b64({ alg: 'none' })}.${b64(baseClaims())}`;
    expect(fresh().evaluate({ token, service: 'gym', atMs: AT }).decision.reasons).toEqual(['MALFORMED']);
  });
});

describe('evaluateCard — UNSUPPORTED_ALG (§6 group 2, §4 ES256 only)', () => {
  const kid = authority.lc.kid;
  const cases: [string, string][] = [
    ['alg none with an empty signature', noneToken(kid)],
    ['alg none with an ES256 signature appended', signWithHeader({ alg: 'none', kid }, baseClaims(), authority.lc)],
    ['HS256 (HMAC with a guessed secret)', hs256Token(kid)],
    ['HS256 keyed with the public key JSON', hs256Token(kid, JSON.stringify(authority.lc.publicJwk))],
    ['missing alg', signWithHeader({ typ: 'JWT', kid }, baseClaims(), authority.lc)],
    ['lower-case es256', signWithHeader({ alg: 'es256', kid }, baseClaims(), authority.lc)],
    ['ES384', signWithHeader({ alg: 'ES384', kid }, baseClaims(), authority.lc)],
    ['RS256', signWithHeader({ alg: 'RS256', kid }, baseClaims(), authority.lc)],
    ['alg as an array', signWithHeader({ alg: ['ES256'], kid }, baseClaims(), authority.lc)],
  ];
  for (const [label, token] of cases) {
    it(`refuses ${label}`, () => {
      const { decision } = fresh().evaluate({ token, service: 'gym', atMs: AT });
      expect(decision).toMatchObject({ decision: 'reject', reasons: ['UNSUPPORTED_ALG'], card: null, quota: null });
    });
  }

  it('reports UNSUPPORTED_ALG before UNKNOWN_ISSUER (group 2 before 3)', () => {
    const token = noneToken('nobody', { ...baseClaims(), iss: 'evil' });
    expect(fresh().evaluate({ token, service: 'gym', atMs: AT }).decision.reasons).toEqual(['UNSUPPORTED_ALG']);
  });
});

describe('evaluateCard — UNKNOWN_ISSUER and UNKNOWN_KEY (§6 group 3)', () => {
  const stranger = generateSigningKey('evil-1');
  const run = (token: string) => fresh().evaluate({ token, service: 'gym', atMs: AT }).decision;

  it('refuses an untrusted iss with UNKNOWN_ISSUER', () => {
    expect(run(authority.card({ iss: 'bj-hrss' }, stranger))).toMatchObject({ reasons: ['UNKNOWN_ISSUER'], card: null });
  });

  it('refuses a missing iss with UNKNOWN_ISSUER', () => {
    expect(run(authority.card({ iss: undefined }))).toMatchObject({ reasons: ['UNKNOWN_ISSUER'], card: null });
  });

  it('refuses a non-string iss with UNKNOWN_ISSUER', () => {
    expect(run(authority.card({ iss: 7 } as never))).toMatchObject({ reasons: ['UNKNOWN_ISSUER'] });
  });

  it('reports UNKNOWN_ISSUER when both issuer and kid are unknown', () => {
    expect(run(signEs256({ ...baseClaims(), iss: 'bj-hrss' }, stranger.privateKey, 'no-such-kid'))).toMatchObject({ reasons: ['UNKNOWN_ISSUER'] });
  });

  it('refuses a trusted issuer with an unknown kid as UNKNOWN_KEY', () => {
    expect(run(authority.card({}, generateSigningKey('lc-2099-9')))).toMatchObject({ reasons: ['UNKNOWN_KEY'], card: null });
  });

  it('refuses a missing kid as UNKNOWN_KEY', () => {
    expect(run(signWithHeader({ alg: 'ES256', typ: 'JWT' }, baseClaims(), authority.lc))).toMatchObject({ reasons: ['UNKNOWN_KEY'] });
  });

  it("refuses another issuer's kid as UNKNOWN_KEY (an sd-hrss key cannot sign lc-hrss cards)", () => {
    expect(run(authority.card({ iss: 'lc-hrss' }, authority.sd))).toMatchObject({ reasons: ['UNKNOWN_KEY'] });
  });

  it('reports UNKNOWN_KEY before BAD_SIGNATURE and CLAIMS_INVALID (group 3 before 4 and 5)', () => {
    expect(run(authority.card({ tier: 'Z' } as never, generateSigningKey('other')))).toMatchObject({ reasons: ['UNKNOWN_KEY'] });
  });
});

describe('evaluateCard — BAD_SIGNATURE (§6 group 4)', () => {
  const run = (token: string, ports = fresh()) => ports.evaluate({ token, service: 'gym', atMs: AT });
  const forger = generateSigningKey(authority.lc.kid);

  it('refuses a card signed by a forged key carrying the trusted kid', () => {
    const { decision, claims } = run(authority.card({}, forger));
    expect(decision).toMatchObject({ decision: 'reject', reasons: ['BAD_SIGNATURE'], card: null, quota: null });
    expect(claims).toBeNull();
  });

  it('refuses a genuine card whose payload was altered (tier C → A)', () => {
    const genuine = authority.card({ tier: 'C', cat: 4 });
    const [h, , s] = genuine.split('.');
    const forged = `${h}.${b64({ ...baseClaims(), tier: 'A', cat: 2 })}.${s}`;
    expect(run(forged).decision.reasons).toEqual(['BAD_SIGNATURE']);
  });

  it('refuses an empty signature part as BAD_SIGNATURE, not MALFORMED', () => {
    const [h, p] = authority.card().split('.');
    expect(run(`${h}.${p}.`).decision).toMatchObject({ reasons: ['BAD_SIGNATURE'], card: null });
  });

  it('refuses a truncated signature', () => {
    const token = authority.card();
    expect(run(token.slice(0, -4)).decision.reasons).toEqual(['BAD_SIGNATURE']);
  });

  it('refuses a signature of another card', () => {
    const [h, p] = authority.card({ sub: 'A' }).split('.');
    const [, , s] = authority.card({ sub: 'B' }).split('.');
    expect(run(`${h}.${p}.${s}`).decision.reasons).toEqual(['BAD_SIGNATURE']);
  });

  it('reports BAD_SIGNATURE before invalid claims (group 4 before 5)', () => {
    expect(run(authority.card({ tier: 'A', cat: 5, idt: '1' }, forger)).decision.reasons).toEqual(['BAD_SIGNATURE']);
  });

  it('reports BAD_SIGNATURE for a forged card that is also expired and revoked, with no warnings evaluated', () => {
    const ports = fresh();
    ports.revoke('lc-hrss', 'LC-A-000123');
    ports.listIat.clear();
    ports.latestSeen = AT + 3_600_000;
    const { decision } = run(authority.card({ exp: Math.floor(NBF / 1000) + 60 }, forger), ports);
    expect(decision).toEqual({ decision: 'reject', reasons: ['BAD_SIGNATURE'], warnings: [], service: 'gym', card: null, quota: null });
  });
});

describe('evaluateCard — CLAIMS_INVALID (§6 group 5, §4 claims)', () => {
  const invalid: [string, Record<string, unknown>][] = [
    ['sub missing', { sub: undefined }],
    ['sub empty', { sub: '' }],
    ['sub a number', { sub: 123 }],
    ['tier missing', { tier: undefined }],
    ['tier D', { tier: 'D' }],
    ['tier lower-case a', { tier: 'a' }],
    ['cat missing', { cat: undefined }],
    ['cat 0', { cat: 0 }],
    ['cat 6', { cat: 6 }],
    ['cat as a string', { cat: '2' }],
    ['cat 2.5', { cat: 2.5 }],
    ['name missing', { name: undefined }],
    ['name empty', { name: '' }],
    ['name of 33 code points', { name: '张'.repeat(33) }],
    ['idt missing', { idt: undefined }],
    ['idt of 3 characters', { idt: '123' }],
    ['idt of 5 characters', { idt: '12345' }],
    ['idt a number', { idt: 1234 }],
    ['iat missing', { iat: undefined }],
    ['iat a string', { iat: '2026-03-01' }],
    ['nbf missing', { nbf: undefined }],
    ['nbf fractional', { nbf: 1_772_294_400.5 }],
    ['exp missing', { exp: undefined }],
    ['exp negative', { exp: -1 }],
    ['exp in milliseconds as a string', { exp: '1929801600000' }],
  ];
  for (const [label, override] of invalid) {
    it(`refuses ${label}, showing the verified claims as the token has them`, () => {
      const { decision, claims } = fresh().evaluate({ token: authority.card(override), service: 'gym', atMs: AT });
      expect(decision).toMatchObject({ decision: 'reject', reasons: ['CLAIMS_INVALID'], warnings: [], quota: null });
      expect(decision.card).not.toBeNull();
      expect(claims).toBeNull();
    });
  }

  it('shows an ill-typed claim as the token has it and a missing one as null', () => {
    const { decision } = fresh().evaluate({ token: authority.card({ cat: '2', idt: undefined } as never), service: 'gym', atMs: AT });
    expect(decision.card).toEqual({ iss: 'lc-hrss', sub: 'LC-A-000123', tier: 'A', cat: '2', name: '张*明', idt: null });
  });

  it('accepts a name of exactly 32 code points even when they are astral (64 UTF-16 units)', () => {
    const name = '𠀀'.repeat(32);
    expect(name.length).toBe(64);
    const { decision } = fresh().evaluate({ token: authority.card({ name }), service: 'gym', atMs: AT });
    expect(decision).toMatchObject({ decision: 'accept', card: { name } });
  });

  it('accepts an idt of four characters that are not digits (e.g. passport X)', () => {
    expect(fresh().evaluate({ token: authority.card({ idt: '123X' }), service: 'gym', atMs: AT }).decision.decision).toBe('accept');
  });

  it('ignores unknown claims and does not show them', () => {
    const { decision } = fresh().evaluate({ token: authority.card({ phone: '138', aud: 'x' }), service: 'gym', atMs: AT });
    expect(decision.decision).toBe('accept');
    expect(Object.keys(decision.card ?? {}).sort()).toEqual(['cat', 'idt', 'iss', 'name', 'sub', 'tier']);
  });

  it('reports CLAIMS_INVALID before EXPIRED and REVOKED (group 5 before 6 and 7)', () => {
    const ports = fresh();
    ports.revoke('lc-hrss', 'LC-A-000123');
    const token = authority.card({ tier: 'A', cat: 3, exp: Math.floor(NBF / 1000) + 1 });
    expect(ports.evaluate({ token, service: 'gym', atMs: AT }).decision.reasons).toEqual(['CLAIMS_INVALID']);
  });

  it('returns the six claims of an accepted card exactly', () => {
    const { decision, claims } = fresh().evaluate({ token: authority.card(), service: 'gym', atMs: AT });
    expect(decision.card).toEqual({ iss: 'lc-hrss', sub: 'LC-A-000123', tier: 'A', cat: 2, name: '张*明', idt: '1234' });
    expect(claims).toEqual(baseClaims());
  });
});

describe('evaluateCard — validity window and clock tolerance (§4, §6 group 6)', () => {
  const token = authority.card();
  const run = (atMs: number, ports = fresh()) => ports.evaluate({ token, service: 'hospital', atMs }).decision;

  it('accepts from nbf − 60 s by default and refuses 1 ms earlier as NOT_YET_VALID', () => {
    expect(run(NBF - MIN).decision).toBe('accept');
    expect(run(NBF - MIN - 1)).toMatchObject({ decision: 'reject', reasons: ['NOT_YET_VALID'], quota: null });
  });

  it('accepts until exp + 60 s (exclusive) by default and refuses from then on as EXPIRED', () => {
    expect(run(EXP + MIN - 1).decision).toBe('accept');
    expect(run(EXP + MIN)).toMatchObject({ decision: 'reject', reasons: ['EXPIRED'] });
  });

  it('excludes exp itself with zero tolerance', () => {
    const ports = fresh();
    ports.policy = { ...ports.policy, clockToleranceSeconds: 0 };
    expect(run(EXP - 1, ports).decision).toBe('accept');
    expect(run(EXP, ports).reasons).toEqual(['EXPIRED']);
    expect(run(NBF, ports).decision).toBe('accept');
    expect(run(NBF - 1, ports).reasons).toEqual(['NOT_YET_VALID']);
  });

  it('honours the 5-minute maximum tolerance', () => {
    const ports = fresh();
    ports.policy = { ...ports.policy, clockToleranceSeconds: 300 };
    expect(run(EXP + 5 * MIN - 1, ports).decision).toBe('accept');
    expect(run(EXP + 5 * MIN, ports).reasons).toEqual(['EXPIRED']);
  });

  it('handles a short-lived dynamic code (exp minutes after nbf) with the same rules', () => {
    const nbf = Math.floor(AT / 1000);
    const dynamic = authority.card({ iat: nbf, nbf, exp: nbf + 120 });
    const ports = fresh();
    expect(ports.evaluate({ token: dynamic, service: 'gym', atMs: AT + 2 * MIN }).decision.decision).toBe('accept');
    expect(ports.evaluate({ token: dynamic, service: 'gym', atMs: AT + 3 * MIN }).decision.reasons).toEqual(['EXPIRED']);
  });

  it('reports NOT_YET_VALID before EXPIRED when nbf lies after exp (first code of the group)', () => {
    const t = authority.card({ nbf: Math.floor(AT / 1000) + 3600, exp: Math.floor(AT / 1000) - 3600 });
    expect(fresh().evaluate({ token: t, service: 'gym', atMs: AT }).decision.reasons).toEqual(['NOT_YET_VALID']);
  });

  it('reports EXPIRED for an expired and revoked card (Art. 34; group 6 before 7)', () => {
    const ports = fresh();
    ports.revoke('lc-hrss', 'LC-A-000123');
    const { decision, claims } = ports.evaluate({ token, service: 'gym', atMs: EXP + 2 * MIN });
    expect(decision).toMatchObject({ reasons: ['EXPIRED'], card: { sub: 'LC-A-000123' }, quota: null });
    expect(claims).not.toBeNull();
  });

  it('reports NOT_YET_VALID for a not-yet-valid revoked card', () => {
    const ports = fresh();
    ports.revoke('lc-hrss', 'LC-A-000123');
    expect(ports.evaluate({ token, service: 'gym', atMs: NBF - 2 * MIN }).decision.reasons).toEqual(['NOT_YET_VALID']);
  });
});

describe('evaluateCard — REVOKED (Art. 34, §6 group 7)', () => {
  it('refuses a revoked card and reports no later group', () => {
    const ports = fresh();
    ports.revoke('lc-hrss', 'LC-A-000123');
    ports.use({ service: 'library', atMs: AT - MIN });
    const { decision } = ports.evaluate({ token: authority.card(), service: 'library', atMs: AT, companions: { spouse: 5 } });
    expect(decision).toEqual({
      decision: 'reject', reasons: ['REVOKED'], warnings: [], service: 'library',
      card: { iss: 'lc-hrss', sub: 'LC-A-000123', tier: 'A', cat: 2, name: '张*明', idt: '1234' }, quota: null,
    });
  });

  it('reports REVOKED before NOT_ENTITLED (group 7 before 8)', () => {
    const ports = fresh();
    ports.revoke('lc-hrss', 'LC-C-1');
    const token = authority.card({ sub: 'LC-C-1', tier: 'C', cat: 4 });
    expect(ports.evaluate({ token, service: 'bank', atMs: AT }).decision.reasons).toEqual(['REVOKED']);
  });

  it("revokes per issuer: an sd-hrss card with the same number as a revoked lc-hrss card is accepted", () => {
    const ports = fresh();
    ports.revoke('lc-hrss', 'SAME-1');
    const token = authority.card({ iss: 'sd-hrss', sub: 'SAME-1', tier: 'A', cat: 1 });
    expect(ports.evaluate({ token, service: 'gym', atMs: AT }).decision.decision).toBe('accept');
  });
});

describe('evaluateCard — NOT_ENTITLED against group 9 (§6 group 8)', () => {
  it('reports NOT_ENTITLED with quota null when a C card asks for the cinema, even with uses recorded', () => {
    const ports = fresh();
    for (let i = 0; i < 12; i += 1) ports.use({ sub: 'LC-C-1', service: 'cinema', atMs: AT - (i + 1) * MIN });
    const token = authority.card({ sub: 'LC-C-1', tier: 'C', cat: 5 });
    const { decision } = ports.evaluate({ token, service: 'cinema', atMs: AT });
    expect(decision).toMatchObject({ reasons: ['NOT_ENTITLED'], warnings: [], quota: null });
  });
});

describe('evaluateCard — quotas in the decision (Art. 21, 22; §6 group 9)', () => {
  const token = authority.card();

  it('shows the cinema quota before this use with the card-year end in +08:00', () => {
    const { decision } = fresh().evaluate({ token, service: 'cinema', atMs: AT });
    expect(decision.quota).toEqual({ limit: 12, used: 0, remaining: 12, period_end: '2027-03-01T00:00:00+08:00' });
  });

  it('refuses the 13th film of a card-year as QUOTA_EXHAUSTED and still shows the quota', () => {
    const ports = fresh();
    for (let i = 0; i < 12; i += 1) ports.use({ service: 'cinema', atMs: NBF + i * 86_400_000 });
    const { decision } = ports.evaluate({ token, service: 'cinema', atMs: AT });
    expect(decision).toMatchObject({ reasons: ['QUOTA_EXHAUSTED'], quota: { limit: 12, used: 12, remaining: 0 } });
  });

  it('reports QUOTA_EXHAUSTED before COMPANIONS_EXCEEDED (group 9 before 10)', () => {
    const ports = fresh();
    ports.use({ service: 'library', atMs: NBF });
    expect(ports.evaluate({ token, service: 'library', atMs: AT, companions: { escort: 1 } }).decision.reasons).toEqual(['QUOTA_EXHAUSTED']);
  });

  it('counts eldercare per parent: one parent claimed this month, the other may still claim (Art. 22)', () => {
    const ports = fresh();
    ports.use({ service: 'eldercare', beneficiary: 'father', atMs: at('2026-06-01T08:00:00+08:00') });
    const father = ports.evaluate({ token, service: 'eldercare', atMs: AT + 30 * MIN, beneficiary: 'father' }).decision;
    expect(father).toMatchObject({ reasons: ['QUOTA_EXHAUSTED'], quota: { limit: 1, used: 1, remaining: 0, total_limit: 36, total_used: 1 } });
    const mother = ports.evaluate({ token, service: 'eldercare', atMs: AT + 30 * MIN, beneficiary: 'mother' }).decision;
    expect(mother).toMatchObject({ decision: 'accept', quota: { used: 0, remaining: 1, period_end: '2026-07-01T00:00:00+08:00', total_used: 0 } });
  });

  it('reports ENTITLEMENT_ENDED before QUOTA_EXHAUSTED once a parent had 36 claims', () => {
    const ports = fresh();
    for (let m = 0; m < 36; m += 1) ports.use({ service: 'eldercare', beneficiary: 'father', atMs: Date.UTC(2023, 5 + m, 10) });
    ports.use({ service: 'eldercare', beneficiary: 'father', atMs: AT - 60 * MIN });
    const { decision } = ports.evaluate({ token, service: 'eldercare', atMs: AT, beneficiary: 'father' });
    expect(decision).toMatchObject({ reasons: ['ENTITLEMENT_ENDED'], quota: { remaining: 0, period_end: null, total_limit: 36, total_used: 37 } });
  });

  it('counts quotas per card: another card number has its own library card', () => {
    const ports = fresh();
    ports.use({ service: 'library', atMs: NBF });
    expect(ports.evaluate({ token: authority.card({ sub: 'LC-A-999' }), service: 'library', atMs: AT }).decision.decision).toBe('accept');
  });

  it('has quota null for a service without a quota', () => {
    expect(fresh().evaluate({ token, service: 'hospital', atMs: AT }).decision.quota).toBeNull();
  });
});

describe('evaluateCard — warnings (§6)', () => {
  const token = authority.card();

  describe('LISTS_STALE (group 7)', () => {
    it("warns when the card issuer's revocation list is missing, without rejecting", () => {
      const ports = fresh();
      ports.listIat.delete('lc-hrss');
      expect(ports.evaluate({ token, service: 'gym', atMs: AT }).decision).toMatchObject({ decision: 'accept', warnings: ['LISTS_STALE'] });
    });

    it("looks at the card issuer's own list only", () => {
      const ports = fresh();
      ports.listIat.delete('sd-hrss');
      expect(ports.evaluate({ token, service: 'gym', atMs: AT }).decision.warnings).toEqual([]);
      const huicai = authority.card({ iss: 'sd-hrss', tier: 'A', cat: 1 });
      expect(ports.evaluate({ token: huicai, service: 'gym', atMs: AT }).decision.warnings).toEqual(['LISTS_STALE']);
    });

    it('does not warn at exactly 72 h and warns 1 ms later', () => {
      const ports = fresh();
      expect(ports.evaluate({ token, service: 'gym', atMs: LISTS_IAT + 72 * 3_600_000 }).decision.warnings).toEqual([]);
      expect(ports.evaluate({ token, service: 'gym', atMs: LISTS_IAT + 72 * 3_600_000 + 1 }).decision.warnings).toEqual(['LISTS_STALE']);
    });

    it('measures the age from the evaluation instant, not the real clock', () => {
      const ports = fresh();
      const late = LISTS_IAT + 100 * 3_600_000;
      expect(ports.evaluate({ token, service: 'gym', atMs: late, nowMs: LISTS_IAT }).decision.warnings).toEqual(['LISTS_STALE']);
    });

    it('rejects with LISTS_STALE when escalated, and with REVOKED first when the card is also revoked', () => {
      const ports = fresh();
      ports.listIat.delete('lc-hrss');
      ports.policy = { ...ports.policy, escalate: ['LISTS_STALE'] };
      expect(ports.evaluate({ token, service: 'cinema', atMs: AT }).decision).toMatchObject({
        decision: 'reject', reasons: ['LISTS_STALE'], warnings: [], quota: null, card: { sub: 'LC-A-000123' },
      });
      ports.revoke('lc-hrss', 'LC-A-000123');
      expect(ports.evaluate({ token, service: 'cinema', atMs: AT }).decision).toMatchObject({ reasons: ['REVOKED'], warnings: [] });
    });

    it('accepts when escalated but the list is fresh', () => {
      const ports = fresh();
      ports.policy = { ...ports.policy, escalate: ['LISTS_STALE'] };
      expect(ports.evaluate({ token, service: 'gym', atMs: AT }).decision.decision).toBe('accept');
    });

    it('is not evaluated when the card fails group 6', () => {
      const ports = fresh();
      ports.listIat.clear();
      expect(ports.evaluate({ token, service: 'gym', atMs: EXP + 5 * MIN }).decision).toMatchObject({ reasons: ['EXPIRED'], warnings: [] });
    });
  });

  describe('CLOCK_SUSPECT (group 6)', () => {
    it('warns only when the real clock is behind the latest seen instant by more than the tolerance', () => {
      const ports = fresh();
      ports.latestSeen = AT + MIN;
      expect(ports.evaluate({ token, service: 'gym', atMs: AT, nowMs: AT }).decision.warnings).toEqual([]);
      ports.latestSeen = AT + MIN + 1;
      expect(ports.evaluate({ token, service: 'gym', atMs: AT, nowMs: AT }).decision).toMatchObject({ decision: 'accept', warnings: ['CLOCK_SUSPECT'] });
    });

    it('uses the real clock (nowMs), never the evaluation instant', () => {
      const ports = fresh();
      ports.latestSeen = AT;
      expect(ports.evaluate({ token, service: 'gym', atMs: AT - 3_600_000, nowMs: AT }).decision.warnings).toEqual([]);
      expect(ports.evaluate({ token, service: 'gym', atMs: AT, nowMs: AT - 3_600_000 }).decision.warnings).toEqual(['CLOCK_SUSPECT']);
    });

    it('follows the site clock tolerance', () => {
      const ports = fresh();
      ports.policy = { ...ports.policy, clockToleranceSeconds: 300 };
      ports.latestSeen = AT + 5 * MIN;
      expect(ports.evaluate({ token, service: 'gym', atMs: AT }).decision.warnings).toEqual([]);
    });

    it('rejects with CLOCK_SUSPECT when escalated, before group 7 and with quota null', () => {
      const ports = fresh();
      ports.revoke('lc-hrss', 'LC-A-000123');
      ports.latestSeen = AT + 10 * MIN;
      ports.policy = { ...ports.policy, escalate: ['CLOCK_SUSPECT'] };
      expect(ports.evaluate({ token, service: 'cinema', atMs: AT }).decision).toMatchObject({
        decision: 'reject', reasons: ['CLOCK_SUSPECT'], warnings: [], quota: null,
      });
    });

    it('reports EXPIRED rather than an escalated CLOCK_SUSPECT (first code of group 6)', () => {
      const ports = fresh();
      ports.latestSeen = EXP + 60 * MIN;
      ports.policy = { ...ports.policy, escalate: ['CLOCK_SUSPECT'] };
      expect(ports.evaluate({ token, service: 'gym', atMs: EXP + 5 * MIN, nowMs: EXP }).decision.reasons).toEqual(['EXPIRED']);
    });

    it('is not evaluated for a card refused before group 6', () => {
      const ports = fresh();
      ports.latestSeen = AT + 60 * MIN;
      expect(ports.evaluate({ token: authority.card({ cat: 9 }), service: 'gym', atMs: AT }).decision).toMatchObject({ reasons: ['CLAIMS_INVALID'], warnings: [] });
    });
  });

  describe('DUPLICATE (group 9)', () => {
    it('warns for a use of the same card and service stamped exactly 10 min before', () => {
      const ports = fresh();
      ports.use({ service: 'gym', atMs: AT - 10 * MIN });
      expect(ports.evaluate({ token, service: 'gym', atMs: AT }).decision).toMatchObject({ decision: 'accept', warnings: ['DUPLICATE'] });
    });

    it('warns for a use stamped at the evaluation instant itself', () => {
      const ports = fresh();
      ports.use({ service: 'gym', atMs: AT });
      expect(ports.evaluate({ token, service: 'gym', atMs: AT }).decision.warnings).toEqual(['DUPLICATE']);
    });

    it('does not warn for a use 10 min and 1 ms before, or one stamped after the evaluation instant', () => {
      const ports = fresh();
      ports.use({ service: 'gym', atMs: AT - 10 * MIN - 1 });
      ports.use({ service: 'gym', atMs: AT + 1 });
      expect(ports.evaluate({ token, service: 'gym', atMs: AT }).decision.warnings).toEqual([]);
    });

    it('does not warn for another service or another card', () => {
      const ports = fresh();
      ports.use({ service: 'scenic', atMs: AT - MIN });
      ports.use({ service: 'gym', sub: 'LC-A-OTHER', atMs: AT - MIN });
      ports.use({ service: 'gym', iss: 'sd-hrss', atMs: AT - MIN });
      expect(ports.evaluate({ token, service: 'gym', atMs: AT }).decision.warnings).toEqual([]);
    });

    it('warns whatever the beneficiary: a claim for the mother right after one for the father', () => {
      const ports = fresh();
      ports.use({ service: 'eldercare', beneficiary: 'father', atMs: AT - 2 * MIN });
      expect(ports.evaluate({ token, service: 'eldercare', atMs: AT, beneficiary: 'mother' }).decision).toMatchObject({
        decision: 'accept', warnings: ['DUPLICATE'],
      });
    });

    it('follows the site window and is off at 0', () => {
      const ports = fresh();
      ports.use({ service: 'gym', atMs: AT - 20 * MIN });
      ports.policy = { ...ports.policy, duplicateWindowSeconds: 30 * 60 };
      expect(ports.evaluate({ token, service: 'gym', atMs: AT }).decision.warnings).toEqual(['DUPLICATE']);
      ports.policy = { ...ports.policy, duplicateWindowSeconds: 0 };
      ports.use({ service: 'gym', atMs: AT });
      expect(ports.evaluate({ token, service: 'gym', atMs: AT }).decision.warnings).toEqual([]);
    });

    it('rejects with DUPLICATE when escalated, with the quota shown', () => {
      const ports = fresh();
      ports.use({ service: 'cinema', atMs: AT - MIN });
      ports.policy = { ...ports.policy, escalate: ['DUPLICATE'] };
      expect(ports.evaluate({ token, service: 'cinema', atMs: AT }).decision).toEqual({
        decision: 'reject', reasons: ['DUPLICATE'], warnings: [], service: 'cinema',
        card: { iss: 'lc-hrss', sub: 'LC-A-000123', tier: 'A', cat: 2, name: '张*明', idt: '1234' },
        quota: { limit: 12, used: 1, remaining: 11, period_end: '2027-03-01T00:00:00+08:00' },
      });
    });

    it('reports QUOTA_EXHAUSTED before an escalated DUPLICATE', () => {
      const ports = fresh();
      ports.use({ service: 'library', atMs: AT - MIN });
      ports.policy = { ...ports.policy, escalate: ['DUPLICATE'] };
      expect(ports.evaluate({ token, service: 'library', atMs: AT }).decision.reasons).toEqual(['QUOTA_EXHAUSTED']);
    });

    it('reports an escalated DUPLICATE before COMPANIONS_EXCEEDED (group 9 before 10)', () => {
      const ports = fresh();
      ports.use({ service: 'gym', atMs: AT - MIN });
      ports.policy = { ...ports.policy, escalate: ['DUPLICATE'] };
      expect(ports.evaluate({ token, service: 'gym', atMs: AT, companions: { spouse: 2 } }).decision.reasons).toEqual(['DUPLICATE']);
    });

    it('keeps a non-escalated DUPLICATE as a warning on a COMPANIONS_EXCEEDED rejection', () => {
      const ports = fresh();
      ports.use({ service: 'gym', atMs: AT - MIN });
      expect(ports.evaluate({ token, service: 'gym', atMs: AT, companions: { spouse: 2 } }).decision).toMatchObject({
        reasons: ['COMPANIONS_EXCEEDED'], warnings: ['DUPLICATE'],
      });
    });

    it('is not evaluated for a revoked card', () => {
      const ports = fresh();
      ports.use({ service: 'gym', atMs: AT - MIN });
      ports.revoke('lc-hrss', 'LC-A-000123');
      expect(ports.evaluate({ token, service: 'gym', atMs: AT }).decision).toMatchObject({ reasons: ['REVOKED'], warnings: [] });
    });

    it('is not evaluated for a card not entitled to the service', () => {
      const ports = fresh();
      const cCard = authority.card({ sub: 'LC-C-1', tier: 'C', cat: 4 });
      ports.use({ sub: 'LC-C-1', service: 'bank', atMs: AT - MIN });
      expect(ports.evaluate({ token: cCard, service: 'bank', atMs: AT }).decision).toMatchObject({ reasons: ['NOT_ENTITLED'], warnings: [] });
    });
  });

  it('never rejects on warnings alone: all three at once still accept, in group order', () => {
    const ports = fresh();
    ports.listIat.clear();
    ports.latestSeen = AT + 60 * MIN;
    ports.use({ service: 'gym', atMs: AT - MIN });
    expect(ports.evaluate({ token, service: 'gym', atMs: AT }).decision).toMatchObject({
      decision: 'accept', reasons: [], warnings: ['CLOCK_SUSPECT', 'LISTS_STALE', 'DUPLICATE'],
    });
  });

  it('reports exactly one reason whatever fails', () => {
    const ports = fresh();
    ports.listIat.clear();
    ports.latestSeen = AT + 60 * MIN;
    ports.policy = { ...ports.policy, escalate: ['CLOCK_SUSPECT', 'LISTS_STALE', 'DUPLICATE'] };
    ports.revoke('lc-hrss', 'LC-A-000123');
    const { decision } = ports.evaluate({ token: authority.card({ exp: Math.floor(AT / 1000) - 3600 }), service: 'gym', atMs: AT });
    expect(decision.reasons).toEqual(['EXPIRED']);
    expect(decision.warnings).toEqual([]);
  });
});
