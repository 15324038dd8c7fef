import { describe, expect, it } from 'vitest';
import { downloadChanges } from '../../electron/core/sync/download-step.js';
import { enrolTerminal } from '../../electron/core/sync/enrol.js';
import { runSyncRound } from '../../electron/core/sync/sync-round.js';
import { openSession } from '../../electron/core/sync/sync-session.js';
import { syncDetails } from '../../electron/core/sync/sync-status.js';
import { startHubServer } from '../../hub/server/hub-server.js';
import { createEnrolCode } from '../../hub/terminals/enrolment.js';
import { cleanupAfterEach, holder, issue, recordUse, terminalFromHub, testHub } from '../hub/hub-fixtures.js';

/**
 * The terminal's own sync client tells the hub how many audit entries it holds that the hub has
 * not acknowledged (GET /v1/bundles?…&pending=N, a compatible extension), and the hub keeps the
 * latest figure for the console's terminal list.
 */
describe('a terminal reports its pending uploads', () => {
  const later = cleanupAfterEach();

  it('sends the count of entries past the acknowledged cursor with its bundle request; the hub stores it', async () => {
    const made = await testHub(Date.now);
    later(made.cleanup);
    const { hub } = made;
    const server = await startHubServer(hub, { port: 0 });
    later(() => server.close());
    const [card] = await issue(hub, [holder(1)]);
    const { terminal, cleanup } = await terminalFromHub(hub, Date.now);
    later(cleanup);
    const { code } = await createEnrolCode(hub, { site: '东昌影城', service: 'cinema' });
    const enrolled = await enrolTerminal(terminal, { hubUrl: server.url, code, terminalId: 'CINEMA-1', site: '东昌影城', service: 'cinema' });
    expect(enrolled.ok).toBe(true);
    expect((await hub.store.terminals.get('CINEMA-1'))?.pendingUploads).toBeNull();

    await runSyncRound(terminal);
    // After a clean round everything is uploaded: it says 0.
    expect((await hub.store.terminals.get('CINEMA-1'))?.pendingUploads).toBe(0);

    // Offline for a while: a use and its audit entries pile up; a download alone (no upload first) says how many.
    recordUse(terminal, card?.token ?? '', 'cinema', Date.now() - 60_000);
    const session = openSession(terminal);
    if (!session.ok) throw new Error('no session');
    const unsent = syncDetails(terminal).pendingEntries;
    // The verification and the use at least.
    expect(unsent).toBeGreaterThanOrEqual(2);
    const downloaded = await downloadChanges(session.value);
    expect(downloaded.ok).toBe(true);
    expect((await hub.store.terminals.get('CINEMA-1'))?.pendingUploads).toBe(unsent);

    await runSyncRound(terminal);
    expect((await hub.store.terminals.get('CINEMA-1'))?.pendingUploads).toBe(0);
  });
});
