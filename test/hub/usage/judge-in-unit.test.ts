import { describe, expect, it } from 'vitest';
import type { Hub } from '../../../hub/hub.js';
import { revokeCards } from '../../../hub/issue/card-issuer.js';
import type { HubStore } from '../../../hub/store/hub-store.js';
import { TerminalKeys } from '../../../hub/terminals/terminal-auth.js';
import { ingestUpload } from '../../../hub/usage/ingest-upload.js';
import { ForgedLog } from './forged-log.js';
import { cleanupAfterEach, enrol, holder, issue, testClock, testHub } from '../hub-fixtures.js';

/**
 * The judge reads a card's facts inside the storing unit of work, under the card's lock, not
 * before it: with several hub processes on one database, whatever another process committed
 * before the unit began is what the use is judged against.
 */
describe('a use is judged against what is committed when its unit of work runs', () => {
  const later = cleanupAfterEach();

  /** Runs `meanwhile` (another hub process, committed) just before the next unit of work of the store begins. */
  const beforeNextUnit = (hub: Hub, meanwhile: () => Promise<unknown>): void => {
    const store = hub.store as { -readonly [K in keyof HubStore]: HubStore[K] };
    const original = store.transaction.bind(store);
    let fired = false;
    store.transaction = async (work) => {
      if (!fired) {
        fired = true;
        await meanwhile();
      }
      return original(work);
    };
  };

  it('Art. 34: a card revoked by another process after the batch arrived but before it is stored: the later use is refused REVOKED', async () => {
    const clock = testClock();
    const made = await testHub(clock);
    later(made.cleanup);
    const { hub } = made;
    const [card] = await issue(hub, [holder(1)]);
    if (card === undefined) throw new Error('no card');
    const t1 = await enrol(hub, 'T1', 'S1');
    const stored = await hub.store.terminals.get('T1');
    beforeNextUnit(hub, () => revokeCards(hub, [card.sub], '遗失'));
    const log = new ForgedLog(clock()).use({ sub: card.sub, atMs: clock() + 60_000 });
    const result = await ingestUpload(hub, t1.batch(log.take(), clock()), new TerminalKeys(), stored);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.flags).toHaveLength(1);
    expect(result.value.flags[0]).toMatch(/^INVALID_USE: REVOKED: /);
    expect(await hub.store.uses.usageRows({})).toEqual([]);
  });
});
