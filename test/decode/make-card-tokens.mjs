#!/usr/bin/env node
/**
 * Signs the card tokens the decode corpus is printed from and writes them to
 * fixtures/card-tokens.json (committed: ECDSA signatures are randomised, and the corpus
 * must be the same on every run). Run `npm run build` first; re-run only to change them.
 *
 * The tokens are real ES256 card tokens (§4) signed by a throw-away lc-hrss key through the
 * hub's own mintCardToken, from the 347-character shape the issuer mints today up to ~600
 * characters, with claims a later card may carry (the verifier ignores unknown claims).
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateSigningKey } from '../../dist/node/crypto/keys.js';
import { mintCardToken } from '../../dist/node/crypto/card-token.js';

const here = dirname(fileURLToPath(import.meta.url));
const key = generateSigningKey('lc-hrss-2026-01');
const issuer = { iss: 'lc-hrss', kid: key.kid, privateKey: key.privateKey };
const iat = 1_790_000_000;
const valid = { iat, nbf: iat, exp: iat + 3 * 365 * 86_400 };
const card = (sub, tier, cat, name, idt, extra = {}) => ({ iss: 'lc-hrss', sub, tier, cat, name, idt, ...valid, ...extra });

const cards = [
  { label: 'gold A, the shape minted today', claims: card('LC-A-2026-000137', 'A', 2, '张*明', '1234') },
  {
    label: 'gold B with a token id and employer',
    claims: card('LC-B-2026-004521', 'B', 3, '欧阳*华', '5678', { jti: 'c2b1f0de-8a44-4e0b-9d0e-3f5a8c1d7e62', org: '聊城市人民医院' }),
  },
  {
    label: 'gold C with employer, services and photo digest',
    claims: card('LC-C-2026-010988', 'C', 4, '王*芳', '901X', {
      jti: '5e0f2a91-77c3-4b8e-a1d4-0c9b6e3f2a18',
      org: '山东聊城经济技术开发区管委会',
      ph: 'qH3v2m9Xc0YtU8Jd5e1Rk7LwZ4sNbP6fA0gTyVhQx2E',
    }),
  },
  {
    label: 'gold A, long: employer, photo digest, services',
    claims: card('LC-A-2026-000219', 'A', 1, '司马*远', '246X', {
      jti: '9a7d3c55-1e2f-4b60-8c9d-7e1f2a3b4c5d',
      org: '聊城大学物理科学与信息工程学院',
      ph: 'Zk8Qm1Vb7Xc3Nn5Lr0Tt2Yy4Uu6Ii9Oo1Pp3Aa5Ss7D',
      svc: ['bus', 'park', 'cinema', 'gym'],
    }),
  },
];

const tokens = cards.map(({ label, claims }) => {
  const token = mintCardToken(claims, issuer);
  return { label, length: token.length, token };
});
const out = { note: 'Signed by make-card-tokens.mjs with a throw-away key; for the QR decode corpus only.', publicJwk: key.publicJwk, tokens };
writeFileSync(join(here, 'fixtures', 'card-tokens.json'), `${JSON.stringify(out, null, 2)}\n`);
console.log(tokens.map((t) => `${t.length}  ${t.label}`).join('\n'));
