import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Terminal } from '../../electron/core/terminal.js';
import type { Companions } from '../../shared/relations.js';
import { at, makeAuthority, provisionedTerminal, sec, type TestAuthority } from '../support/fixtures.js';
import {
  b64url,
  expectWellFormedDecision,
  flipPartBytes,
  otherAlgArb,
  partBytes,
  partJson,
  sameSignedToken,
  splitToken,
  tokenMutationArb,
  withPartJson,
} from './property-support.js';

/** A valid token with a request it is accepted for. */
interface Sample {
  label: string;
  token: string;
  service: string;
  companions: Companions;
}

const AT = at('2026-06-01T10:00:00+08:00');
const CLAIM_KEYS = ['iss', 'sub', 'tier', 'cat', 'name', 'idt', 'iat', 'nbf', 'exp'];

describe('Terminal.decide on mutated valid tokens', () => {
  let authority: TestAuthority;
  let terminal: Terminal;
  let cleanup: () => void;
  let samples: Sample[];

  const decide = (sample: Sample, token: string) => terminal.decide({ token, service: sample.service, atMs: AT, companions: sample.companions }).decision;
  const sampleArb = () => fc.constantFrom(...samples);

  beforeAll(() => {
    authority = makeAuthority();
    ({ terminal, cleanup } = provisionedTerminal(authority));
    samples = [
      { label: 'gold A', token: authority.card(), service: 'cinema', companions: {} },
      { label: 'gold B', token: authority.card({ sub: 'LC-B-000777', tier: 'B', cat: 3, name: '李*华' }), service: 'gym', companions: { spouse: 1 } },
      { label: 'gold C', token: authority.card({ sub: 'LC-C-000042', tier: 'C', cat: 5, idt: '901X' }), service: 'scenic', companions: { child: 2 } },
      { label: 'Huicai', token: authority.card({ iss: 'sd-hrss', sub: 'SD-1', tier: 'A', cat: 1 }), service: 'bank', companions: {} },
      {
        label: 'phone code',
        token: authority.card({ sub: 'LC-A-000123', iat: sec('2026-06-01T09:58:00+08:00'), exp: sec('2026-06-01T10:03:00+08:00') }),
        service: 'hospital',
        companions: {},
      },
    ];
    for (const sample of samples) expect(decide(sample, sample.token), sample.label).toMatchObject({ decision: 'accept', reasons: [] });
  });
  afterAll(() => cleanup());

  it('never accepts a mutated token unless it is still the same signed token, and never throws', () => {
    fc.assert(
      fc.property(sampleArb(), fc.array(tokenMutationArb, { minLength: 1, maxLength: 3 }), (sample, mutations) => {
        const mutated = mutations.reduce((token, m) => m.apply(token), sample.token);
        const decision = decide(sample, mutated);
        expectWellFormedDecision(decision, sample.service);
        if (mutated === sample.token) expect(decision.decision).toBe('accept');
        // A respelling of the same signature bytes (spare bits of its last character) is the
        // same signed card, so either verdict is sound there; anything else must be refused.
        else if (!sameSignedToken(mutated, sample.token)) expect(decision.decision).toBe('reject');
      }),
      { numRuns: 3000 },
    );
  });

  it('rejects any change to the signature bytes as BAD_SIGNATURE', () => {
    fc.assert(
      fc.property(sampleArb(), fc.array(fc.tuple(fc.nat(63), fc.nat(7)), { minLength: 1, maxLength: 6 }), (sample, flips) => {
        const mutated = flipPartBytes(sample.token, 2, flips);
        fc.pre(!partBytes(splitToken(mutated)[2])!.equals(partBytes(splitToken(sample.token)[2])!));
        const decision = decide(sample, mutated);
        expect(decision.reasons).toEqual(['BAD_SIGNATURE']);
        expect(decision.card).toBeNull();
      }),
      { numRuns: 800 },
    );
  });

  it('rejects any change to the payload bytes before the card is shown', () => {
    fc.assert(
      fc.property(sampleArb(), fc.array(fc.tuple(fc.nat(), fc.nat(7)), { minLength: 1, maxLength: 4 }), (sample, flips) => {
        const mutated = flipPartBytes(sample.token, 1, flips);
        fc.pre(splitToken(mutated)[1] !== splitToken(sample.token)[1]);
        const decision = decide(sample, mutated);
        expectWellFormedDecision(decision, sample.service);
        expect(decision.decision).toBe('reject');
        expect(decision.card).toBeNull();
        expect(['MALFORMED', 'UNKNOWN_ISSUER', 'UNKNOWN_KEY', 'BAD_SIGNATURE']).toContain(decision.reasons[0]);
      }),
      { numRuns: 800 },
    );
  });

  it('rejects a payload whose fields are replaced, removed or added, unless it re-encodes to the same bytes', () => {
    const keyArb = fc.oneof(fc.constantFrom(...CLAIM_KEYS), fc.string({ maxLength: 5 }));
    const editArb = fc.oneof(
      fc.tuple(keyArb, fc.jsonValue({ maxDepth: 2 })).map(([key, value]) => ({ key, value, remove: false })),
      fc.constantFrom(...CLAIM_KEYS).map((key) => ({ key, value: null, remove: true })),
    );
    fc.assert(
      fc.property(sampleArb(), fc.array(editArb, { minLength: 1, maxLength: 3 }), (sample, edits) => {
        const payload = partJson(splitToken(sample.token)[1]!);
        for (const edit of edits) {
          if (edit.remove) delete payload[edit.key];
          else payload[edit.key] = edit.value;
        }
        const mutated = withPartJson(sample.token, 1, payload);
        const decision = decide(sample, mutated);
        expectWellFormedDecision(decision, sample.service);
        if (mutated === sample.token) {
          expect(decision.decision).toBe('accept');
        } else {
          expect(decision.decision).toBe('reject');
          expect(['UNKNOWN_ISSUER', 'UNKNOWN_KEY', 'BAD_SIGNATURE']).toContain(decision.reasons[0]);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('rejects a header re-encoded with another alg, or none, as UNSUPPORTED_ALG', () => {
    fc.assert(
      fc.property(sampleArb(), fc.option(otherAlgArb, { nil: undefined }), (sample, alg) => {
        const header = partJson(splitToken(sample.token)[0]!);
        if (alg === undefined) delete header.alg;
        else header.alg = alg;
        expect(decide(sample, withPartJson(sample.token, 0, header)).reasons).toEqual(['UNSUPPORTED_ALG']);
      }),
      { numRuns: 500 },
    );
  });

  it('rejects an ES256 header re-encoded with other fields, since the signature covers the header text', () => {
    fc.assert(
      fc.property(sampleArb(), fc.dictionary(fc.constantFrom('kid', 'typ', 'jku', 'x5u', 'crit', 'b64', 'zip', 'cty'), fc.jsonValue({ maxDepth: 1 }), { minKeys: 1, maxKeys: 3 }), (sample, extra) => {
        const header = { ...partJson(splitToken(sample.token)[0]!), ...extra, alg: 'ES256' };
        const mutated = withPartJson(sample.token, 0, header);
        fc.pre(mutated !== sample.token);
        const decision = decide(sample, mutated);
        expect(decision.decision).toBe('reject');
        expect(['UNKNOWN_KEY', 'BAD_SIGNATURE']).toContain(decision.reasons[0]);
      }),
      { numRuns: 500 },
    );
  });

  it('rejects a valid signature moved onto another card signed by the same key', () => {
    fc.assert(
      fc.property(sampleArb(), sampleArb(), fc.boolean(), (a, b, swapHeader) => {
        fc.pre(a.token !== b.token);
        const [ha, pa] = splitToken(a.token);
        const [hb, , sb] = splitToken(b.token);
        const spliced = swapHeader ? `${hb}.${pa}.${splitToken(a.token)[2]}` : `${ha}.${pa}.${sb}`;
        fc.pre(spliced !== a.token);
        const decision = decide(a, spliced);
        expect(decision.decision).toBe('reject');
        expect(['UNKNOWN_KEY', 'BAD_SIGNATURE']).toContain(decision.reasons[0]);
      }),
      { numRuns: 200 },
    );
  });

  it('counts the quota of a card whatever spelling of its signature is scanned (ECDSA high-s twin)', () => {
    // ECDSA signatures come in pairs: (r, s) and (r, n − s) both verify. Issuers sign with
    // random s, so the terminal cannot demand one of them; what matters is that the twin is
    // the same card and shares its quota, since uses are counted per card, never per token.
    const n = BigInt('0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551');
    const cinema = samples[0]!;
    const [h, p, s] = splitToken(cinema.token) as [string, string, string];
    const sig = partBytes(s)!;
    const high = n - BigInt(`0x${sig.subarray(32).toString('hex')}`);
    const twin = `${h}.${p}.${b64url(Buffer.concat([sig.subarray(0, 32), Buffer.from(high.toString(16).padStart(64, '0'), 'hex')]))}`;
    expect(twin).not.toBe(cinema.token);

    const { cleanup: drop, terminal: fresh } = provisionedTerminal(authority);
    try {
      const first = fresh.verify({ token: cinema.token, service: 'cinema', atMs: AT, companions: {} });
      expect(fresh.record(first.id).ok).toBe(true);
      const again = fresh.decide({ token: twin, service: 'cinema', atMs: AT + 3_600_000, companions: {} }).decision;
      expect(again).toMatchObject({ decision: 'accept', card: { sub: 'LC-A-000123' }, quota: { used: 1, remaining: 11 } });
    } finally {
      drop();
    }
  });
});
