import { randomUUID } from 'node:crypto';
import type { Db } from '../../electron/core/store/database.js';
import { prng } from './bench-stats.js';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** One card of the synthetic population (those that have recorded uses). */
export interface BenchCard {
  iss: 'lc-hrss' | 'sd-hrss';
  sub: string;
  tier: 'A' | 'B';
  cat: number;
  nbfMs: number;
}

/**
 * Card `i` of the population: mostly Liaocheng gold cards A (category 2), every 7th a
 * gold card B (category 3), every 20th a provincial Huicai card (sd-hrss, A/1). Cards
 * became valid 30 to 760 days before `nowMs`, so the cinema benefit (3 card-years) is
 * still running for all of them.
 */
export function benchCard(i: number, nowMs: number): BenchCard {
  const nbfMs = Math.floor((nowMs - (30 + ((i * 7919) % 730)) * DAY_MS) / 1000) * 1000;
  const num = String(i).padStart(6, '0');
  if (i % 20 === 0) return { iss: 'sd-hrss', sub: `SD-HC-${num}`, tier: 'A', cat: 1, nbfMs };
  if (i % 7 === 0) return { iss: 'lc-hrss', sub: `LC-B-${num}`, tier: 'B', cat: 3, nbfMs };
  return { iss: 'lc-hrss', sub: `LC-A-${num}`, tier: 'A', cat: 2, nbfMs };
}

/** The §4 claims of a bench card; valid until 2031 (well after any run). */
export function cardClaims(card: BenchCard, i: number): Record<string, unknown> {
  const nbf = card.nbfMs / 1000;
  return {
    iss: card.iss,
    sub: card.sub,
    tier: card.tier,
    cat: card.cat,
    name: ['张*明', '李*华', '王*', '赵*芳'][i % 4],
    idt: String(1000 + (i % 9000)),
    iat: nbf,
    nbf,
    exp: nbf + 5 * 365 * 86_400,
  };
}

/**
 * The ten uses each card has recorded, spread over its life up to an hour ago: four
 * films (cinema, card-year quota 12), two eldercare claims for two different parents
 * (calendar-month quota), the library card (lifetime quota), and one each of scenic
 * (with companions), gym and the bus green channel (with the day's ticket). No quota is
 * overrun, so the cards are accepted again for cinema.
 */
const USE_PLAN: readonly { service: string; beneficiary?: string; companions?: string; ticket?: boolean }[] = [
  { service: 'cinema' },
  { service: 'cinema' },
  { service: 'cinema', companions: '{}' },
  { service: 'cinema' },
  { service: 'eldercare', beneficiary: '张*国' },
  { service: 'eldercare', beneficiary: '刘*兰' },
  { service: 'library' },
  { service: 'scenic', companions: '{"spouse":1,"child":2}' },
  { service: 'gym', companions: '{"spouse":1}' },
  { service: 'bus', ticket: true },
];

/** Rows generated per card. */
export const USES_PER_CARD = USE_PLAN.length;

/**
 * Inserts `cards × USES_PER_CARD` realistic usage rows straight into the usage table, in
 * one transaction with one prepared statement (the bench's own setup, not the measured
 * path). `audit_seq` numbers are synthetic: no audit entries are generated for them.
 */
export function fillUsage(db: Db, cards: number, nowMs: number, onProgress: (done: number) => void): number {
  const insert = db.prepare<[string, string, string, string, string, string, string, number, number, string, string | null, number]>(
    `INSERT INTO usage(id, decision_id, iss, sub, tier, service, beneficiary, at_ms, real_ms, companions, ticket, audit_seq)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const random = prng(20260601);
  const lastMs = nowMs - HOUR_MS;
  let rows = 0;
  db.transaction(() => {
    for (let i = 0; i < cards; i += 1) {
      const card = benchCard(i, nowMs);
      for (const plan of USE_PLAN) {
        const atMs = Math.floor(card.nbfMs + random() * (lastMs - card.nbfMs));
        const realMs = atMs + Math.floor(random() * 5000);
        const ticket = plan.ticket ? `T${String(Math.floor(random() * 1e8)).padStart(8, '0')}` : null;
        rows += 1;
        insert.run(
          randomUUID(),
          randomUUID(),
          card.iss,
          card.sub,
          card.tier,
          plan.service,
          plan.beneficiary ?? '',
          atMs,
          realMs,
          plan.companions ?? '{}',
          ticket,
          rows,
        );
      }
      if ((i + 1) % 20_000 === 0) onProgress(rows);
    }
  }).immediate();
  return rows;
}

const REASONS = ['调离聊城', '证件遗失补办', '信息变更重新制卡', '资格复核未通过'];

/** `count` revocation entries for the subs `LC-R-{from}` onward, as a bundle carries them. */
export function revokedEntries(from: number, count: number, iatSec: number): { sub: string; at: number; reason: string }[] {
  const entries = new Array<{ sub: string; at: number; reason: string }>(count);
  for (let k = 0; k < count; k += 1) {
    const n = from + k;
    entries[k] = { sub: `LC-R-${String(n).padStart(7, '0')}`, at: iatSec - (n % 1000) * 3600, reason: REASONS[n % REASONS.length] as string };
  }
  return entries;
}
