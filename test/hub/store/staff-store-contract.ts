import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GENESIS_HASH } from '../../../node/audit/audit-hash.js';
import { openStaffLogHead, STAFF_LOG_HEAD_KEY, staffLogHash, type HubStore, type StoredStaffSession } from '../../../hub/store/hub-store.js';
import type { HubStoreFactory } from './hub-store-contract.js';

const T0 = Date.UTC(2026, 5, 1, 2, 0, 0);
const LIMITS = { nowMs: T0, maxFailures: 5, lockMs: 300_000 };
/** The staff log's key (a hub derives it from its secret). */
const LOG_KEY = Buffer.alloc(32, 7);

const session = (tokenHash: string, over: Partial<StoredStaffSession> = {}): StoredStaffSession => ({
  tokenHash,
  staffId: 'wang',
  createdMs: T0,
  lastSeenMs: T0,
  idleMs: 60_000,
  expiresMs: T0 + 3_600_000,
  csrfToken: `csrf-${tokenHash}`,
  address: '10.0.0.1',
  restricted: false,
  ...over,
});

/**
 * The console's repositories, as every `HubStore` adapter must keep them (hub/store/staff-repos.ts):
 * lockout counters that hold under parallel attempts, a TOTP step accepted once, sessions that
 * die at their idle timeout and their end, a staff log that chains with no gap under parallel appends.
 */
export function staffStoreContract(name: string, factory: HubStoreFactory): void {
  describe(`HubStore staff contract: ${name}`, () => {
    let store: HubStore;
    let dispose: () => Promise<void>;
    beforeEach(async () => {
      ({ store, dispose } = await factory());
      await store.staff.add({ id: 'wang', name: '王芳', role: 'admin', passwordHash: 'h1', createdMs: T0 });
    });
    afterEach(async () => {
      await dispose();
    });

    describe('staff', () => {
      it('adds an id once and keeps every field', async () => {
        expect(await store.staff.add({ id: 'wang', name: 'other', role: 'auditor', passwordHash: 'h2', createdMs: T0 })).toBe(false);
        expect(await store.staff.get('wang')).toEqual({
          id: 'wang', name: '王芳', role: 'admin', passwordHash: 'h1', createdMs: T0,
          disabledMs: null, totpSealed: null, totpPendingSealed: null, totpLastStep: 0,
        });
        expect(await store.staff.get('nobody')).toBeUndefined();
      });

      it('of parallel adds of one id exactly one wins', async () => {
        const results = await Promise.all(Array.from({ length: 10 }, (_, i) => store.staff.add({ id: 'li', name: `n${i}`, role: 'officer', passwordHash: 'h', createdMs: T0 })));
        expect(results.filter(Boolean)).toHaveLength(1);
      });

      it('changes role, password, disabled, and counts active admins', async () => {
        await store.staff.add({ id: 'zhao', name: '赵', role: 'admin', passwordHash: 'h', createdMs: T0 });
        expect(await store.staff.activeAdmins()).toBe(2);
        expect(await store.staff.setRole('zhao', 'auditor')).toBe(true);
        expect(await store.staff.setDisabled('wang', T0 + 1)).toBe(true);
        expect(await store.staff.activeAdmins()).toBe(0);
        expect(await store.staff.setPassword('wang', 'h9')).toBe(true);
        expect(await store.staff.setPassword('nobody', 'h9')).toBe(false);
        expect((await store.staff.get('wang'))?.passwordHash).toBe('h9');
        expect((await store.staff.list()).map((s) => [s.id, s.role, s.disabledMs])).toEqual([['wang', 'admin', T0 + 1], ['zhao', 'auditor', null]]);
      });

      it('confirms a pending TOTP secret only when one is pending, and accepts each step once', async () => {
        expect(await store.staff.confirmTotp('wang', 100)).toBe(false);
        expect(await store.staff.setTotpPending('wang', 'sealed')).toBe(true);
        expect(await store.staff.confirmTotp('wang', 100)).toBe(true);
        const s = await store.staff.get('wang');
        expect([s?.totpSealed, s?.totpPendingSealed, s?.totpLastStep]).toEqual(['sealed', null, 100]);
        expect(await store.staff.useTotpStep('wang', 100)).toBe(false);
        const parallel = await Promise.all(Array.from({ length: 20 }, () => store.staff.useTotpStep('wang', 101)));
        expect(parallel.filter(Boolean)).toHaveLength(1);
        expect(await store.staff.useTotpStep('wang', 100)).toBe(false);
        expect(await store.staff.clearTotp('wang')).toBe(true);
        expect((await store.staff.get('wang'))?.totpSealed).toBeNull();
      });
    });

    describe('sign-in attempts', () => {
      it('reserves before settling: 200 parallel reservations let at most maxFailures through', async () => {
        const results = await Promise.all(Array.from({ length: 200 }, () => store.staff.reserveAttempt('wang', LIMITS)));
        expect(results.filter((r) => !r.locked)).toHaveLength(5);
        expect(await store.staff.lockedUntil('wang', T0)).toBe(T0 + 300_000);
      });

      it('the fifth failure locks, the lock ends after lockMs, success clears the count, a new password lifts a lock', async () => {
        for (let i = 1; i <= 4; i++) {
          expect(await store.staff.reserveAttempt('ghost', LIMITS)).toEqual({ locked: false, failedAttempts: i });
          expect(await store.staff.settleFailure('ghost', LIMITS)).toEqual({ locked: false, failedAttempts: i });
        }
        await store.staff.reserveAttempt('ghost', LIMITS);
        expect(await store.staff.settleFailure('ghost', LIMITS)).toEqual({ locked: true, lockedUntilMs: T0 + 300_000 });
        expect(await store.staff.reserveAttempt('ghost', { ...LIMITS, nowMs: T0 + 299_999 })).toEqual({ locked: true, lockedUntilMs: T0 + 300_000 });
        expect(await store.staff.reserveAttempt('ghost', { ...LIMITS, nowMs: T0 + 300_000 })).toEqual({ locked: false, failedAttempts: 1 });
        expect(await store.staff.settleSuccess('ghost', { ...LIMITS, nowMs: T0 + 300_000 })).toEqual({ locked: false, failedAttempts: 0 });

        for (let i = 0; i < 6; i++) await store.staff.reserveAttempt('wang', LIMITS);
        expect(await store.staff.lockedUntil('wang', T0)).toBeGreaterThan(0);
        await store.staff.setPassword('wang', 'new');
        expect(await store.staff.lockedUntil('wang', T0)).toBe(0);

        for (let i = 0; i < 6; i++) await store.staff.reserveAttempt('wang', LIMITS);
        expect(await store.staff.unlock('wang')).toBe(true);
        expect(await store.staff.lockedUntil('wang', T0)).toBe(0);
        expect(await store.staff.reserveAttempt('wang', LIMITS)).toEqual({ locked: false, failedAttempts: 1 });
        expect(await store.staff.unlock('nobody')).toBe(false);
      });

      it('a success settled after a parallel attempt locked the id answers the lock', async () => {
        for (let i = 0; i < 5; i++) await store.staff.reserveAttempt('wang', LIMITS);
        expect((await store.staff.reserveAttempt('wang', LIMITS)).locked).toBe(true);
        expect((await store.staff.settleSuccess('wang', LIMITS)).locked).toBe(true);
      });
    });

    describe('sessions', () => {
      it('answers a live session, moves its last-seen time, and ends it at its idle timeout', async () => {
        await store.staffSessions.create(session('a'));
        expect((await store.staffSessions.touch('a', T0 + 30_000, 10_000))?.lastSeenMs).toBe(T0 + 30_000);
        expect((await store.staffSessions.touch('a', T0 + 35_000, 10_000))?.lastSeenMs).toBe(T0 + 30_000);
        expect(await store.staffSessions.touch('a', T0 + 30_000 + 60_001, 10_000)).toBeUndefined();
        // Dead once is dead: it was deleted.
        expect(await store.staffSessions.touch('a', T0 + 30_000, 10_000)).toBeUndefined();
      });

      it('ends at its absolute end however active, and on end / endAllOf', async () => {
        await store.staffSessions.create(session('b', { idleMs: 10_000_000 }));
        expect(await store.staffSessions.touch('b', T0 + 3_599_999, 0)).toBeDefined();
        expect(await store.staffSessions.touch('b', T0 + 3_600_000, 0)).toBeUndefined();
        await store.staffSessions.create(session('c'));
        await store.staffSessions.create(session('d', { restricted: true }));
        expect((await store.staffSessions.touch('d', T0, 0))?.restricted).toBe(true);
        expect(await store.staffSessions.unrestrict('d')).toBe(true);
        expect((await store.staffSessions.touch('d', T0, 0))?.restricted).toBe(false);
        expect(await store.staffSessions.end('c')).toBe(true);
        expect(await store.staffSessions.end('c')).toBe(false);
        expect(await store.staffSessions.endAllOf('wang')).toBe(1);
        expect(await store.staffSessions.touch('d', T0, 0)).toBeUndefined();
      });

      it('prunes dead sessions only', async () => {
        await store.staffSessions.create(session('old', { expiresMs: T0 + 1 }));
        await store.staffSessions.create(session('live'));
        expect(await store.staffSessions.prune(T0 + 10)).toBe(1);
        expect(await store.staffSessions.touch('live', T0 + 10, 0)).toBeDefined();
      });
    });

    describe('staff log', () => {
      it('refuses an append before the store has the log’s key', async () => {
        await expect(store.staffLog.append({ atMs: T0, staffId: null, address: 'x', action: 'a', target: null, outcome: 'ok' })).rejects.toThrow(/no key/);
        expect(await store.staffLog.count()).toBe(0);
      });

      it('chains parallel appends with no gap and no fork, keyed, the sealed head on the last one', async () => {
        store.keyStaffLog(LOG_KEY);
        await Promise.all(
          Array.from({ length: 50 }, (_, i) => store.staffLog.append({ atMs: T0 + i, staffId: 'wang', address: '10.0.0.1', action: 'staff.add', target: `s${i}`, outcome: 'ok' })),
        );
        const entries = await store.staffLog.list(0, 100);
        expect(entries.map((e) => e.seq)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
        let prev = GENESIS_HASH;
        for (const e of entries) {
          expect(e.prevHash).toBe(prev);
          expect(e.hash).toBe(staffLogHash(LOG_KEY, prev, e.seq, e));
          expect(e.hash).not.toBe(staffLogHash(Buffer.alloc(32, 8), prev, e.seq, e));
          prev = e.hash;
        }
        expect(openStaffLogHead(LOG_KEY, await store.meta.get(STAFF_LOG_HEAD_KEY))).toEqual({ seq: 50, hash: prev, brokenAt: 0 });
        expect(openStaffLogHead(Buffer.alloc(32, 8), await store.meta.get(STAFF_LOG_HEAD_KEY))).toBeUndefined();
        expect(await store.staffLog.count()).toBe(50);
        expect((await store.staffLog.list(48, 10)).map((e) => e.seq)).toEqual([49, 50]);
      });

      it('an append inside a unit that fails leaves nothing, its head included', async () => {
        store.keyStaffLog(LOG_KEY);
        const failed = store.transaction(async (tx) => {
          await tx.staffLog.append({ atMs: T0, staffId: null, address: 'x', action: 'a', target: null, outcome: 'ok' });
          throw new Error('no');
        });
        await expect(failed).rejects.toThrow('no');
        expect(await store.staffLog.count()).toBe(0);
        expect(await store.meta.get(STAFF_LOG_HEAD_KEY)).toBeUndefined();
      });
    });
  });
}
