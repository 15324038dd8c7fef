import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HubStore } from '../../../hub/store/hub-store.js';
import type { HubStoreFactory } from './hub-store-contract.js';

const T0 = Date.UTC(2026, 5, 1, 2, 0, 0);

/**
 * What the console's flag and terminal pages need of every `HubStore` adapter (README "The bureau's console",
 * Usage and reports): flags listed open or resolved, paged by id, counted open by kind and by
 * terminal, and resolved once with who, when and a note — the first resolution stands; and the revocation
 * sequence each terminal last said it holds.
 */
export function flagConsoleContract(name: string, factory: HubStoreFactory): void {
  describe(`HubStore console flags contract: ${name}`, () => {
    let store: HubStore;
    let dispose: () => Promise<void>;
    beforeEach(async () => {
      ({ store, dispose } = await factory());
      await store.flags.add(
        [
          { kind: 'CHAIN_BREAK', terminalId: 'TA', auditSeq: 4, detail: 'seq 4: link' },
          { kind: 'TWO_SITES', terminalId: 'TA', sub: 'LC-A-000001', detail: 'two sites' },
          { kind: 'CLOCK_OFF', terminalId: 'TB', detail: 'clock +2 h' },
          { kind: 'CHAIN_BREAK', terminalId: 'TB', auditSeq: 9, detail: 'seq 9: hash' },
        ],
        T0,
      );
    });
    afterEach(async () => {
      await dispose();
    });

    it('a new flag is open: no resolution, counted open by kind and by terminal', async () => {
      const all = await store.flags.list({ limit: 10 });
      expect(all.map((f) => [f.kind, f.resolvedMs, f.resolvedBy, f.resolutionNote])).toEqual([
        ['CHAIN_BREAK', null, null, null],
        ['CLOCK_OFF', null, null, null],
        ['TWO_SITES', null, null, null],
        ['CHAIN_BREAK', null, null, null],
      ]);
      expect(await store.flags.openCounts()).toEqual({ CHAIN_BREAK: 2, CLOCK_OFF: 1, TWO_SITES: 1 });
      expect(await store.flags.openByTerminal()).toEqual({ TA: { CHAIN_BREAK: 1, TWO_SITES: 1 }, TB: { CHAIN_BREAK: 1, CLOCK_OFF: 1 } });
    });

    it('resolves a flag once with who, when and the note; lists it as resolved and no longer counts it open', async () => {
      const [newest] = await store.flags.list({ limit: 1 });
      const id = newest?.id ?? 0;
      expect(await store.flags.resolve(id, { staffId: 'officer', note: '终端已更换', atMs: T0 + 60_000 })).toBe('ok');
      expect(await store.flags.resolve(id, { staffId: 'admin', note: 'again', atMs: T0 + 120_000 })).toBe('resolved');
      expect(await store.flags.resolve(id + 1000, { staffId: 'admin', note: 'x', atMs: T0 })).toBe('unknown');
      expect(await store.flags.get(id)).toMatchObject({ id, kind: 'CHAIN_BREAK', terminalId: 'TB', resolvedMs: T0 + 60_000, resolvedBy: 'officer', resolutionNote: '终端已更换' });
      expect(await store.flags.get(id + 1000)).toBeUndefined();
      expect((await store.flags.list({ limit: 10, state: 'resolved' })).map((f) => f.id)).toEqual([id]);
      expect((await store.flags.list({ limit: 10, state: 'open' })).map((f) => f.detail)).toEqual(['clock +2 h', 'two sites', 'seq 4: link']);
      expect((await store.flags.list({ limit: 10, state: 'open', kind: 'CHAIN_BREAK' })).map((f) => f.detail)).toEqual(['seq 4: link']);
      expect(await store.flags.openCounts()).toEqual({ CHAIN_BREAK: 1, CLOCK_OFF: 1, TWO_SITES: 1 });
      expect(await store.flags.openByTerminal()).toEqual({ TA: { CHAIN_BREAK: 1, TWO_SITES: 1 }, TB: { CLOCK_OFF: 1 } });
      expect(await store.flags.counts()).toEqual({ CHAIN_BREAK: 2, CLOCK_OFF: 1, TWO_SITES: 1 });
    });

    it('pages by id: `before` lists the flags older than the last one seen', async () => {
      const first = await store.flags.list({ limit: 2 });
      const next = await store.flags.list({ limit: 2, before: first.at(-1)?.id ?? 0 });
      expect([...first, ...next].map((f) => f.detail)).toEqual(['seq 9: hash', 'clock +2 h', 'two sites', 'seq 4: link']);
    });

    it('terminals: the revocation sequence a terminal says it holds is kept (null until it says), for an unknown id nothing', async () => {
      await store.terminals.addCode({ codeHash: 'h1', site: 'cinema-a', service: 'cinema', createdMs: T0, expiresMs: T0 + 3_600_000 });
      const jwk = { kty: 'EC', crv: 'P-256', x: 'AAAA', y: 'AAAA', kid: 'TA' } as const;
      expect(await store.terminals.enrol('h1', { id: 'TA', site: 'cinema-a', service: 'cinema', publicJwk: jwk, enrolledMs: T0 })).toEqual({ ok: true });
      expect((await store.terminals.get('TA'))?.revocationSeqHeld).toBeNull();
      await store.terminals.noteHolding('TA', { revocationSeq: 7 });
      await store.terminals.noteHolding('T404', { revocationSeq: 9 });
      expect((await store.terminals.get('TA'))?.revocationSeqHeld).toBe(7);
      expect((await store.terminals.list()).map((t) => [t.id, t.revocationSeqHeld])).toEqual([['TA', 7]]);
      // The entries it says it has not uploaded: null until said, then the latest figure (not the highest); the sequence kept.
      expect((await store.terminals.get('TA'))?.pendingUploads).toBeNull();
      await store.terminals.noteHolding('TA', { pendingUploads: 10_000_000 });
      expect((await store.terminals.get('TA'))).toMatchObject({ pendingUploads: 10_000_000, revocationSeqHeld: 7 });
      await store.terminals.noteHolding('TA', { pendingUploads: 3 });
      await store.terminals.noteHolding('T404', { pendingUploads: 5 });
      expect((await store.terminals.list()).map((t) => [t.id, t.pendingUploads])).toEqual([['TA', 3]]);
      // Both at once, and nothing said changes nothing.
      await store.terminals.noteHolding('TA', { revocationSeq: 8, pendingUploads: 0 });
      await store.terminals.noteHolding('TA', {});
      expect((await store.terminals.get('TA'))).toMatchObject({ pendingUploads: 0, revocationSeqHeld: 8 });
    });

    it('two resolutions at once: exactly one wins and its note stands', async () => {
      const [newest] = await store.flags.list({ limit: 1 });
      const id = newest?.id ?? 0;
      const outcomes = await Promise.all(['a', 'b', 'c'].map((who) => store.transaction((tx) => tx.flags.resolve(id, { staffId: who, note: `note ${who}`, atMs: T0 }))));
      expect(outcomes.filter((o) => o === 'ok')).toHaveLength(1);
      const stored = await store.flags.get(id);
      expect(stored?.resolutionNote).toBe(`note ${stored?.resolvedBy ?? ''}`);
    });
  });
}
