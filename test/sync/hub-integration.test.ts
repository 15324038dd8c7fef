import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { splitBundleText } from '../../electron/core/bundles/bundle-file.js';
import { enrolTerminal } from '../../electron/core/sync/enrol.js';
import { importItems } from '../../electron/core/sync/import-items.js';
import { runSyncRound } from '../../electron/core/sync/sync-round.js';
import { syncDetails, syncStatus } from '../../electron/core/sync/sync-status.js';
import { Terminal } from '../../electron/core/terminal.js';
import type { Decision } from '../../shared/decision/decision-types.js';
import { formatShanghai } from '../../shared/time/shanghai-calendar.js';
import { HubProxy } from './support/hub-proxy.js';
import { builtForIntegration, residentId, type Run } from './support/real-hub.js';
import { ServedHub } from './support/served-hub.js';
import { listSeq } from '../support/stores.js';
import { jinka as jinkaCli } from '../cli/run-jinka.js';

const DAY = 86_400_000;
const payloadOf = (jws: string) => JSON.parse(Buffer.from(jws.split('.')[1] ?? '', 'base64url').toString()) as { typ?: string; base?: number };
const shanghaiDate = (ms: number) => formatShanghai(ms).slice(0, 10);

/** `jinka ARGS --data-dir DIR` in this process (runCli, what bin/jinka.js calls), on the real clock. */
async function jinka(dataDir: string, ...args: string[]): Promise<Run> {
  const r = await jinkaCli([...args, '--data-dir', dataDir]);
  return { code: r.code ?? -1, out: r.stdout, err: r.stderr };
}

/** The real hub process and terminals on the real clock, each on its own data folder. */
describe('terminal sync against the real hub', { timeout: 180_000 }, () => {
  const hub = new ServedHub();
  let proxy: HubProxy;
  let publishDir: string;
  const opened: { terminal: Terminal; dir: string }[] = [];
  let serial = 0;

  beforeAll(async () => {
    if (!builtForIntegration()) throw new Error('run `npm run build` first: these tests start bin/jinka-hub.js and bin/jinka.js');
    await hub.init();
    publishDir = join(hub.root, 'publish');
    await hub.must('publish', '--out', publishDir);
    await hub.start();
    proxy = await new HubProxy(() => hub.url).start();
  });

  afterAll(async () => {
    await proxy.stop();
    await hub.cleanup();
  });

  afterEach(() => {
    proxy.cutUploadAnswers = 0;
    proxy.rewriteBundles = undefined;
    for (const { terminal, dir } of opened.splice(0)) {
      terminal.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  /** A terminal provisioned as a site would be from the bureau's USB stick, then enrolled (through the proxy when asked). */
  async function terminalAt(site: string, options: { viaProxy?: boolean; dir?: string } = {}): Promise<{ terminal: Terminal; dir: string; id: string }> {
    const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'jinka-term-it-'));
    const terminal = Terminal.create(dir);
    opened.push({ terminal, dir });
    const trust = terminal.importText(readFileSync(join(publishDir, 'provision', 'trust.json'), 'utf8'));
    if (!trust.ok) throw new Error(trust.error.message);
    importItems(terminal, splitBundleText(readFileSync(join(publishDir, 'bundles.jwt'), 'utf8')));
    const id = site.replace(/\W+/g, '-').toUpperCase();
    const code = await hub.enrolCode(site, 'cinema');
    const enrolled = await enrolTerminal(terminal, { hubUrl: options.viaProxy === true ? proxy.url : hub.url, code, terminalId: id, site, service: 'cinema' });
    if (!enrolled.ok) throw new Error(JSON.stringify(enrolled.error));
    return { terminal, dir, id };
  }

  async function newCard(): Promise<{ sub: string; token: string }> {
    serial += 1;
    const now = Date.now();
    return hub.issueCard(residentId(serial), shanghaiDate(now - 30 * DAY), shanghaiDate(now + 700 * DAY));
  }

  /** A cinema visit `minutesAgo` minutes ago: decided, and recorded when accepted. */
  function visit(terminal: Terminal, token: string, minutesAgo = 0): Decision {
    const verified = terminal.verify({ token, service: 'cinema', atMs: Date.now() - minutesAgo * 60_000, companions: {} });
    if (verified.decision.decision === 'accept') {
      const recorded = terminal.record(verified.id);
      if (!recorded.ok) return { ...verified.decision, decision: 'reject', reasons: ['QUOTA_EXHAUSTED'] };
    }
    return verified.decision;
  }

  async function usesAtSite(site: string): Promise<number> {
    const report = JSON.parse(await hub.must('report', '--json')) as { bySite: Record<string, { uses: number }> };
    return report.bySite[site]?.uses ?? 0;
  }

  it('gives a card 12 films a card-year at two cinemas together, not 24', async () => {
    const a = await terminalAt('Quota Cinema A');
    const b = await terminalAt('Quota Cinema B');
    const card = await newCard();
    for (let i = 0; i < 6; i += 1) expect(visit(a.terminal, card.token, 100 - i).decision).toBe('accept');
    expect((await runSyncRound(a.terminal)).state).toBe('idle');
    expect((await runSyncRound(b.terminal)).state).toBe('idle');
    for (let i = 0; i < 6; i += 1) expect(visit(b.terminal, card.token, 50 - i).decision).toBe('accept');
    await runSyncRound(b.terminal);
    await runSyncRound(a.terminal);
    expect(visit(a.terminal, card.token)).toMatchObject({ decision: 'reject', reasons: ['QUOTA_EXHAUSTED'] });
    expect(visit(b.terminal, card.token)).toMatchObject({ decision: 'reject', reasons: ['QUOTA_EXHAUSTED'] });
    expect((await usesAtSite('Quota Cinema A')) + (await usesAtSite('Quota Cinema B'))).toBe(12);
  });

  it('keeps deciding while the hub is down, queues, and catches up with nothing lost', async () => {
    const a = await terminalAt('Outage Cinema A');
    const b = await terminalAt('Outage Cinema B');
    const card = await newCard();
    await hub.stop();
    try {
      for (let i = 0; i < 3; i += 1) expect(visit(a.terminal, card.token, 30 - i).decision).toBe('accept');
      for (let i = 0; i < 2; i += 1) expect(visit(b.terminal, card.token, 20 - i).decision).toBe('accept');
      expect((await runSyncRound(a.terminal)).state).toBe('offline');
      expect(syncStatus(a.terminal).pendingUploads).toBe(3);
    } finally {
      await hub.start();
    }
    // A restart of one terminal while it waited: the queue is in its database.
    a.terminal.close();
    const reopened = Terminal.open(a.dir);
    opened.push({ terminal: reopened, dir: a.dir });
    expect((await runSyncRound(reopened)).state).toBe('idle');
    expect((await runSyncRound(b.terminal)).state).toBe('idle');
    expect(syncStatus(reopened).pendingUploads).toBe(0);
    expect(await usesAtSite('Outage Cinema A')).toBe(3);
    expect(await usesAtSite('Outage Cinema B')).toBe(2);
    await runSyncRound(reopened);
    expect(reopened.decide({ token: card.token, service: 'cinema', atMs: Date.now(), companions: {} }).decision.quota).toMatchObject({ used: 5, remaining: 7 });
  });

  it('counts a batch once when the connection is cut after the hub committed it, and when the same batch comes twice', async () => {
    const a = await terminalAt('Cut Cinema', { viaProxy: true });
    const card = await newCard();
    for (let i = 0; i < 2; i += 1) visit(a.terminal, card.token, 10 - i);
    proxy.cutUploadAnswers = 1;
    expect((await runSyncRound(a.terminal)).state).toBe('offline');
    expect(syncDetails(a.terminal).uploadCursor).toBe(0);
    expect(await usesAtSite('Cut Cinema')).toBe(2);
    const again = await runSyncRound(a.terminal);
    expect(again.state).toBe('idle');
    expect(again.upload?.duplicates).toBeGreaterThan(0);
    expect(await usesAtSite('Cut Cinema')).toBe(2);

    const file = join(a.dir, 'usage.jws');
    expect((await jinka(a.dir, 'sync', 'export', file)).code).toBe(0);
    expect((await hub.cli('import-usage', file)).code).toBe(0);
    const twice = JSON.parse(await hub.must('import-usage', file, '--json')) as { accepted: number; duplicates: number };
    expect(twice.accepted).toBe(0);
    expect(await usesAtSite('Cut Cinema')).toBe(2);
  });

  it('applies a revocation published at the hub, and the card is rejected there', async () => {
    const a = await terminalAt('Revoke Cinema');
    const card = await newCard();
    expect(visit(a.terminal, card.token, 5).decision).toBe('accept');
    await hub.must('revoke', card.sub, '--reason', 'lost card');
    const report = await runSyncRound(a.terminal);
    expect(report.state).toBe('idle');
    expect(report.download?.imported.some((o) => o.kind === 'revocations')).toBe(true);
    expect(visit(a.terminal, card.token)).toMatchObject({ decision: 'reject', reasons: ['REVOKED'] });
  });

  it('refuses a tampered, a replayed and an out-of-order bundle and keeps what it had', async () => {
    const a = await terminalAt('Tamper Cinema', { viaProxy: true });
    const witness = await terminalAt('Witness Cinema', { viaProxy: true });
    const [c1, c2, c3] = [await newCard(), await newCard(), await newCard()];
    await runSyncRound(witness.terminal);
    await runSyncRound(a.terminal);
    const held = () => listSeq(a.terminal, 'lc-hrss');
    const start = held();
    const lastRevocations = () => (proxy.seenBundles.at(-1) ?? []).filter((b) => b.split('.').length === 3 && payloadOf(b).typ === 'jinka/revocations');

    // Tampered: the hub's delta with the revoked card taken out, the signature kept.
    await hub.must('revoke', c1.sub, '--reason', 'lost card');
    proxy.rewriteBundles = (bundles) =>
      bundles.map((b) => {
        const [h, , s] = b.split('.') as [string, string, string];
        const payload = payloadOf(b);
        return payload.typ === 'jinka/revocations' ? `${h}.${Buffer.from(JSON.stringify({ ...payload, revoked: [] })).toString('base64url')}.${s}` : b;
      });
    const tampered = await runSyncRound(a.terminal);
    expect(tampered.state).toBe('error');
    expect(tampered.download?.refused.map((r) => r.code)).toContain('BAD_SIGNATURE');
    expect(held()).toBe(start);
    expect(syncStatus(a.terminal)).toMatchObject({ state: 'error' });
    expect(visit(a.terminal, c1.token).decision).toBe('accept');

    // Out of order: the delta the witness got on top of start + 1, sent to a terminal holding start.
    proxy.rewriteBundles = undefined;
    await runSyncRound(witness.terminal);
    await hub.must('revoke', c2.sub, '--reason', 'lost card');
    await runSyncRound(witness.terminal);
    const ahead = lastRevocations();
    expect(ahead.map((b) => payloadOf(b).base)).toEqual([start + 1]);
    proxy.rewriteBundles = () => ahead;
    const gap = await runSyncRound(a.terminal);
    expect(gap.download?.refused.map((r) => r.code)).toEqual(['GAP']);
    expect(held()).toBe(start);

    // The real answer, then a replay of it.
    proxy.rewriteBundles = undefined;
    expect((await runSyncRound(a.terminal)).state).toBe('idle');
    expect(held()).toBe(start + 2);
    const applied = lastRevocations();
    proxy.rewriteBundles = () => applied;
    const replay = await runSyncRound(a.terminal);
    expect(replay.download?.refused.map((r) => r.code)).toEqual(['REPLAY']);
    expect(held()).toBe(start + 2);
    expect(visit(a.terminal, c3.token).decision).toBe('accept');
    expect(visit(a.terminal, c2.token)).toMatchObject({ decision: 'reject', reasons: ['REVOKED'] });
  });

  it('is refused once the bureau disabled it, and keeps its queue', async () => {
    const a = await terminalAt('Disabled Cinema');
    const card = await newCard();
    expect((await runSyncRound(a.terminal)).state).toBe('idle');
    await hub.must('terminal', 'disable', a.id, '--reason', 'stolen');
    expect(visit(a.terminal, card.token).decision).toBe('accept');
    const report = await runSyncRound(a.terminal);
    expect(report.state).toBe('disabled');
    expect(syncStatus(a.terminal)).toMatchObject({ state: 'disabled' });
    expect(syncStatus(a.terminal).pendingUploads).toBeGreaterThan(0);
    expect(await usesAtSite('Disabled Cinema')).toBe(0);
  });

  it('round-trips a USB stick: sync export → jinka-hub import-usage, jinka-hub publish → jinka import', async () => {
    const a = await terminalAt('USB Cinema');
    const card = await newCard();
    const other = await newCard();
    // From now on this site has no network.
    a.terminal.close();
    opened.splice(opened.findIndex((o) => o.dir === a.dir), 1);
    const dir = a.dir;
    try {
      for (let i = 0; i < 3; i += 1) {
        // An enrolled terminal records at the real time only (DESIGN §7: no --at with --record); the repeats only warn DUPLICATE.
        const r = await jinka(dir, 'verify', card.token, '--service', 'cinema', '--record');
        expect(r.code).toBe(0);
      }
      const stick = join(dir, 'stick.jws');
      expect((await jinka(dir, 'sync', 'export', stick)).code).toBe(0);
      const imported = JSON.parse(await hub.must('import-usage', stick, '--json')) as { uses: number; ack: string };
      expect(imported.uses).toBe(3);
      await hub.must('import-usage', stick);
      expect(await usesAtSite('USB Cinema')).toBe(3);

      await hub.must('revoke', other.sub, '--reason', 'lost card');
      const out = join(dir, 'from-bureau');
      await hub.must('publish', '--out', out);
      const bundles = await jinka(dir, 'import', join(out, 'bundles.jwt'));
      expect(bundles.code).toBe(0);
      const ack = await jinka(dir, 'import', imported.ack);
      expect(ack).toMatchObject({ code: 0, out: expect.stringContaining('acknowledged through') as string });
      const status = JSON.parse((await jinka(dir, 'sync', 'status', '--json')).out) as { pendingUses: number };
      expect(status.pendingUses).toBe(0);
      const rejected = await jinka(dir, 'verify', other.token, '--service', 'cinema', '--json');
      expect(JSON.parse(rejected.out)).toMatchObject({ decision: 'reject', reasons: ['REVOKED'] });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
