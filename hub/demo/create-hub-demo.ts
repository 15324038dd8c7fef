import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateSigningKey } from '../../node/crypto/keys.js';
import { cardYearStart, shanghaiDayAt } from '../../shared/time/shanghai-calendar.js';
import type { Hub } from '../hub.js';
import { initHub } from '../hub-init.js';
import { writeCardFiles, writeQrPng } from '../issue/card-files.js';
import { issueCards, reissueCard, revokeCards } from '../issue/card-issuer.js';
import { checkFont, type SheetFont } from '../issue/card-sheet-pdf.js';
import type { HolderRequest } from '../issue/roster.js';
import { mintBundle, mintCardToken } from '../../node/crypto/card-token.js';
import { putForeignIssuer, relayRevocations } from '../publish/foreign-issuers.js';
import { publishToDir } from '../publish/publish-files.js';
import { createEnrolCode } from '../terminals/enrolment.js';
import { createStaff } from '../console/staff-accounts.js';

/** Marks a folder as the demo's, so `demo` only ever replaces its own. */
const MARKER = 'DEMO-HUB.txt';
/** The demo passphrase: written next to the data on purpose; never use a demo hub for real cards. */
export const DEMO_PASSPHRASE = 'DEMO-passphrase-not-secret';
/** The demo console's admin: printed by `npm run hub` on purpose; a demo hub only. */
export const DEMO_ADMIN = { id: 'demo-admin', password: 'DEMO-admin-not-secret' } as const;

/** What the demo made. */
export interface HubDemo {
  dir: string;
  dataDir: string;
  passphraseFile: string;
  cardsDir: string;
  publishDir: string;
  pdf: string | undefined;
  codes: { site: string; service: string; code: string }[];
  /** The console's demo admin sign-in. */
  admin: { id: string; password: string };
  cards: { sub: string; label: string }[];
  hub: Hub;
}

/** A made-up resident ID number with a correct check character (GB 11643), clearly not a person's. */
function demoIdNumber(serial: number): string {
  const body = `37150019900101${String(serial).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((s, w, i) => s + w * Number(body[i]), 0);
  return body + ('10X98765432'[sum % 11] as string);
}

function prepareDir(dir: string): void {
  if (existsSync(dir) && readdirSync(dir).length > 0) {
    if (!existsSync(join(dir, MARKER))) throw new Error(`${dir} is not empty and is not a demo folder: pick another --dir`);
    rmSync(dir, { recursive: true, force: true });
  }
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, MARKER), 'Jinka hub demo: DEMO keys and made-up holders only. Never issue real cards from here.\n');
}

/**
 * Builds a demo hub: DEMO-marked bureau key and card numbers, sample cards of each tier, a
 * revoked and a re-issued card, a DEMO province issuer with one Huicai card, bundles for a
 * USB stick and enrolment codes for two cinemas and a bus station. Replaces an earlier demo.
 */
export async function createHubDemo(dir: string, font: SheetFont | undefined, clock: () => number = Date.now): Promise<HubDemo> {
  prepareDir(dir);
  const passphraseFile = join(dir, 'DEMO-passphrase.txt');
  writeFileSync(passphraseFile, `${DEMO_PASSPHRASE}\n`, { mode: 0o600 });
  const dataDir = join(dir, 'data');
  const hub = await initHub(dataDir, DEMO_PASSPHRASE, {
    clock,
    settings: { bureauName: '聊城市人力资源和社会保障局（演示 DEMO）', cardPrefix: 'DEMO-LC', demo: true },
  });
  const now = clock();
  // Valid from Shanghai midnight 30 days back for exactly two card-years counted from that nbf
  // (§6: a card valid from 29 February ends on 28 February two years on).
  const nbfMs = shanghaiDayAt(now).start - 30 * 86_400_000;
  const expMs = cardYearStart(nbfMs, 2);
  const holder = (line: number, name: string, category: number): HolderRequest => ({ line, name, idNumber: demoIdNumber(line), category, nbfMs, expMs });
  const issued = await issueCards(hub, [holder(1, '张三明', 2), holder(2, '李晓华', 3), holder(3, '王芳', 4), holder(4, '欧阳明锋', 1), holder(5, '杨伟', 2)]);
  if (!issued.ok) throw new Error(`demo issue failed: ${issued.error.map((e) => e.message).join('; ')}`);
  const [a, b, c, a1, revoked] = issued.value;
  if (a === undefined || b === undefined || c === undefined || a1 === undefined || revoked === undefined) throw new Error('demo issue failed');
  const revocation = await revokeCards(hub, [revoked.sub], '演示：违反规定收回（第三十四条）');
  if (!revocation.ok) throw new Error(revocation.error.message);
  const reissue = await reissueCard(hub, b.sub, '演示：遗失补办（第三十四条）');
  if (!reissue.ok) throw new Error(reissue.error.message);

  // The province: its DEMO key is made here only to sign one sample Huicai card and its list.
  const sd = generateSigningKey('DEMO-sd-hrss-2026');
  await putForeignIssuer(hub, { iss: 'sd-hrss', name: '山东省人力资源和社会保障厅（演示 DEMO）', keys: [sd.publicJwk] });
  const sdKey = { iss: 'sd-hrss', kid: sd.kid, privateKey: sd.privateKey };
  const relay = await relayRevocations(hub, mintBundle({ iss: 'sd-hrss', typ: 'jinka/revocations', seq: 1, base: 0, iat: hub.nowSec(), revoked: [] }, sdKey));
  if (!relay.ok) throw new Error(relay.error);
  const huicai = mintCardToken({ iss: 'sd-hrss', sub: 'DEMO-SD-000001', tier: 'A', cat: 1, name: '赵*强', idt: '2468', iat: hub.nowSec(), nbf: Math.floor(nbfMs / 1000), exp: Math.floor(expMs / 1000) }, sdKey);

  const cardsDir = join(dir, 'cards');
  if (font !== undefined) checkFont(font);
  const files = await writeCardFiles(cardsDir, [a, reissue.value.card, c, a1, revoked, b], font, true);
  writeFileSync(join(cardsDir, 'DEMO-SD-000001.jwt'), `${huicai}\n`);
  await writeQrPng(join(cardsDir, 'DEMO-SD-000001.png'), huicai);

  const publishDir = join(dir, 'publish');
  await publishToDir(hub, publishDir);
  const codes = [];
  for (const [site, service] of [['演示影城东昌店 DEMO', 'cinema'], ['演示影城开发区店 DEMO', 'cinema'], ['演示汽车总站 DEMO', 'bus']] as const) {
    codes.push({ site, service, code: (await createEnrolCode(hub, { site, service, hours: 24 })).code });
  }
  const admin = await createStaff(hub, { id: DEMO_ADMIN.id, name: '演示管理员 DEMO', role: 'admin', password: DEMO_ADMIN.password }, { actor: 'demo', address: 'local' });
  if (!admin.ok) throw new Error('demo admin not made');
  return {
    dir,
    dataDir,
    passphraseFile,
    cardsDir,
    publishDir,
    pdf: files.pdf,
    codes,
    admin: { ...DEMO_ADMIN },
    cards: [
      { sub: a.sub, label: '金卡A（领军人才）' },
      { sub: reissue.value.card.sub, label: `金卡B（补发，替代 ${b.sub}）` },
      { sub: c.sub, label: '金卡C（柔性引进）' },
      { sub: a1.sub, label: '金卡A（第一类，惠才卡持有人）' },
      { sub: revoked.sub, label: '已收回的金卡A' },
      { sub: b.sub, label: '已补发而收回的金卡B' },
      { sub: 'DEMO-SD-000001', label: '山东惠才卡（演示省厅签发）' },
    ],
    hub,
  };
}
