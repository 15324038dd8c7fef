import fc from 'fast-check';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSigningKey, publicKeyFromJwk, type SigningKey } from '../../node/crypto/keys.js';
import { signEs256 } from '../../node/crypto/jws-sign.js';
import type { ImportError, ImportOutcome } from '../../electron/core/bundles/import-errors.js';
import { DB_FILE } from '../../electron/core/store/database.js';
import { Terminal } from '../../electron/core/terminal.js';
import { KEY_USES, MAX_REVOCATION_STEP, MAX_RULES_STEP, type PublicJwk } from '../../shared/bundles/bundle-schemas.js';
import type { Result } from '../../shared/result.js';
import { DEFAULT_RULES_INPUT } from '../../shared/rules/default-rules.js';
import { at, makeAuthority, provisionedTerminal, sec, tempDir, type TestAuthority } from '../support/fixtures.js';
import { b64url, base64UrlText, sameSignedToken, tokenMutationArb } from './property-support.js';
import { openStores } from '../support/stores.js';
import { trustProvisioned, verifyAudit } from '../../electron/core/terminal-reports.js';

const NOW = at('2026-06-01T10:00:00+08:00');
const clock = () => NOW;
const IMPORT_ERROR_CODES = ['NOT_A_BUNDLE', 'TOO_LARGE', 'TRUST_FILE_REFUSED', 'UNSUPPORTED_ALG', 'UNKNOWN_ISSUER', 'UNKNOWN_KEY', 'BAD_SIGNATURE', 'UNKNOWN_TYPE', 'INVALID', 'NOT_BUREAU', 'REPLAY', 'GAP', 'NO_BUREAU_KEY', 'WRONG_KEY_USE', 'TOO_FAR'];

/** Everything an import may change (§5: a refused import changes none of it). */
function snapshot(terminal: Terminal) {
  const { db, trust, revocations, meta } = openStores(terminal);
  return {
    issuers: trust.issuers(),
    keys: db.prepare('SELECT iss, kid, jwk FROM issuer_keys ORDER BY iss, kid').all(),
    trustedInMemory: ['lc-hrss', 'sd-hrss'].map((iss) => trust.hasIssuer(iss)),
    lists: revocations.lists(),
    revoked: db.prepare('SELECT iss, sub, at, reason, seq FROM revocations ORDER BY iss, sub').all(),
    bundles: db.prepare('SELECT typ, version, iat_ms, body FROM bundles ORDER BY typ').all(),
    rulesVersion: terminal.rules().version,
    auditHead: meta.get('audit_head'),
    auditRows: (db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n,
    latestSeen: meta.latestSeenMs(),
  };
}

/** Checks the Result shape, and that a refusal left `before` exactly as it was. */
function expectImportContract(terminal: Terminal, result: Result<ImportOutcome, ImportError>, before: ReturnType<typeof snapshot>): void {
  expect(typeof result.ok).toBe('boolean');
  const after = snapshot(terminal);
  if (!result.ok) {
    expect(IMPORT_ERROR_CODES).toContain(result.error.code);
    expect(typeof result.error.message).toBe('string');
    expect(result.error.message.length).toBeGreaterThan(0);
    expect(after).toEqual(before);
    return;
  }
  // An accepted import is audited and leaves what it says it imported.
  expect(after.auditRows).toBe(before.auditRows + 1);
  const outcome = result.value;
  // §5 "Bounded steps": no accepted bundle moves a counter further than one step allows.
  const heldTrust = (before.bundles as { typ: string; version: number }[]).find((b) => b.typ === 'jinka/trust')?.version ?? 0;
  switch (outcome.kind) {
    case 'revocations':
      expect(after.lists.find((l) => l.iss === outcome.iss)?.seq).toBe(outcome.seq);
      expect(outcome.seq).toBeLessThanOrEqual((before.lists.find((l) => l.iss === outcome.iss)?.seq ?? 0) + MAX_REVOCATION_STEP);
      break;
    case 'rules':
      expect(after.rulesVersion).toBe(outcome.version);
      expect(outcome.version).toBeLessThanOrEqual(before.rulesVersion + MAX_RULES_STEP);
      break;
    case 'trust':
      expect(outcome.version).toBe(heldTrust + 1);
      expect(after.issuers.map((i) => i.iss).sort()).toEqual([...outcome.issuers].sort());
      break;
    case 'trust-file':
      expect(after.issuers.map((i) => i.iss).sort()).toEqual([...outcome.issuers].sort());
      break;
  }
}

/** Mostly the plausible value, sometimes junk. */
const mostly = <T, U>(plausible: fc.Arbitrary<T>, junk: fc.Arbitrary<U>): fc.Arbitrary<T | U> =>
  fc.oneof({ arbitrary: plausible, weight: 5 }, { arbitrary: junk, weight: 1 });

/** Usually the object itself; else one property replaced with a random JSON value, or deleted. */
const tweak = <T extends Record<string, unknown>>(base: T, keys: readonly string[]) =>
  fc.oneof(
    { arbitrary: fc.constant(base as Record<string, unknown>), weight: 3 },
    fc.tuple(fc.constantFrom(...keys), fc.jsonValue({ maxDepth: 2 })).map(([k, v]) => ({ ...base, [k]: v })),
    fc.constantFrom(...keys).map((k) => {
      const copy: Record<string, unknown> = { ...base };
      delete copy[k];
      return copy;
    }),
  );

describe('Terminal.importText on random and mutated bundles', () => {
  let authority: TestAuthority;
  let stranger: SigningKey;
  let spare: SigningKey;
  let provisioned: { dir: string; cleanup: () => void };
  let empty: { dir: string; cleanup: () => void };
  const open: { terminal: Terminal; cleanup: () => void }[] = [];

  /** A terminal on a copy of a template database (much cheaper than creating and provisioning one). */
  const freshTerminal = (template = provisioned): Terminal => {
    const { dir, cleanup } = tempDir();
    copyFileSync(join(template.dir, DB_FILE), join(dir, DB_FILE));
    const terminal = Terminal.open(dir, clock);
    open.push({ terminal, cleanup });
    return terminal;
  };
  const closeAll = () => {
    for (const t of open.splice(0)) {
      t.terminal.close();
      t.cleanup();
    }
  };

  beforeAll(() => {
    authority = makeAuthority();
    stranger = generateSigningKey('lc-test-1'); // claims the bureau's kid with a key of its own
    spare = generateSigningKey('lc-test-2');
    const ready = provisionedTerminal(authority, { clock });
    ready.terminal.close(); // checkpoints the WAL, so the file alone holds everything
    provisioned = { dir: ready.dir, cleanup: ready.cleanup };
    empty = tempDir();
    Terminal.create(empty.dir, clock).close();
  });
  afterAll(() => {
    closeAll();
    provisioned.cleanup();
    empty.cleanup();
  });

  /** Signed bundles whose payload is valid, nearly valid, or junk, signed by a trusted key, a stranger, or with another alg. */
  const signedBundleArb = () => {
    const junk = fc.jsonValue({ maxDepth: 1 });
    const iatArb = mostly(fc.constantFrom(sec('2026-06-01T09:30:00+08:00'), sec('2026-06-02T10:00:00+08:00')), fc.oneof(fc.integer({ min: 0, max: 4_102_444_800 }), junk));
    const issArb = mostly(fc.constantFrom('lc-hrss', 'lc-hrss', 'lc-hrss', 'sd-hrss'), fc.string({ maxLength: 8 }));
    const revokedArb = mostly(
      fc.array(fc.record({ sub: fc.string({ maxLength: 12 }), at: fc.oneof(fc.nat(), fc.string({ maxLength: 10 })), reason: fc.string({ maxLength: 20 }) }, { requiredKeys: ['sub'] }), { maxLength: 5 }),
      fc.jsonValue({ maxDepth: 2 }),
    );
    const revocations = fc
      .record({ iss: issArb, typ: fc.constant('jinka/revocations'), seq: mostly(fc.nat(4), fc.oneof(junk, fc.constantFrom(100_001, 100_002, Number.MAX_SAFE_INTEGER))), base: mostly(fc.nat(2), junk), iat: iatArb, revoked: revokedArb })
      .chain((p) => tweak(p, Object.keys(p)));
    const rulesArb = fc.oneof(
      fc.constant(DEFAULT_RULES_INPUT as unknown as Record<string, unknown>),
      tweak(DEFAULT_RULES_INPUT as unknown as Record<string, unknown>, Object.keys(DEFAULT_RULES_INPUT)),
      fc.tuple(fc.nat(DEFAULT_RULES_INPUT.services.length - 1), fc.constantFrom('id', 'article', 'name', 'companions', 'quota', 'requiresTicket', 'extra'), fc.jsonValue({ maxDepth: 2 })).map(
        ([i, key, value]) => ({ ...DEFAULT_RULES_INPUT, services: DEFAULT_RULES_INPUT.services.map((s, j) => (j === i ? { ...s, [key]: value } : s)) }),
      ),
    );
    const rules = fc
      .record({ iss: issArb, typ: fc.constant('jinka/rules'), version: mostly(fc.nat(3), fc.oneof(junk, fc.constantFrom(100, 101, Number.MAX_SAFE_INTEGER))), iat: iatArb, rules: rulesArb })
      .chain((p) => tweak(p, Object.keys(p)));
    const jwkArb = mostly(
      fc
        .tuple(fc.constantFrom<PublicJwk>(authority.lc.publicJwk, authority.sd.publicJwk, spare.publicJwk), fc.option(fc.subarray([...KEY_USES], { minLength: 1 })))
        .map(([jwk, use]) => (use === null ? jwk : { ...jwk, jinka_use: use })),
      fc.oneof(
        fc.record({ kty: fc.constant('EC'), crv: fc.constant('P-256'), x: base64UrlText(43), y: base64UrlText(43), kid: fc.string({ minLength: 1, maxLength: 6 }) }),
        fc.uint8Array({ minLength: 32, maxLength: 32 }).map((x) => ({ ...spare.publicJwk, x: b64url(x) })),
      ),
    );
    const issuersArb = fc.oneof(
      fc.constant(authority.trust.issuers),
      fc.array(fc.record({ iss: issArb, name: fc.string({ minLength: 1, maxLength: 8 }), keys: fc.array(jwkArb, { minLength: 1, maxLength: 2 }) }), { minLength: 1, maxLength: 3 }),
      fc.jsonValue({ maxDepth: 2 }),
    );
    const trust = fc
      .record({ iss: issArb, typ: fc.constant('jinka/trust'), version: mostly(fc.nat(3), junk), iat: iatArb, issuers: issuersArb })
      .chain((p) => tweak(p, Object.keys(p)));
    const other = fc.record({ iss: issArb, typ: junk, version: fc.nat(3), iat: iatArb });
    const payloadArb = fc.oneof({ arbitrary: revocations, weight: 3 }, { arbitrary: rules, weight: 2 }, { arbitrary: trust, weight: 2 }, { arbitrary: other, weight: 1 });
    const signerArb = mostly(fc.constant('own' as const), fc.constantFrom('stranger' as const, 'spare' as const, 'sd' as const));
    const algArb = mostly(fc.constant<unknown>('ES256'), fc.constantFrom<unknown>('none', 'HS256', 'ES384'));
    return fc.tuple(payloadArb, signerArb, algArb).map(([payload, signer, alg]) => {
      const key = signer === 'stranger' ? stranger : signer === 'spare' ? spare : signer === 'sd' ? authority.sd : payload.iss === 'sd-hrss' ? authority.sd : authority.lc;
      return signEs256(payload, key.privateKey, key.kid, { alg });
    });
  };

  it('answers any sequence of signed bundles with a Result, and a refusal changes nothing', () => {
    fc.assert(
      fc.property(fc.array(signedBundleArb(), { minLength: 1, maxLength: 4 }), (texts) => {
        const terminal = freshTerminal();
        try {
          for (const text of texts) {
            const before = snapshot(terminal);
            expectImportContract(terminal, terminal.importText(text), before);
          }
          expect(verifyAudit(terminal).ok).toBe(true);
        } finally {
          closeAll();
        }
      }),
      { numRuns: 250 },
    );
  });

  it('refuses, without a throw or a change, a signed bundle whose issuer, type or key id has no string form', () => {
    // Found by the property above (seed 464049920): an iss of [{"toString": false}] made the
    // refusal's message throw, so importText threw instead of answering.
    const terminal = freshTerminal();
    try {
      const noString = [{ toString: false }];
      const iat = sec('2026-06-01T09:45:00+08:00');
      const cases: Array<{ text: string; code: string }> = [
        { text: signEs256({ iss: noString, typ: 'jinka/trust', version: 1, iat }, authority.lc.privateKey, authority.lc.kid), code: 'UNKNOWN_ISSUER' },
        { text: signEs256({ iss: 'lc-hrss', typ: noString, seq: 2, base: 1, iat }, authority.lc.privateKey, authority.lc.kid), code: 'UNKNOWN_TYPE' },
        { text: signEs256({ iss: 'lc-hrss', typ: 'jinka/revocations', seq: 2, base: 1, iat, revoked: [] }, authority.lc.privateKey, authority.lc.kid, { kid: noString }), code: 'UNKNOWN_KEY' },
      ];
      for (const { text, code } of cases) {
        const before = snapshot(terminal);
        const result = terminal.importText(text);
        expectImportContract(terminal, result, before);
        expect(result.ok ? undefined : result.error.code).toBe(code);
      }
    } finally {
      closeAll();
    }
  });

  it('refuses noise and mutated bundles without a throw or a change, accepting only the unchanged bundle', () => {
    const terminal = freshTerminal();
    const valid = authority.bundle({ iss: 'lc-hrss', typ: 'jinka/revocations', seq: 2, base: 1, iat: sec('2026-06-01T09:45:00+08:00'), revoked: [{ sub: 'LC-A-9', reason: 'Art. 34' }] });
    const noise = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.json({ maxDepth: 3 }),
      fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify({ issuers: v })),
      fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b).toString('latin1')),
    );
    const mutated = fc.array(tokenMutationArb, { minLength: 1, maxLength: 3 }).map((ms) => ms.reduce((t, m) => m.apply(t), valid));
    fc.assert(
      fc.property(fc.oneof(noise, mutated), (text) => {
        const before = snapshot(terminal);
        const result = terminal.importText(text);
        expectImportContract(terminal, result, before);
        if (result.ok) expect(sameSignedToken(text.trim(), valid)).toBe(true);
      }),
      { numRuns: 2000 },
    );
    expect(verifyAudit(terminal).ok).toBe(true);
    closeAll();
  });

  it('provisions an empty terminal only from a trust file whose every key is a P-256 point', () => {
    const keyOk = (jwk: unknown): boolean => {
      try {
        publicKeyFromJwk(jwk as PublicJwk);
        return true;
      } catch {
        return false;
      }
    };
    const jwkArb = fc.oneof(
      fc.constantFrom<PublicJwk>(authority.lc.publicJwk, authority.sd.publicJwk, spare.publicJwk),
      fc.uint8Array({ minLength: 32, maxLength: 32 }).map((y) => ({ ...authority.sd.publicJwk, y: b64url(y) })),
      fc.record({ kty: fc.constantFrom('EC', 'RSA'), crv: fc.constantFrom('P-256', 'P-384'), x: base64UrlText(44), y: base64UrlText(44), kid: fc.string({ maxLength: 4 }) }),
    );
    const fileArb = fc.oneof(
      fc.record({ issuers: fc.array(fc.record({ iss: fc.constantFrom('lc-hrss', 'sd-hrss', 'x'), name: fc.string({ maxLength: 6 }), keys: fc.array(jwkArb, { maxLength: 2 }) }), { maxLength: 3 }) }),
      fc.jsonValue({ maxDepth: 3 }),
    );
    fc.assert(
      fc.property(fileArb, (file) => {
        const terminal = freshTerminal(empty);
        try {
          const before = snapshot(terminal);
          const result = terminal.importText(JSON.stringify(file));
          expectImportContract(terminal, result, before);
          const issuers = (file as { issuers?: { keys?: unknown[] }[] } | null)?.issuers;
          if (result.ok) {
            expect(Array.isArray(issuers) && issuers.every((i) => (i.keys ?? []).every(keyOk))).toBe(true);
            expect(trustProvisioned(terminal)).toBe(true);
          } else {
            expect(trustProvisioned(terminal)).toBe(false);
          }
        } finally {
          closeAll();
        }
      }),
      { numRuns: 200 },
    );
  });
});
