import { describe, expect, it } from 'vitest';
import { enrolTerminal } from '../../electron/core/sync/enrol.js';
import { runSyncRound } from '../../electron/core/sync/sync-round.js';
import type { Terminal } from '../../electron/core/terminal.js';
import { voidUse } from '../../electron/core/use-void.js';
import { startHubServer } from '../../hub/server/hub-server.js';
import { createEnrolCode } from '../../hub/terminals/enrolment.js';
import { cleanupAfterEach, holder, issue, recordUse, terminalFromHub, testHub } from '../hub/hub-fixtures.js';

/**
 * Gate mode: a gate that never opened voids its use (electron/core/use-void.ts), so the holder's
 * quota (Art. 21) is not spent. A second cinema that already received the use through
 * GET /v1/quota learns of the void through the same feed and gives the film back.
 */
describe('a use voided at one cinema gives the quota back at the other', () => {
  const later = cleanupAfterEach();

  it('the second cinema counts the use, then not once the first voids it', async () => {
    const made = await testHub(Date.now);
    later(made.cleanup);
    const { hub } = made;
    const server = await startHubServer(hub, { port: 0 });
    later(() => server.close());
    const [card] = await issue(hub, [holder(1)]);
    if (card === undefined) throw new Error('no card');
    const cinema = async (id: string, site: string): Promise<Terminal> => {
      const { terminal, cleanup } = await terminalFromHub(hub, Date.now);
      later(cleanup);
      const { code } = await createEnrolCode(hub, { site, service: 'cinema' });
      const enrolled = await enrolTerminal(terminal, { hubUrl: server.url, code, terminalId: id, site, service: 'cinema' });
      if (!enrolled.ok) throw new Error(JSON.stringify(enrolled.error));
      return terminal;
    };
    const a = await cinema('CINEMA-A', '东昌府影城');
    const b = await cinema('CINEMA-B', '开发区影城');
    const used = () => b.decide({ token: card.token, service: 'cinema', atMs: Date.now(), companions: {} }).decision.quota;

    const useId = recordUse(a, card.token, 'cinema', Date.now() - 3_600_000);
    await runSyncRound(a);
    await runSyncRound(b);
    expect(used()).toMatchObject({ limit: 12, used: 1, remaining: 11 });

    expect(voidUse(a, useId, 'gate did not open')).toBeGreaterThan(0);
    await runSyncRound(a);
    await runSyncRound(b);
    expect(used()).toMatchObject({ limit: 12, used: 0, remaining: 12 });
  });
});
