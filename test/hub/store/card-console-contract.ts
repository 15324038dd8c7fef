import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HubStore, StoredCard } from '../../../hub/store/hub-store.js';
import type { HubStoreFactory } from './hub-store-contract.js';

const T0 = Date.UTC(2026, 5, 1, 2, 0, 0);
const S0 = T0 / 1000;
const DAY = 86_400;

const card = (serial: number, over: Partial<StoredCard> = {}): StoredCard => ({
  sub: `LC-A-${String(serial).padStart(6, '0')}`,
  serial,
  iss: 'LC',
  kid: 'k1',
  tier: 'A',
  cat: 1,
  maskedName: '张*',
  idt: '0013',
  idHmac: `hmac-${serial}`,
  iat: S0,
  nbf: S0,
  exp: S0 + DAY * 365,
  token: `token-${serial}`,
  issuedMs: T0,
  replaces: null,
  replacedBy: null,
  revokedMs: null,
  revokeReason: null,
  ...over,
});

/**
 * What the console's card pages need of every `HubStore` adapter: the filtered card list
 * (`cards.search`) and roster import jobs (`rosterJobs`, hub/store/roster-job-repos.ts) whose
 * progress appends in order, stops at the total and ends once.
 */
export function cardConsoleContract(name: string, factory: HubStoreFactory): void {
  describe(`HubStore console cards contract: ${name}`, () => {
    let store: HubStore;
    let dispose: () => Promise<void>;
    beforeEach(async () => {
      ({ store, dispose } = await factory());
    });
    afterEach(async () => {
      await dispose();
    });

    describe('cards.search', () => {
      beforeEach(async () => {
        await store.revocations.start('LC', T0);
        await store.cards.insert([
          card(1),
          card(2, { tier: 'B', sub: 'LC-B-000002', issuedMs: T0 + DAY * 1000 }),
          card(3, { nbf: S0 + DAY * 10, issuedMs: T0 + DAY * 2000 }),
          card(4, { exp: S0 - 1, nbf: S0 - DAY * 400 }),
          card(5),
        ]);
        expect(await store.cards.revoke([{ iss: 'LC', sub: 'LC-A-000005', reason: 'Art. 34', atMs: T0 }])).toMatchObject({ ok: true });
      });
      const subs = (r: { cards: StoredCard[] }) => r.cards.map((c) => c.sub);

      it('pages newest serial first and counts every match', async () => {
        const page = await store.cards.search({ nowSec: S0, offset: 1, limit: 2 });
        expect(page.total).toBe(5);
        expect(subs(page)).toEqual(['LC-A-000004', 'LC-A-000003']);
      });
      it('filters by status at the instant given', async () => {
        expect(subs(await store.cards.search({ nowSec: S0, status: 'valid', offset: 0, limit: 10 }))).toEqual(['LC-B-000002', 'LC-A-000001']);
        expect(subs(await store.cards.search({ nowSec: S0, status: 'pending', offset: 0, limit: 10 }))).toEqual(['LC-A-000003']);
        expect(subs(await store.cards.search({ nowSec: S0, status: 'expired', offset: 0, limit: 10 }))).toEqual(['LC-A-000004']);
        expect(subs(await store.cards.search({ nowSec: S0, status: 'revoked', offset: 0, limit: 10 }))).toEqual(['LC-A-000005']);
      });
      it('filters by tier and by issue range (from included, to excluded)', async () => {
        expect(subs(await store.cards.search({ nowSec: S0, tier: 'B', offset: 0, limit: 10 }))).toEqual(['LC-B-000002']);
        const range = await store.cards.search({ nowSec: S0, issuedFromMs: T0 + DAY * 1000, issuedToMs: T0 + DAY * 2000, offset: 0, limit: 10 });
        expect(subs(range)).toEqual(['LC-B-000002']);
        expect(range.total).toBe(1);
        expect(subs(await store.cards.search({ nowSec: S0, tier: 'A', status: 'valid', offset: 0, limit: 10 }))).toEqual(['LC-A-000001']);
      });
    });

    describe('rosterJobs', () => {
      const job = { id: 'job-1', staffId: 'li', fileName: 'roster.csv', total: 3, createdMs: T0 };

      it('creates a job once and reads it back running with nothing issued', async () => {
        expect(await store.rosterJobs.create(job)).toBe(true);
        expect(await store.rosterJobs.create({ ...job, fileName: 'other.csv' })).toBe(false);
        expect(await store.rosterJobs.get('job-1')).toEqual({
          id: 'job-1',
          staffId: 'li',
          fileName: 'roster.csv',
          total: 3,
          issued: 0,
          state: 'running',
          error: null,
          createdMs: T0,
          updatedMs: T0,
          finishedMs: null,
        });
        expect(await store.rosterJobs.get('nope')).toBeUndefined();
      });
      it('appends cards in order, refuses to pass the total, and ends once', async () => {
        await store.rosterJobs.create(job);
        expect(await store.rosterJobs.progress('job-1', ['A1', 'A2'], T0 + 1)).toBe(true);
        expect(await store.rosterJobs.progress('job-1', ['A3', 'A4'], T0 + 2)).toBe(false);
        expect(await store.rosterJobs.progress('job-1', ['A3'], T0 + 3)).toBe(true);
        expect(await store.rosterJobs.cards('job-1')).toEqual(['A1', 'A2', 'A3']);
        expect(await store.rosterJobs.finish('job-1', 'done', null, T0 + 4)).toBe(true);
        expect(await store.rosterJobs.finish('job-1', 'failed', 'late', T0 + 5)).toBe(false);
        expect(await store.rosterJobs.progress('job-1', [], T0 + 6)).toBe(false);
        expect(await store.rosterJobs.get('job-1')).toMatchObject({ issued: 3, state: 'done', error: null, updatedMs: T0 + 4, finishedMs: T0 + 4 });
      });
      it('keeps parallel progress steps whole (no card lost, none twice)', async () => {
        await store.rosterJobs.create({ ...job, total: 40 });
        await Promise.all(Array.from({ length: 20 }, (_, i) => store.rosterJobs.progress('job-1', [`X${i}a`, `X${i}b`], T0 + i)));
        const cards = await store.rosterJobs.cards('job-1');
        expect(cards).toHaveLength(40);
        expect(new Set(cards).size).toBe(40);
        for (let i = 0; i < 20; i += 1) expect(cards.indexOf(`X${i}b`)).toBe(cards.indexOf(`X${i}a`) + 1);
        expect((await store.rosterJobs.get('job-1'))?.issued).toBe(40);
      });
      it('lists newest first and fails jobs left running by an ended process', async () => {
        await store.rosterJobs.create(job);
        await store.rosterJobs.create({ ...job, id: 'job-2', createdMs: T0 + 10 });
        expect((await store.rosterJobs.list(10)).map((j) => j.id)).toEqual(['job-2', 'job-1']);
        expect((await store.rosterJobs.list(1)).map((j) => j.id)).toEqual(['job-2']);
        expect(await store.rosterJobs.failStale(T0 + 5, 'stopped', T0 + 20)).toBe(1);
        expect(await store.rosterJobs.get('job-1')).toMatchObject({ state: 'failed', error: 'stopped', finishedMs: T0 + 20 });
        expect((await store.rosterJobs.get('job-2'))?.state).toBe('running');
      });
    });
  });
}
