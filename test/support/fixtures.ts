import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TrustFile } from '../../shared/bundles/bundle-schemas.js';
import type { CardClaims } from '../../shared/token/card-claims.js';
import { generateSigningKey, type SigningKey } from '../../node/crypto/keys.js';
import { signEs256 } from '../../node/crypto/jws-sign.js';
import { Terminal } from '../../electron/core/terminal.js';
import { parseInstant } from '../../shared/time/shanghai-calendar.js';

/** Instant from an ISO string with offset; throws on a typo so tests fail loudly. */
export function at(iso: string): number {
  const ms = parseInstant(iso);
  if (ms === undefined) throw new Error(`bad instant in test: ${iso}`);
  return ms;
}

/** NumericDate (seconds) of an ISO instant. */
export const sec = (iso: string): number => Math.floor(at(iso) / 1000);

/** A test authority: keys for the bureau and the province, and helpers to sign with them. */
export interface TestAuthority {
  lc: SigningKey;
  sd: SigningKey;
  trust: TrustFile;
  /** A card with these claims over the default ones; a claim given as undefined is left out of the token. */
  card(claims?: { [K in keyof CardClaims]?: CardClaims[K] | undefined } & Record<string, unknown>, key?: SigningKey): string;
  bundle(payload: Record<string, unknown>, key?: SigningKey): string;
}

/** Default card: gold card A, category 2, valid 2026-03-01 to 2031-03-01 Shanghai. */
export function baseClaims(): CardClaims {
  return {
    iss: 'lc-hrss',
    sub: 'LC-A-000123',
    tier: 'A',
    cat: 2,
    name: '张*明',
    idt: '1234',
    iat: sec('2026-03-01T00:00:00+08:00'),
    nbf: sec('2026-03-01T00:00:00+08:00'),
    exp: sec('2031-03-01T00:00:00+08:00'),
  };
}

/** Creates a fresh authority with new keys. */
export function makeAuthority(): TestAuthority {
  const lc = generateSigningKey('lc-test-1');
  const sd = generateSigningKey('sd-test-1');
  const trust: TrustFile = {
    issuers: [
      { iss: 'lc-hrss', name: '聊城市人力资源和社会保障局', keys: [lc.publicJwk] },
      { iss: 'sd-hrss', name: '山东省人力资源和社会保障厅', keys: [sd.publicJwk] },
    ],
  };
  return {
    lc,
    sd,
    trust,
    card(claims = {}, key) {
      const full = { ...baseClaims(), ...claims };
      const signer = key ?? (full.iss === 'sd-hrss' ? sd : lc);
      return signEs256(full, signer.privateKey, signer.kid);
    },
    bundle(payload, key) {
      const signer = key ?? (payload.iss === 'sd-hrss' ? sd : lc);
      return signEs256(payload, signer.privateKey, signer.kid);
    },
  };
}

/** A temporary data folder, removed by the returned cleanup. */
export function tempDir(prefix = 'jinka-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A terminal on a temporary database, provisioned with the authority's trust file and fresh empty revocation lists. */
export function provisionedTerminal(
  authority: TestAuthority,
  options: { clock?: () => number; listsIat?: number } = {},
): { terminal: Terminal; dir: string; cleanup: () => void } {
  const { dir, cleanup } = tempDir();
  const terminal = Terminal.create(dir, options.clock ?? (() => at('2026-06-01T10:00:00+08:00')));
  const trusted = terminal.importText(JSON.stringify(authority.trust));
  if (!trusted.ok) throw new Error(trusted.error.message);
  const iat = options.listsIat ?? sec('2026-06-01T09:00:00+08:00');
  for (const iss of ['lc-hrss', 'sd-hrss']) {
    const r = terminal.importText(authority.bundle({ iss, typ: 'jinka/revocations', seq: 1, base: 0, iat, revoked: [] }));
    if (!r.ok) throw new Error(r.error.message);
  }
  return {
    terminal,
    dir,
    cleanup: () => {
      terminal.close();
      cleanup();
    },
  };
}
