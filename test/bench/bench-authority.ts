import type { TrustFile } from '../../shared/bundles/bundle-schemas.js';
import { generateSigningKey, type SigningKey } from '../../node/crypto/keys.js';
import { signEs256 } from '../../node/crypto/jws-sign.js';

/**
 * A throw-away issuing authority for the benchmark: fresh bureau (lc-hrss) and province
 * (sd-hrss) keys, the trust file naming them, and signing helpers. test/support is not
 * part of the build, so the bench keeps its own small copy of what it needs.
 */
export interface BenchAuthority {
  lc: SigningKey;
  sd: SigningKey;
  trust: TrustFile;
  /** Signs a payload with the key of its `iss` (card tokens and bundles alike, §5). */
  sign(payload: Record<string, unknown>): string;
}

export function makeBenchAuthority(): BenchAuthority {
  const lc = generateSigningKey('lc-bench-1');
  const sd = generateSigningKey('sd-bench-1');
  return {
    lc,
    sd,
    trust: {
      issuers: [
        { iss: 'lc-hrss', name: '聊城市人力资源和社会保障局', keys: [lc.publicJwk] },
        { iss: 'sd-hrss', name: '山东省人力资源和社会保障厅', keys: [sd.publicJwk] },
      ],
    },
    sign(payload) {
      const key = payload.iss === 'sd-hrss' ? sd : lc;
      return signEs256(payload, key.privateKey, key.kid);
    },
  };
}
