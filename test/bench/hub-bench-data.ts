import { randomUUID } from 'node:crypto';
import { generateSigningKey, type SigningKey } from '../../node/crypto/keys.js';
import { signEs256 } from '../../node/crypto/jws-sign.js';
import { auditHash, GENESIS_HASH } from '../../node/audit/audit-hash.js';
import { signRequestToken, type BoundRequest } from '../../electron/core/sync/terminal-signer.js';
import type { AuditEntry } from '../../shared/sync/sync-protocol.js';
import type { Hub } from '../../hub/hub.js';
import type { StoredCard } from '../../hub/store/hub-store.js';
import { createEnrolCode, enrolTerminal } from '../../hub/terminals/enrolment.js';

/**
 * Data for the hub benchmark: cards stored straight through the store (the bench measures
 * serving, not signing 100,000 tokens), and terminals with ready-signed upload batches
 * whose audit chains look exactly like a terminal's (a decision entry, then its use).
 */

const SERVICES = ['cinema', 'gym', 'scenic', 'library', 'bus'] as const;

/** Stores `count` cards (serials from `first`) with a placeholder token; returns their numbers. */
export async function seedCards(hub: Hub, first: number, count: number): Promise<string[]> {
  const kid = (await hub.signer()).kid;
  const nowSec = hub.nowSec();
  const subs: string[] = [];
  for (let start = 0; start < count; start += 20_000) {
    const cards: StoredCard[] = [];
    for (let i = start; i < Math.min(count, start + 20_000); i += 1) {
      const serial = first + i;
      const sub = `LC-A-${String(serial).padStart(6, '0')}`;
      subs.push(sub);
      cards.push({
        sub, serial, iss: 'lc-hrss', kid, tier: 'A', cat: 2, maskedName: '张*明', idt: '1234', idHmac: `bench-${serial}`,
        iat: nowSec, nbf: nowSec - 86_400 * 30, exp: nowSec + 86_400 * 700, token: 'bench', issuedMs: hub.now(),
        replaces: null, replacedBy: null, revokedMs: null, revokeReason: null,
      });
    }
    await hub.store.cards.insert(cards);
  }
  return subs;
}

/** A bench terminal: its key and its upload batches, signed ahead of the timed run. */
export interface BenchTerminal {
  id: string;
  key: SigningKey;
  batches: string[];
  uses: number;
}

/** The Authorization header a terminal sends (signed per request and bound to it, as a terminal does). */
export function authHeader(t: { id: string; key: SigningKey }, request: BoundRequest, nowMs = Date.now()): string {
  return `Jinka-Terminal ${signRequestToken(t.id, t.key.privateKey, nowMs, request)}`;
}

/** Enrols `count` terminals at the hub through its enrolment code path. */
export async function enrolTerminals(hub: Hub, count: number, prefix: string): Promise<{ id: string; key: SigningKey }[]> {
  const out = [];
  for (let i = 0; i < count; i += 1) {
    const id = `${prefix}${String(i).padStart(3, '0')}`;
    const { code } = await createEnrolCode(hub, { site: `site-${i}`, service: 'cinema' });
    const key = generateSigningKey(id);
    const enrolled = await enrolTerminal(hub, { code, terminalId: id, site: `site-${i}`, service: 'cinema', publicJwk: key.publicJwk });
    if (!enrolled.ok) throw new Error(JSON.stringify(enrolled.error));
    out.push({ id, key });
  }
  return out;
}

/** Builds a terminal's audit log of `batches × usesPerBatch` recorded uses and signs it in batches. */
export function buildBatches(t: { id: string; key: SigningKey }, subs: readonly string[], batches: number, usesPerBatch: number, random: () => number, nowMs: number): BenchTerminal {
  let prev = GENESIS_HASH;
  let seq = 0;
  const append = (kind: string, atMs: number, body: unknown): AuditEntry => {
    seq += 1;
    const text = JSON.stringify(body);
    const hash = auditHash(prev, seq, atMs, kind, text);
    const entry = { seq, at_ms: atMs, kind, body: text, prev_hash: prev, hash };
    prev = hash;
    return entry;
  };
  const signed: string[] = [];
  for (let b = 0; b < batches; b += 1) {
    const entries: AuditEntry[] = [];
    for (let u = 0; u < usesPerBatch; u += 1) {
      const sub = subs[Math.floor(random() * subs.length)] as string;
      const service = SERVICES[Math.floor(random() * SERVICES.length)] as string;
      const atMs = nowMs - Math.floor(random() * 86_400_000 * 20);
      const decisionId = randomUUID();
      entries.push(append('decision', atMs, { id: decisionId, at: atMs, decision: 'accept', reasons: [], service }));
      entries.push(
        append('use', atMs, { id: randomUUID(), decisionId, iss: 'lc-hrss', sub, tier: 'A', service, beneficiary: '', atMs, realMs: atMs, companions: service === 'bus' ? { spouse: 1 } : {}, ticket: service === 'bus' ? 'K1' : null }),
      );
    }
    signed.push(signEs256({ typ: 'jinka/audit-batch', terminal: t.id, iat: Math.floor(nowMs / 1000), entries }, t.key.privateKey, t.id));
  }
  return { ...t, batches: signed, uses: batches * usesPerBatch };
}
