import { describe, expect, it } from 'vitest';
import { Hub } from '../../../hub/hub.js';
import { startHubServer } from '../../../hub/server/hub-server.js';
import { cleanupAfterEach, enrol, PASSPHRASE, testHub } from '../hub-fixtures.js';

const QUOTA = { method: 'GET' as const, target: '/v1/quota?since=0' };

describe('a request token replayed to another hub process on the same database', () => {
  const later = cleanupAfterEach();

  it('is refused by the second process (REPLAYED_TOKEN): the ids taken live in the store, not in one process', async () => {
    const made = await testHub(Date.now);
    later(made.cleanup);
    const t1 = await enrol(made.hub, 'T1', 'S');
    // A second hub process: its own connection to the same store, its own server and authenticator.
    const other = await Hub.open(made.dataDir, PASSPHRASE, Date.now);
    later(() => other.close());
    const a = await startHubServer(made.hub, { port: 0 }, () => undefined);
    later(() => a.close());
    const b = await startHubServer(other, { port: 0 }, () => undefined);
    later(() => b.close());
    // Both processes have been up a moment: the token is not from before either started.
    await new Promise((resolve) => setTimeout(resolve, 1100));

    const token = t1.auth(Date.now(), QUOTA);
    const ask = (url: string) => fetch(`${url}${QUOTA.target}`, { headers: { authorization: token } });
    expect((await ask(a.url)).status).toBe(200);
    const replayed = await ask(b.url);
    expect(replayed.status).toBe(401);
    expect(await replayed.json()).toMatchObject({ error: 'REPLAYED_TOKEN' });
    // And a fresh token is still taken by either.
    expect((await fetch(`${b.url}${QUOTA.target}`, { headers: { authorization: t1.auth(Date.now(), QUOTA) } })).status).toBe(200);
  });
});
