import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { browserOf, consoleBench } from './console-fixture.js';

type Bench = Awaited<ReturnType<typeof consoleBench>>;

describe('console: a change in flight when its author loses the right to make it', () => {
  let b: Bench;
  beforeEach(async () => {
    b = await consoleBench();
  });
  afterEach(async () => {
    await b.cleanup();
  });

  it('an admin disabled while its new-admin request hashes the password: the account is not made, the refusal is logged', async () => {
    const admin = await b.as('admin');
    expect((await b.post(admin, '/staff', { id: 'boss', name: 'B', role: 'admin', password: 'boss-password-123' })).statusCode).toBe(201);
    const boss = browserOf(await b.signIn('boss', 'boss-password-123'));
    // The password hash is prepared outside the unit (about 0.1 s): boss disables admin meanwhile.
    const adding = b.post(admin, '/staff', { id: 'mole', name: 'M', role: 'admin', password: 'mole-password-123' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const disabling = b.post(boss, '/staff/admin/disabled', { disabled: true });
    const [added, disabled] = await Promise.all([adding, disabling]);
    expect(disabled.statusCode).toBe(200);
    expect(added.statusCode).toBe(401);
    expect(await b.hub.store.staff.get('mole')).toBeUndefined();
    const log = await b.hub.store.staffLog.list(0, 1000);
    expect(log.find((e) => e.action === 'staff.add' && e.staffId === 'admin' && e.target === 'mole')).toBeUndefined();
    expect(log.at(-1)).toMatchObject({ staffId: 'admin', action: 'staff.add', outcome: 'refused:NOT_SIGNED_IN' });
  });

  it('an admin demoted to auditor while its change is in flight: refused inside the unit', async () => {
    const admin = await b.as('admin');
    expect((await b.post(admin, '/staff', { id: 'boss', name: 'B', role: 'admin', password: 'boss-password-123' })).statusCode).toBe(201);
    const boss = browserOf(await b.signIn('boss', 'boss-password-123'));
    const adding = b.post(admin, '/staff', { id: 'mole', name: 'M', role: 'admin', password: 'mole-password-123' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const demoting = b.post(boss, '/staff/admin/role', { role: 'auditor' });
    const [added, demoted] = await Promise.all([adding, demoting]);
    expect(demoted.statusCode).toBe(200);
    expect([401, 403]).toContain(added.statusCode);
    expect(await b.hub.store.staff.get('mole')).toBeUndefined();
  });
});
