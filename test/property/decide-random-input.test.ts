import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Terminal } from '../../electron/core/terminal.js';
import { makeAuthority, provisionedTerminal, type TestAuthority } from '../support/fixtures.js';
import { b64url, base64UrlText, companionsArb, expectWellFormedDecision, instantArb, otherAlgArb, serviceArb } from './property-support.js';

const request = fc.record({ service: serviceArb, atMs: instantArb, companions: companionsArb, beneficiary: fc.option(fc.string({ maxLength: 8 }), { nil: undefined }) });

/** One part of a token-shaped input: base64url noise, random bytes, or a random JSON value. */
const partArb = fc.oneof(
  base64UrlText(),
  fc.uint8Array({ maxLength: 96 }).map(b64url),
  fc.jsonValue({ maxDepth: 2 }).map((v) => b64url(JSON.stringify(v) ?? '')),
  fc.string({ unit: 'binary', maxLength: 40 }).map(b64url),
);

/** Mostly `good`, sometimes any JSON value. */
const mostly = <T>(good: fc.Arbitrary<T>) => fc.oneof({ arbitrary: good, weight: 3 }, { arbitrary: fc.jsonValue({ maxDepth: 1 }), weight: 1 });

/** A header that gets as far as groups 2–4: ES256 or not, a trusted kid or not. */
const headerArb = fc
  .record({ alg: fc.oneof({ arbitrary: fc.constant<unknown>('ES256'), weight: 3 }, otherAlgArb), typ: fc.constant('JWT'), kid: mostly(fc.constantFrom('lc-test-1', 'sd-test-1')) }, { requiredKeys: [] })
  .map((h) => b64url(JSON.stringify(h)));

/** A payload object whose iss is often trusted, with random claims besides. */
const payloadArb = fc
  .tuple(mostly(fc.constantFrom('lc-hrss', 'sd-hrss')), fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 6 }))
  .map(([iss, rest]) => b64url(JSON.stringify({ ...rest, iss })));

const tokenShapedArb = fc.oneof(
  fc.tuple(partArb, partArb, partArb).map((p) => p.join('.')),
  fc.tuple(headerArb, payloadArb, fc.oneof(partArb, fc.uint8Array({ minLength: 64, maxLength: 64 }).map(b64url))).map((p) => p.join('.')),
  fc.array(partArb, { minLength: 0, maxLength: 6 }).map((p) => p.join('.')),
);

/** Text as a scanner might hand it over: printable, any code point, raw bytes as Latin-1 or lossy UTF-8. */
const noiseArb = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: 'binary-ascii', maxLength: 200 }),
  fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b).toString('latin1')),
  fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b).toString('utf8')),
);

describe('Terminal.decide on random input', () => {
  let authority: TestAuthority;
  let terminal: Terminal;
  let cleanup: () => void;

  beforeAll(() => {
    authority = makeAuthority();
    ({ terminal, cleanup } = provisionedTerminal(authority));
  });
  afterAll(() => cleanup());

  it('answers every random string with a well-formed reject, never a throw', () => {
    fc.assert(
      fc.property(fc.oneof(noiseArb, tokenShapedArb), request, (token, req) => {
        const { decision } = terminal.decide({ ...req, token });
        expectWellFormedDecision(decision, req.service);
        // Nothing random carries a valid signature, so nothing random gets past group 4.
        expect(decision.decision).toBe('reject');
        expect(decision.card).toBeNull();
        expect(decision.quota).toBeNull();
        expect(['MALFORMED', 'UNSUPPORTED_ALG', 'UNKNOWN_ISSUER', 'UNKNOWN_KEY', 'BAD_SIGNATURE']).toContain(decision.reasons[0]);
      }),
      { numRuns: 3000 },
    );
  });

  it('reports MALFORMED for any input that is not three dot-separated parts', () => {
    fc.assert(
      fc.property(fc.oneof(noiseArb, tokenShapedArb).filter((s) => s.split('.').length !== 3), request, (token, req) => {
        expect(terminal.decide({ ...req, token }).decision.reasons).toEqual(['MALFORMED']);
      }),
      { numRuns: 1000 },
    );
  });

  it('reports MALFORMED for input over 4096 characters, even a validly signed token', () => {
    const padded = fc.nat(2000).map((extra) => authority.card({ name: '张*明', pad: 'x'.repeat(3100 + extra) }));
    fc.assert(
      fc.property(fc.oneof(padded, fc.string({ minLength: 4097, maxLength: 6000 })), request, (token, req) => {
        fc.pre(token.length > 4096);
        expect(terminal.decide({ ...req, token }).decision.reasons).toEqual(['MALFORMED']);
      }),
      { numRuns: 200 },
    );
  });

  it('reports UNSUPPORTED_ALG for a well-formed token whose alg is not ES256', () => {
    fc.assert(
      fc.property(otherAlgArb, payloadArb, base64UrlText(90).filter((s) => s.length % 4 !== 1), request, (alg, payload, sig, req) => {
        const header = b64url(JSON.stringify({ alg, typ: 'JWT', kid: 'lc-test-1' }));
        expect(terminal.decide({ ...req, token: `${header}.${payload}.${sig}` }).decision.reasons).toEqual(['UNSUPPORTED_ALG']);
      }),
      { numRuns: 500 },
    );
  });
});
