import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Terminal } from '../../electron/core/terminal.js';
import { DEFAULT_RULES } from '../../shared/rules/default-rules.js';
import { ruleBook } from '../../shared/rules/rules-lookup.js';
import type { Tier } from '../../shared/rules/rules-schema.js';
import { cardYearStart } from '../../shared/time/shanghai-calendar.js';
import type { CardClaims } from '../../shared/token/card-claims.js';
import { at, makeAuthority, provisionedTerminal, type TestAuthority } from '../support/fixtures.js';
import { expectWellFormedDecision } from './property-support.js';

const book = ruleBook(DEFAULT_RULES, 0);
const CLAIM_KEYS = new Set(['iss', 'sub', 'tier', 'cat', 'name', 'idt', 'iat', 'nbf', 'exp']);
const DAY = 86_400;

/** Issuer, tier and category as Art. 31 pairs them (the Huicai card is A, category 1). */
const cardKindArb = fc.constantFrom<{ iss: string; tier: Tier; cat: number }>(
  { iss: 'lc-hrss', tier: 'A', cat: 1 },
  { iss: 'lc-hrss', tier: 'A', cat: 2 },
  { iss: 'lc-hrss', tier: 'B', cat: 3 },
  { iss: 'lc-hrss', tier: 'C', cat: 4 },
  { iss: 'lc-hrss', tier: 'C', cat: 5 },
  { iss: 'sd-hrss', tier: 'A', cat: 1 },
);

/** Valid claims of §4 (names of 1–32 code points, idt of exactly 4) with unknown extra claims, and an instant inside validity. */
const claimsArb = fc
  .record({
    kind: cardKindArb,
    sub: fc.string({ unit: 'binary', minLength: 1, maxLength: 64 }),
    name: fc.string({ unit: 'binary', minLength: 1, maxLength: 32 }),
    idt: fc.string({ unit: 'binary', minLength: 4, maxLength: 4 }),
    nbf: fc.integer({ min: 946_684_800, max: 4_000_000_000 }),
    lifetime: fc.oneof(fc.integer({ min: 1, max: 600 }), fc.integer({ min: 600, max: 10 * 365 * DAY })),
    issuedBefore: fc.nat(30 * DAY),
    extra: fc.dictionary(fc.string({ maxLength: 6 }).filter((k) => !CLAIM_KEYS.has(k) && k !== '__proto__'), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }),
    position: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
  });

describe('a card signed by the authority, round trip through Terminal.decide', () => {
  let authority: TestAuthority;
  let terminal: Terminal;
  let cleanup: () => void;

  beforeAll(() => {
    authority = makeAuthority();
    // The real clock is the latest instant seen, so CLOCK_SUSPECT never applies here.
    ({ terminal, cleanup } = provisionedTerminal(authority, { clock: () => at('2026-06-01T10:00:00+08:00') }));
  });
  afterAll(() => cleanup());

  it('accepts any valid claims for a service their tier covers, at any instant within validity', () => {
    fc.assert(
      fc.property(claimsArb, fc.nat(), (c, pick) => {
        const covered = DEFAULT_RULES.services.filter((s) => book.tierCovers(c.kind.tier, s.article));
        const service = covered[pick % covered.length]!;
        const claims: CardClaims = {
          iss: c.kind.iss,
          sub: c.sub,
          tier: c.kind.tier,
          cat: c.kind.cat,
          name: c.name,
          idt: c.idt,
          iat: c.nbf - c.issuedBefore,
          nbf: c.nbf,
          exp: c.nbf + c.lifetime,
        };
        // Art. 21: the cinema benefit lasts three card-years, so an instant inside validity
        // but after them is ENTITLEMENT_ENDED by design; stay inside the benefit there.
        const nbfMs = claims.nbf * 1000;
        let endMs = claims.exp * 1000;
        if (service.quota?.period === 'card_year') endMs = Math.min(endMs, cardYearStart(nbfMs, service.quota.periods ?? 1));
        const atMs = nbfMs + Math.floor(c.position * (endMs - nbfMs));

        const token = authority.card({ ...c.extra, ...claims });
        fc.pre(token.length <= 4096); // §4: longer input is refused before parsing
        const { decision, claims: parsed } = terminal.decide({
          token,
          service: service.id,
          atMs,
          companions: {},
          beneficiary: service.requiresBeneficiary ? 'parent-1' : undefined,
        });
        expectWellFormedDecision(decision, service.id);
        expect(decision.reasons).toEqual([]);
        expect(decision.decision).toBe('accept');
        expect(decision.card).toEqual({ iss: claims.iss, sub: claims.sub, tier: claims.tier, cat: claims.cat, name: claims.name, idt: claims.idt });
        expect(parsed).toMatchObject(claims);
        if (service.quota !== undefined) expect(decision.quota).toMatchObject({ used: 0, remaining: service.quota.limit });
        else expect(decision.quota).toBeNull();
      }),
      { numRuns: 800 },
    );
  });

  it('rejects the same claims as NOT_ENTITLED for every service outside the tier', () => {
    fc.assert(
      fc.property(claimsArb, fc.nat(), (c, pick) => {
        const outside = DEFAULT_RULES.services.filter((s) => !book.tierCovers(c.kind.tier, s.article));
        fc.pre(outside.length > 0);
        const service = outside[pick % outside.length]!;
        const claims = { iss: c.kind.iss, sub: c.sub, tier: c.kind.tier, cat: c.kind.cat, name: c.name, idt: c.idt, iat: c.nbf, nbf: c.nbf, exp: c.nbf + c.lifetime };
        const atMs = claims.nbf * 1000 + Math.floor(c.position * c.lifetime * 1000);
        const { decision } = terminal.decide({ token: authority.card(claims), service: service.id, atMs, companions: {}, beneficiary: service.requiresBeneficiary ? 'p' : undefined });
        expect(decision.reasons).toEqual(['NOT_ENTITLED']);
      }),
      { numRuns: 300 },
    );
  });
});
