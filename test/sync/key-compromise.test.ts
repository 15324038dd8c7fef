import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { splitBundleText } from '../../electron/core/bundles/bundle-file.js';
import { enrolTerminal } from '../../electron/core/sync/enrol.js';
import { importItems } from '../../electron/core/sync/import-items.js';
import { runSyncRound } from '../../electron/core/sync/sync-round.js';
import { Terminal } from '../../electron/core/terminal.js';
import { DEFAULT_RULES } from '../../shared/rules/default-rules.js';
import { formatShanghai } from '../../shared/time/shanghai-calendar.js';
import { Hub } from '../../hub/hub.js';
import { mintBundle } from '../../node/crypto/card-token.js';
import { builtForIntegration, residentId } from './support/real-hub.js';
import { ServedHub } from './support/served-hub.js';
import { listSeq, openStores } from '../support/stores.js';

const DAY = 86_400_000;
const shanghaiDate = (ms: number) => formatShanghai(ms).slice(0, 10);

/**
 * The issue's attack and its recovery against the real `jinka-hub serve` process: an old key kept
 * for cards cannot touch lists; a leaked current key can, until the bureau runs `jinka-hub key
 * compromised`; then one ordinary sync round brings the terminal back (README "Keys, usages and
 * bounded versions").
 */
describe('leaked bureau keys against the real hub', { timeout: 180_000 }, () => {
  const hub = new ServedHub();
  let terminal: Terminal;
  let dir: string;

  beforeAll(async () => {
    if (!builtForIntegration()) throw new Error('run `npm run build` first: these tests start bin/jinka-hub.js');
    await hub.init();
    await hub.start();
    const publishDir = join(hub.root, 'publish');
    await hub.must('publish', '--out', publishDir);
    dir = mkdtempSync(join(tmpdir(), 'jinka-term-keys-'));
    terminal = Terminal.create(dir);
    const trust = terminal.importText(readFileSync(join(publishDir, 'provision', 'trust.json'), 'utf8'));
    if (!trust.ok) throw new Error(trust.error.message);
    importItems(terminal, splitBundleText(readFileSync(join(publishDir, 'bundles.jwt'), 'utf8')));
    const enrolled = await enrolTerminal(terminal, { hubUrl: hub.url, code: await hub.enrolCode('Key Cinema', 'cinema'), terminalId: 'KEY-CINEMA', site: 'Key Cinema', service: 'cinema' });
    if (!enrolled.ok) throw new Error(JSON.stringify(enrolled.error));
  });

  afterAll(async () => {
    terminal.close();
    rmSync(dir, { recursive: true, force: true });
    await hub.cleanup();
  });

  const card = (n: number) => hub.issueCard(residentId(n), shanghaiDate(Date.now() - 30 * DAY), shanghaiDate(Date.now() + 700 * DAY));
  const decide = (token: string) => terminal.decide({ token, service: 'gym', atMs: Date.now(), companions: {} }).decision;
  /** The hub's keys, opened beside the running server as an attacker holding a copy (and the passphrase) would. */
  async function withHubKeys<T>(use: (h: Hub) => Promise<T>): Promise<T> {
    const opened = await Hub.open(hub.dataDir, hub.env.JINKA_HUB_PASSPHRASE);
    try {
      return await use(opened);
    } finally {
      await opened.close();
    }
  }

  it('refuses the abuse of an old key and recovers from a leaked current key by sync alone', async () => {
    const revoked = await card(1);
    const oldCard = await card(2);
    await hub.must('revoke', revoked.sub, '--reason', 'Art. 34');
    expect((await runSyncRound(terminal)).state).toBe('idle');
    expect(decide(revoked.token).reasons).toEqual(['REVOKED']);

    // A rotation: the old key stays published, for its cards only.
    const oldKid = await withHubKeys(async (h) => (await h.signer()).kid);
    await hub.must('key', 'rotate');
    expect((await runSyncRound(terminal)).state).toBe('idle');
    expect(decide(oldCard.token).decision).toBe('accept');
    const iat = Math.floor(Date.now() / 1000);
    const held = listSeq(terminal, 'lc-hrss');
    const oldKeyAttack = await withHubKeys(async (h) => mintBundle({ iss: 'lc-hrss', typ: 'jinka/revocations', seq: Number.MAX_SAFE_INTEGER, base: 0, iat, revoked: [] }, await h.unlock(oldKid)));
    expect(terminal.importText(oldKeyAttack)).toMatchObject({ ok: false, error: { code: 'WRONG_KEY_USE' } });
    expect(decide(revoked.token).reasons).toEqual(['REVOKED']);

    // The current key leaks: one step each, as far as §5 lets it — the card is un-revoked, the rules opened.
    const leaked = await withHubKeys(async (h) => h.signer());
    const loose = { ...DEFAULT_RULES, tiers: { ...DEFAULT_RULES.tiers, C: { articles: [6, 30] as [number, number], categories: [4, 5] } } };
    expect(terminal.importText(mintBundle({ iss: 'lc-hrss', typ: 'jinka/revocations', seq: held + 100_000, base: 0, iat, revoked: [] }, leaked)).ok).toBe(true);
    expect(terminal.importText(mintBundle({ iss: 'lc-hrss', typ: 'jinka/rules', version: terminal.rules().version + 100, iat, rules: loose }, leaked)).ok).toBe(true);
    expect(decide(revoked.token).decision).toBe('accept');
    // Without the bureau's reset the hub's own list is refused: the terminal is stuck.
    const stuck = await runSyncRound(terminal);
    expect(stuck.state).toBe('error');

    // The bureau drops the leaked key; the running hub serves the recovery at the next round.
    const out = await hub.must('key', 'compromised', leaked.kid);
    expect(out).toMatch(new RegExp(`Key ${leaked.kid} is dropped`));
    const round = await runSyncRound(terminal);
    expect(round.state).toBe('idle');
    expect(decide(revoked.token).reasons).toEqual(['REVOKED']);
    expect(terminal.rules().rules.tiers.C.articles).toEqual(DEFAULT_RULES.tiers.C.articles);
    expect(openStores(terminal).trust.hasKid('lc-hrss', leaked.kid)).toBe(false);
    // Cards the leaked key signed stop verifying (the bureau re-issues them); new cards and older keys' cards still do.
    const fresh = await card(3);
    expect(decide(fresh.token).decision).toBe('accept');
    expect(decide(oldCard.token).decision).toBe('accept');
    // The leaked key can do nothing more, and the hub's lists flow again.
    expect(terminal.importText(mintBundle({ iss: 'lc-hrss', typ: 'jinka/revocations', seq: Number.MAX_SAFE_INTEGER, base: 0, iat, revoked: [] }, leaked))).toMatchObject({ ok: false, error: { code: 'UNKNOWN_KEY' } });
    await hub.must('revoke', fresh.sub, '--reason', 'Art. 34');
    expect((await runSyncRound(terminal)).state).toBe('idle');
    expect(decide(fresh.token).reasons).toEqual(['REVOKED']);
  });
});
