import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HubStore } from '../../../hub/store/hub-store.js';
import type { HubStoreFactory } from './hub-store-contract.js';

const claim = (store: Pick<HubStore, 'tokenIds'>, terminalId: string, jti: string, keepUntilSec: number, nowSec: number, perTerminal = 2) =>
  store.tokenIds.claim({ terminalId, jti, keepUntilSec, nowSec, perTerminal });

/**
 * The request-token ids every hub process on one database shares (hub/store/token-id-repo.ts):
 * an id taken once until its time, a bounded room per terminal that one terminal cannot take
 * from another, exactly one winner when hub processes claim the same id at once, and pruning.
 */
export function tokenIdContract(name: string, factory: HubStoreFactory): void {
  describe(`HubStore token-id contract: ${name}`, () => {
    let store: HubStore;
    let dispose: () => Promise<void>;
    beforeEach(async () => {
      ({ store, dispose } = await factory());
    });
    afterEach(async () => {
      await dispose();
    });

    it('holds an id until its time, never more than the room per terminal, and one terminal cannot take another’s room', async () => {
      expect(await claim(store, 'T1', 'a', 100, 0)).toBe('fresh');
      expect(await claim(store, 'T1', 'a', 100, 50)).toBe('replayed');
      expect(await claim(store, 'T1', 'a', 100, 100)).toBe('replayed');
      expect(await claim(store, 'T1', 'b', 100, 50)).toBe('fresh');
      expect(await claim(store, 'T1', 'c', 100, 50)).toBe('full');
      expect(await claim(store, 'T2', 'a', 100, 50)).toBe('fresh');
      // Past their time the ids are forgotten: the room is free again, and the old id is no replay any more.
      expect(await claim(store, 'T1', 'c', 200, 101)).toBe('fresh');
      expect(await claim(store, 'T1', 'a', 200, 101)).toBe('fresh');
      expect(await store.tokenIds.count()).toBe(3);
    });

    it('lets exactly one of several claims of the same id at once win (hub processes racing on a replay)', async () => {
      const outcomes = await Promise.all(Array.from({ length: 8 }, () => claim(store, 'T1', 'same-jti', 100, 0, 2_000)));
      expect(outcomes.filter((o) => o === 'fresh')).toHaveLength(1);
      expect(outcomes.filter((o) => o === 'replayed')).toHaveLength(7);
    });

    it('never lets claims at once overfill a terminal’s room', async () => {
      const outcomes = await Promise.all(Array.from({ length: 10 }, (_, i) => claim(store, 'T1', `id-${i}`, 100, 0, 4)));
      expect(outcomes.filter((o) => o === 'fresh')).toHaveLength(4);
      expect(outcomes.filter((o) => o === 'full')).toHaveLength(6);
      expect(await store.tokenIds.count()).toBe(4);
    });

    it('prunes the ids whose time ended, and only those', async () => {
      await claim(store, 'T1', 'old', 100, 0);
      await claim(store, 'T2', 'old', 100, 0);
      await claim(store, 'T2', 'new', 300, 0);
      expect(await store.tokenIds.prune(100)).toBe(0);
      expect(await store.tokenIds.prune(101)).toBe(2);
      expect(await store.tokenIds.count()).toBe(1);
      expect(await claim(store, 'T2', 'new', 300, 101)).toBe('replayed');
    });

    it('claims inside a unit of work, and a unit that throws takes its claim back', async () => {
      expect(await store.transaction((tx) => claim(tx, 'T1', 'in-unit', 100, 0))).toBe('fresh');
      await expect(
        store.transaction(async (tx) => {
          await claim(tx, 'T1', 'rolled-back', 100, 0);
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await claim(store, 'T1', 'rolled-back', 100, 0)).toBe('fresh');
      expect(await claim(store, 'T1', 'in-unit', 100, 0)).toBe('replayed');
    });
  });
}
