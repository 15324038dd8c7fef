import { mintBundle } from '../../node/crypto/card-token.js';
import type { Hub } from '../hub.js';
import type { RelayedBundle } from '../store/hub-store.js';

/** A list older than this gets a new sequence with nothing new, so terminals see a fresh `iat` (§6 LISTS_STALE). */
export const HEARTBEAT_MS = 24 * 3_600_000;

const CACHE_SIZE = 32;

/** Signed revocation bundles kept by (issuer, sequence, base): a 100,000-entry list is signed once per sequence. */
export class RevocationCache {
  private readonly entries = new Map<string, string>();

  get(key: string): string | undefined {
    const hit = this.entries.get(key);
    if (hit !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    return hit;
  }

  set(key: string, jws: string): void {
    this.entries.set(key, jws);
    while (this.entries.size > CACHE_SIZE) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }
}

/**
 * The bundle that brings a terminal holding sequence `held` up to date (§5): nothing when it
 * is current, a delta on top of `held` when it holds one of ours, else the full list (base 0).
 */
export async function revocationBundleFor(hub: Hub, held: number, cache?: RevocationCache): Promise<string | undefined> {
  const iss = hub.settings.iss;
  const head = await hub.store.revocations.head(iss);
  if (head === undefined || held === head.seq) return undefined;
  const base = held > 0 && held < head.seq ? held : 0;
  const key = `${iss}:${head.seq}:${base}`;
  const cached = cache?.get(key);
  if (cached !== undefined) return cached;
  const entries = await hub.store.revocations.since(iss, base);
  const revoked = entries.map((e) => ({ sub: e.sub, at: e.at, reason: e.reason }));
  const jws = mintBundle({ iss, typ: 'jinka/revocations', seq: head.seq, base, iat: hub.nowSec(), revoked }, await hub.signer());
  cache?.set(key, jws);
  return jws;
}

/** A full list of our own issuer now (for files on a USB stick). */
export async function fullRevocationBundle(hub: Hub): Promise<string> {
  const jws = await revocationBundleFor(hub, 0);
  if (jws === undefined) throw new Error('the hub has no revocation list: run `jinka-hub init`');
  return jws;
}

/** Bumps our sequence when the list has not changed for a day. */
export async function revocationHeartbeat(hub: Hub): Promise<void> {
  await hub.store.revocations.heartbeat(hub.settings.iss, HEARTBEAT_MS, hub.now());
}

/**
 * Relayed bundles of another issuer that bring `held` up to date: deltas chained from `held`
 * when they reach the newest, else the newest full list and the deltas after it.
 */
export function relayedChain(bundles: readonly RelayedBundle[], held: number): string[] {
  const newest = Math.max(0, ...bundles.map((b) => b.seq));
  if (newest <= held) return [];
  const follow = (from: number): RelayedBundle[] => {
    const chain: RelayedBundle[] = [];
    let at = from;
    for (;;) {
      const next = bundles.filter((b) => b.base === at && b.seq > at).sort((a, b) => b.seq - a.seq)[0];
      if (next === undefined) return chain;
      chain.push(next);
      at = next.seq;
    }
  };
  if (held > 0) {
    const deltas = follow(held);
    if (deltas[deltas.length - 1]?.seq === newest) return deltas.map((b) => b.jws);
  }
  const full = bundles.filter((b) => b.base === 0 && b.seq > held).sort((a, b) => b.seq - a.seq)[0];
  if (full === undefined) return [];
  return [full.jws, ...follow(full.seq).map((b) => b.jws)];
}
