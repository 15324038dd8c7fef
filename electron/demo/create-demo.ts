import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import QRCode from 'qrcode';
import type { TrustFile } from '../../shared/bundles/bundle-schemas.js';
import { mintBundle, mintCardToken, type IssuerKey } from '../../node/crypto/card-token.js';
import { generateSigningKey } from '../../node/crypto/keys.js';
import { Terminal } from '../core/terminal.js';
import { demoCards, type DemoCard } from './demo-cards.js';
import { seedDemoCounter } from './demo-counter.js';

/** Key ids and names say DEMO wherever they appear. */
export const DEMO_KIDS = { lc: 'DEMO-lc-hrss-2026', sd: 'DEMO-sd-hrss-2026' } as const;

/** What the demo wrote. */
export interface DemoResult {
  outDir: string;
  dataDir: string;
  cards: { file: string; label: string; token: string; tokenPath: string; qrPath: string }[];
}

/**
 * Builds the demo authority: DEMO key pairs for the Liaocheng bureau and the province,
 * a trust file, signed revocation lists, sample cards (token text and QR PNG), and a
 * terminal data folder with all of it imported. Everything in `outDir` is replaced.
 */
export async function createDemo(outDir: string, nowMs: number = Date.now()): Promise<DemoResult> {
  rmSync(outDir, { recursive: true, force: true });
  for (const sub of ['cards', 'bundles', 'keys']) mkdirSync(join(outDir, sub), { recursive: true });
  const nowSec = Math.floor(nowMs / 1000);

  const lcKey = generateSigningKey(DEMO_KIDS.lc);
  const sdKey = generateSigningKey(DEMO_KIDS.sd);
  // The forger signs with a key of its own but claims the bureau's key id.
  const forgerKey = generateSigningKey(DEMO_KIDS.lc);
  const keys: Record<DemoCard['issuer'], IssuerKey> = {
    lc: { iss: 'lc-hrss', kid: lcKey.kid, privateKey: lcKey.privateKey },
    sd: { iss: 'sd-hrss', kid: sdKey.kid, privateKey: sdKey.privateKey },
    forger: { iss: 'lc-hrss', kid: forgerKey.kid, privateKey: forgerKey.privateKey },
  };
  for (const [name, key] of [['lc-hrss', lcKey], ['sd-hrss', sdKey]] as const) {
    writeFileSync(join(outDir, 'keys', `DEMO-${name}-private.pem`), key.privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600 });
  }

  const trust: TrustFile = {
    issuers: [
      { iss: 'lc-hrss', name: '聊城市人力资源和社会保障局（演示 DEMO）', keys: [lcKey.publicJwk] },
      { iss: 'sd-hrss', name: '山东省人力资源和社会保障厅（演示 DEMO）', keys: [sdKey.publicJwk] },
    ],
  };
  const trustPath = join(outDir, 'trust.json');
  writeFileSync(trustPath, `${JSON.stringify(trust, null, 2)}\n`);

  const cards = demoCards(nowSec);
  const revokedLc = cards.filter((c) => c.revoked === true).map((c) => ({ sub: c.claims.sub, at: nowSec - 86_400, reason: '演示：违反规定收回（第三十四条）' }));
  const bundles = {
    'revocations-lc-hrss.jwt': mintBundle({ iss: 'lc-hrss', typ: 'jinka/revocations', seq: 1, base: 0, iat: nowSec, revoked: revokedLc }, keys.lc),
    'revocations-sd-hrss.jwt': mintBundle({ iss: 'sd-hrss', typ: 'jinka/revocations', seq: 1, base: 0, iat: nowSec, revoked: [] }, keys.sd),
  };
  for (const [file, text] of Object.entries(bundles)) writeFileSync(join(outDir, 'bundles', file), `${text}\n`);

  const written: DemoResult['cards'] = [];
  for (const card of cards) {
    const token = mintCardToken(card.claims, keys[card.issuer]);
    const tokenPath = join(outDir, 'cards', `${card.file}.jwt`);
    const qrPath = join(outDir, 'cards', `${card.file}.png`);
    writeFileSync(tokenPath, `${token}\n`);
    await QRCode.toFile(qrPath, token, { errorCorrectionLevel: 'M', margin: 4, scale: 6 });
    written.push({ file: card.file, label: card.label, token, tokenPath, qrPath });
  }

  const dataDir = join(outDir, 'data');
  const terminal = Terminal.create(dataDir, () => nowMs);
  try {
    for (const text of [JSON.stringify(trust), ...Object.values(bundles)]) {
      const result = terminal.importText(text);
      if (!result.ok) throw new Error(`demo import failed: ${result.error.message}`);
    }
    await seedDemoCounter(terminal);
  } finally {
    terminal.close();
  }
  return { outDir, dataDir, cards: written };
}
