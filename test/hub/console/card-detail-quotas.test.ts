import { describe, expect, it } from 'vitest';
import { cardDetail } from '../../../hub/console/card-views.js';
import type { HubRepos, NewUse, UseOrigin } from '../../../hub/store/hub-store.js';
import { at, cleanupAfterEach, holder, issue, testHub } from '../hub-fixtures.js';

/** The store calls a read makes, by repository and method. */
function counted(repos: HubRepos): { tx: HubRepos; calls: string[] } {
  const calls: string[] = [];
  const tx = new Proxy(repos, {
    get(target, name, receiver) {
      const repo: unknown = Reflect.get(target, name, receiver);
      if (typeof name !== 'string' || typeof repo !== 'object' || repo === null) return repo;
      return new Proxy(repo, {
        get(r, method, rr) {
          const value: unknown = Reflect.get(r, method, rr);
          if (typeof value !== 'function') return value;
          return (...args: unknown[]) => {
            calls.push(`${name}.${String(method)}`);
            return (value as (...a: unknown[]) => unknown).apply(r, args);
          };
        },
      });
    },
  });
  return { tx, calls };
}

/**
 * The card detail's quotas are counted as an upload is judged (Art. 21, 22: per service, per
 * parent where the rule says so; voided and refused uses never count, carried ones do), from the
 * card's uses read once, not one query per service and parent.
 */
describe('the card detail counts its quotas from the uses it shows', () => {
  const later = cleanupAfterEach();

  it('uses at several services and parents, a voided, a refused and a carried one: the figures of the rules, one read of the uses', async () => {
    const made = await testHub();
    later(made.cleanup);
    const { hub } = made;
    const [card] = await issue(hub, [holder(1)]);
    if (card === undefined) throw new Error('no card');
    const use = (id: string, service: string, beneficiary: string, when: string): NewUse => {
      const atMs = at(when);
      return { id, decisionId: `d-${id}`, iss: card.iss, sub: card.sub, tier: card.tier, service, beneficiary, atMs, realMs: atMs, companions: {}, companionsTotal: 0, ticket: null };
    };
    const origin = (over: Partial<UseOrigin> = {}): UseOrigin => ({ terminalId: null, auditSeq: null, site: 'S1', receivedMs: hub.now(), carriedFrom: null, refused: null, ...over });
    await hub.store.uses.insert(use('film-1', 'cinema', '', '2026-05-01T19:00:00+08:00'), origin());
    await hub.store.uses.insert(use('film-voided', 'cinema', '', '2026-05-02T19:00:00+08:00'), origin({ refused: 'VOIDED' }));
    await hub.store.uses.insert(use('film-refused', 'cinema', '', '2026-05-03T19:00:00+08:00'), origin({ refused: 'OVER_QUOTA' }));
    await hub.store.uses.insert(use('film-carried', 'cinema', '', '2026-04-01T19:00:00+08:00'), origin({ carriedFrom: 'film-of-the-old-card' }));
    await hub.store.uses.insert(use('father-may', 'eldercare', 'father', '2026-05-10T09:00:00+08:00'), origin());
    await hub.store.uses.insert(use('father-june', 'eldercare', 'father', '2026-06-01T09:00:00+08:00'), origin());
    await hub.store.uses.insert(use('mother-june', 'eldercare', 'mother', '2026-06-01T08:00:00+08:00'), origin());
    await hub.store.uses.insert(use('library', 'library', '', '2026-04-02T10:00:00+08:00'), origin());

    const { tx, calls } = counted(hub.store);
    const detail = await cardDetail(hub, tx, card);
    const quota = (service: string, beneficiary: string | null = null) => detail.quotas.find((q) => q.service === service && q.beneficiary === beneficiary);
    expect(quota('cinema')).toMatchObject({ used: 2, remaining: 10, limit: 12 });
    expect(quota('eldercare', 'father')).toMatchObject({ used: 1, remaining: 0, totalUsed: 2, totalLimit: 36 });
    expect(quota('eldercare', 'mother')).toMatchObject({ used: 1, remaining: 0, totalUsed: 1 });
    expect(quota('library')).toMatchObject({ used: 1, remaining: 0 });
    for (const q of detail.quotas.filter((x) => !['cinema', 'eldercare', 'library'].includes(x.service))) expect(q.used).toBe(0);
    expect(detail.uses.filter((u) => !u.counts).map((u) => u.id)).toEqual(['film-voided', 'film-refused']);
    // The card's uses, read once; no query per service and parent.
    expect(calls.filter((c) => c.startsWith('uses.'))).toEqual(['uses.ofCard']);
  });
});
