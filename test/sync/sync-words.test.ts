import { createServer } from 'node:http';
import { describe, expect, it } from 'vitest';
import { runSyncRound } from '../../electron/core/sync/sync-round.js';
import { syncStatus } from '../../electron/core/sync/sync-status.js';
import { jinka, jsonOf } from '../cli/run-jinka.js';
import { openStores } from '../support/stores.js';
import { FakeHub } from './support/fake-hub.js';
import { closeLocal, listenLocal } from './support/local-server.js';
import { useSyncEnv } from './support/sync-fixtures.js';

/** Latin words in a Chinese line other than commands, flags, codes and the hub URL. */
const englishIn = (line: string): string[] =>
  line
    .replace(/https?:\/\/\S+/g, '')
    .replace(/jinka (enrol|sync)[^：；）]*/g, '')
    .match(/\b[a-z]{3,}\b/g) ?? [];

describe('sync state as codes, worded at the edges', () => {
  const env = useSyncEnv({ enrolAs: 'T1' });

  /** Writes the last round's row as it is kept, bypassing the store's own checks (an earlier version, a hand-edited file). */
  const storeRound = (round: object) =>
    openStores(env.t1.terminal).db.prepare("INSERT OR REPLACE INTO sync_state(key, value) VALUES ('round', ?)").run(JSON.stringify(round));

  /** Points the enrolled terminal at a port nothing listens on any more. */
  const unreachable = async () => {
    const server = createServer();
    const url = await listenLocal(server);
    await closeLocal(server);
    const { sync } = openStores(env.t1.terminal);
    const enrolment = sync.enrolment();
    if (enrolment === undefined) throw new Error('not enrolled');
    sync.setEnrolment({ ...enrolment, hubUrl: url });
  };

  it('stores no English sentence: a round that cannot reach the hub keeps a code with its parameters', async () => {
    await unreachable();
    const report = await runSyncRound(env.t1.terminal, { timeoutMs: 2000 });
    expect(report.state).toBe('offline');
    expect(report.notices).toEqual([{ code: 'HUB_UNREACHABLE', cause: 'ECONNREFUSED' }]);
    const view = syncStatus(env.t1.terminal);
    expect(view.notices).toEqual(report.notices);
    expect(view).not.toHaveProperty('message');
  });

  it('jinka sync status words the stored code in Chinese by default, and --json keeps message (worded) beside the code', async () => {
    await unreachable();
    await runSyncRound(env.t1.terminal, { timeoutMs: 2000 });
    const text = await jinka(['sync', 'status', '--data-dir', env.t1.dir], { env: { JINKA_LANG: 'zh' } });
    expect(text.code).toBe(0);
    const warning = text.stdout.split('\n').find((l) => l.includes('⚠')) ?? '';
    expect(warning).toContain('无法连接中心（ECONNREFUSED）');
    expect(englishIn(warning)).toEqual([]);

    const json = jsonOf(await jinka(['sync', 'status', '--json', '--data-dir', env.t1.dir], { env: { JINKA_LANG: 'zh' } }));
    expect(json).toMatchObject({ view: { state: 'offline', message: expect.stringContaining('无法连接中心') as string, notices: [{ code: 'HUB_UNREACHABLE', cause: 'ECONNREFUSED' }] } });
    const en = jsonOf(await jinka(['sync', 'status', '--json', '--data-dir', env.t1.dir], { env: { JINKA_LANG: 'en' } }));
    expect(en).toMatchObject({ view: { message: 'hub unreachable (ECONNREFUSED): check the network; entries stay queued' } });
  });

  it('jinka sync now says why it failed in one Chinese line, and --json carries message and notices', async () => {
    await unreachable();
    const run = await jinka(['sync', 'now', '--data-dir', env.t1.dir], { env: { JINKA_LANG: 'zh' } });
    expect(run.code).toBe(2);
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/^jinka: 同步未完成（无法连接中心）：无法连接中心（ECONNREFUSED）/);
    expect(englishIn(run.stderr.replace(/^jinka: /, ''))).toEqual([]);
    const json = jsonOf(await jinka(['sync', 'now', '--json', '--data-dir', env.t1.dir], { env: { JINKA_LANG: 'en' } }));
    expect(json).toMatchObject({ state: 'offline', message: expect.stringMatching(/^hub unreachable/) as string, notices: [{ code: 'HUB_UNREACHABLE' }] });
  });

  it('a clock 20 minutes behind the hub is a CLOCK_SKEW code, worded in jinka status and its JSON', async () => {
    const skewed = await new FakeHub(() => env.clock.now + 20 * 60_000).start();
    try {
      for (const [id, t] of env.hub.terminals) skewed.terminals.set(id, t);
      const { sync } = openStores(env.t1.terminal);
      const enrolment = sync.enrolment();
      if (enrolment === undefined) throw new Error('not enrolled');
      sync.setEnrolment({ ...enrolment, hubUrl: skewed.url });
      const report = await runSyncRound(env.t1.terminal);
      expect(report.state).toBe('idle');
      expect(report.notices).toEqual([{ code: 'CLOCK_SKEW', minutes: 20, direction: 'behind' }]);
    } finally {
      await skewed.stop();
    }
    const status = await jinka(['status', '--data-dir', env.t1.dir], { env: { JINKA_LANG: 'zh' } });
    expect(status.stdout).toContain('⚠ 本机时钟比中心慢 20 分钟：请校正系统时钟');
    expect(status.stdout).not.toMatch(/clock is/);
    const json = jsonOf(await jinka(['status', '--json', '--data-dir', env.t1.dir], { env: { JINKA_LANG: 'zh' } }));
    expect(json).toMatchObject({
      sync: {
        view: { message: '本机时钟比中心慢 20 分钟：请校正系统时钟', notices: [{ code: 'CLOCK_SKEW', minutes: 20 }] },
        hubClock: { warning: '本机时钟比中心慢 20 分钟：请校正系统时钟', warningNotice: { code: 'CLOCK_SKEW', direction: 'behind' } },
      },
    });
  });

  it('reads a round stored by the previous version (an English message, no codes) without losing its failure count', () => {
    const { sync } = openStores(env.t1.terminal);
    storeRound({ state: 'offline', message: 'hub unreachable: ECONNREFUSED', attemptMs: 1, lastSuccessMs: null, failures: 3 });
    expect(sync.lastRound()).toMatchObject({ state: 'offline', failures: 3, notices: [] });
    expect(syncStatus(env.t1.terminal)).toMatchObject({ state: 'offline', notices: [] });
  });

  it('a stored notice the schema refuses (a forged or newer row) drops the notices, not the round', () => {
    const { sync } = openStores(env.t1.terminal);
    storeRound({ state: 'error', notices: [{ code: 'HUB_REFUSED', status: 500, hubCode: 'X'.repeat(5000), hubMessage: null }], attemptMs: 1, lastSuccessMs: null, failures: 2 });
    expect(sync.lastRound()).toMatchObject({ state: 'error', failures: 2, notices: [] });
  });
});
