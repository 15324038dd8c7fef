import { BENEFICIARIES } from '../../shared/beneficiary.js';
import { revocationsPayloadSchema } from '../../shared/bundles/bundle-schemas.js';
import { evaluateQuota } from '../../shared/decision/quota.js';
import { ruleBook, type RuleBook } from '../../shared/rules/rules-lookup.js';
import { TIERS, type Tier } from '../../shared/rules/rules-schema.js';
import { formatShanghai, parseInstant } from '../../shared/time/shanghai-calendar.js';
import { parseCompactJwt } from '../../shared/token/compact-jwt.js';
import type { Hub } from '../hub.js';
import type { HubRepos, NewUse, StoredCard, StoredTerminal, UseVerdict } from '../store/hub-store.js';
import type { CardHistory, UseJudge } from './ingest-entries.js';

/** A use may be stamped this far outside its card's validity: the most clock tolerance a site may set (DESIGN.md §6). */
export const VALIDITY_TOLERANCE_MS = 300_000;

/** Relayed revocation bundles are read whole; this bounds one (as the relay itself does). */
const MAX_RELAYED_BYTES = 64 * 1024 * 1024;

/** What the hub knows of a use's card, read inside the ingest's unit of work under the card's lock. */
interface CardFacts {
  /** The bureau's own card (undefined: never issued, or another issuer's). */
  own: StoredCard | undefined;
  /** For another issuer's card: when each of that issuer's relayed cards was revoked (ms); undefined when the hub does not trust the issuer. */
  foreign: Map<string, number> | undefined;
  /** When the card's issuer was registered here (ms), where the hub knows it. */
  registeredMs: number | undefined;
}

/** Each foreign issuer's revoked cards, read from the relayed bundles once per newest sequence. */
const relayedCache = new WeakMap<Hub, Map<string, { seq: number; revoked: Map<string, number> }>>();

/** When each card in another issuer's relayed lists was revoked: the entry's `at`, else the iat of the first bundle naming it. */
async function foreignRevocations(hub: Hub, tx: HubRepos, iss: string): Promise<Map<string, number>> {
  const newest = (await tx.bundles.relayedHeads()).find((h) => h.iss === iss)?.seq ?? 0;
  let cache = relayedCache.get(hub);
  if (cache === undefined) {
    cache = new Map<string, { seq: number; revoked: Map<string, number> }>();
    relayedCache.set(hub, cache);
  }
  const held = cache.get(iss);
  if (held !== undefined && held.seq === newest) return held.revoked;
  const revoked = new Map<string, number>();
  for (const bundle of await tx.bundles.relayed(iss)) {
    // Relayed bundles were verified (signature, schema) when the bureau relayed them.
    const parsed = revocationsPayloadSchema.safeParse(parseCompactJwt(bundle.jws, MAX_RELAYED_BYTES)?.payload);
    if (!parsed.success) continue;
    for (const entry of parsed.data.revoked) {
      const stated = typeof entry.at === 'number' ? entry.at * 1000 : typeof entry.at === 'string' ? parseInstant(entry.at) : undefined;
      const atMs = stated ?? parsed.data.iat * 1000;
      revoked.set(entry.sub, Math.min(atMs, revoked.get(entry.sub) ?? Number.MAX_SAFE_INTEGER));
    }
  }
  cache.set(iss, { seq: newest, revoked });
  return revoked;
}

/** Reads a card's facts once per run of the unit (the bureau's card from the batch's reads); the issuers are read once too. */
function cardFacts(hub: Hub, tx: HubRepos): (use: NewUse, history: CardHistory) => Promise<CardFacts> {
  const known = new Map<string, Promise<CardFacts>>();
  let issuers: Promise<{ trusted: Set<string>; registered: Map<string, number> }> | undefined;
  const read = async (use: NewUse, history: CardHistory): Promise<CardFacts> => {
    issuers ??= Promise.all([tx.issuers.list(), tx.issuers.registered()]).then(([list, registered]) => ({ trusted: new Set(list.map((i) => i.iss)), registered }));
    const { trusted, registered } = await issuers;
    if (use.iss === hub.settings.iss) {
      const card = await history.card(use.sub);
      return { own: card !== undefined && card.iss === use.iss ? card : undefined, foreign: undefined, registeredMs: undefined };
    }
    const foreign = trusted.has(use.iss) ? await foreignRevocations(hub, tx, use.iss) : undefined;
    return { own: undefined, foreign, registeredMs: registered.get(use.iss) };
  };
  return (use, history) => {
    const key = JSON.stringify([use.iss, use.sub]);
    let facts = known.get(key);
    if (facts === undefined) {
      facts = read(use, history);
      known.set(key, facts);
    }
    return facts;
  };
}

const isTier = (tier: string): tier is Tier => (TIERS as readonly string[]).includes(tier);

/**
 * The card's tier and card-year origin as the hub knows them, or why the card cannot be used
 * at the use's time. The bureau's own cards are checked against its records; another issuer's
 * card against its relayed revocation lists and the rules' issuerConstraints (Art. 5 (1)).
 */
async function cardAtUse(hub: Hub, history: CardHistory, book: RuleBook, facts: CardFacts, terminal: StoredTerminal, use: NewUse): Promise<{ tier: Tier; nbfMs: number } | UseVerdict> {
  const what = `${use.sub} ${use.service}`;
  if (use.iss === hub.settings.iss) {
    const card = facts.own;
    if (card === undefined) return { refusal: 'UNKNOWN_CARD', detail: `${what}: the bureau issued no such card` };
    // Art. 34: a revoked card is void from its revocation on.
    if (card.revokedMs !== null && use.atMs >= card.revokedMs) return { refusal: 'REVOKED', detail: `${what}: revoked at ${formatShanghai(card.revokedMs)}` };
    if (use.atMs < card.nbf * 1000 - VALIDITY_TOLERANCE_MS || use.atMs >= card.exp * 1000 + VALIDITY_TOLERANCE_MS) {
      return { refusal: 'NOT_VALID', detail: `${what}: used at ${formatShanghai(use.atMs)}, valid ${formatShanghai(card.nbf * 1000)} to ${formatShanghai(card.exp * 1000)}` };
    }
    return { tier: card.tier, nbfMs: card.nbf * 1000 };
  }
  const revoked = facts.foreign;
  if (revoked === undefined) return { refusal: 'UNKNOWN_CARD', detail: `${what}: issuer ${use.iss} is not trusted by this hub` };
  const revokedMs = revoked.get(use.sub);
  if (revokedMs !== undefined && use.atMs >= revokedMs) return { refusal: 'REVOKED', detail: `${what}: revoked at ${formatShanghai(revokedMs)}` };
  const constraint = book.rules.issuerConstraints[use.iss];
  if (!isTier(use.tier) || (constraint !== undefined && !constraint.tiers.includes(use.tier))) {
    return { refusal: 'NOT_ENTITLED', detail: `${what}: ${use.iss} cards of tier ${use.tier} are not accepted` };
  }
  const known = await history.firstReportedNbf(use.iss, use.sub);
  return foreignValidity(facts, terminal, use, known) ?? { tier: use.tier, nbfMs: await foreignNbfMs(history, use, known) };
}

/**
 * The hub never saw another issuer's card issued: it knows its validity only from the nbf and
 * exp terminals upload with its uses. The card's nbf must be the one first reported for it (a
 * forged earlier nbf would end the benefit hub-wide as surely as a backdated stamp), and the
 * stamp must lie within nbf..exp. A use from an older terminal, without them, may not be stamped
 * before its terminal was enrolled or before the issuer was registered here.
 */
function foreignValidity(facts: CardFacts, terminal: StoredTerminal, use: NewUse, known: number | undefined): UseVerdict | undefined {
  const what = `${use.sub} ${use.service}`;
  if (use.nbf !== undefined && known !== undefined && use.nbf !== known) {
    return { refusal: 'NOT_VALID', detail: `${what}: the card's nbf ${use.nbf} differs from ${known}, first reported for it` };
  }
  const nbf = use.nbf ?? known;
  if ((nbf !== undefined && use.atMs < nbf * 1000 - VALIDITY_TOLERANCE_MS) || (use.exp !== undefined && use.atMs >= use.exp * 1000 + VALIDITY_TOLERANCE_MS)) {
    const from = nbf === undefined ? '?' : formatShanghai(nbf * 1000);
    const to = use.exp === undefined ? '?' : formatShanghai(use.exp * 1000);
    return { refusal: 'NOT_VALID', detail: `${what}: used at ${formatShanghai(use.atMs)}, valid ${from} to ${to}` };
  }
  if (use.nbf !== undefined) return undefined;
  if (use.atMs < terminal.enrolledMs - VALIDITY_TOLERANCE_MS) {
    return { refusal: 'NOT_VALID', detail: `${what}: stamped ${formatShanghai(use.atMs)}, before terminal ${terminal.id} was enrolled, and the card's nbf was not sent` };
  }
  const registeredMs = facts.registeredMs;
  if (registeredMs !== undefined && use.atMs < registeredMs - VALIDITY_TOLERANCE_MS) {
    return { refusal: 'NOT_VALID', detail: `${what}: stamped ${formatShanghai(use.atMs)}, before issuer ${use.iss} was registered at this hub, and the card's nbf was not sent` };
  }
  return undefined;
}

/** Where another issuer's card-years start: its reported nbf, else (older terminals) its first counting use known to the hub. */
async function foreignNbfMs(history: CardHistory, use: NewUse, known: number | undefined): Promise<number> {
  const nbf = known ?? use.nbf;
  if (nbf !== undefined) return nbf * 1000;
  return Math.min((await history.firstCountingStamp(use.iss, use.sub)) ?? use.atMs, use.atMs);
}

async function judgeUse(hub: Hub, history: CardHistory, book: RuleBook, facts: CardFacts, terminal: StoredTerminal, use: NewUse, successors: readonly string[]): Promise<UseVerdict | undefined> {
  const what = `${use.sub} ${use.service}`;
  // A terminal is enrolled for one service (its enrolment code says which).
  if (use.service !== terminal.service) return { refusal: 'NOT_ENROLLED_SERVICE', detail: `${what}: terminal ${terminal.id} is enrolled for ${terminal.service}` };
  const service = book.service(use.service);
  if (service === undefined) return { refusal: 'NOT_ENTITLED', detail: `${what}: no such service in the rules in force` };
  const card = await cardAtUse(hub, history, book, facts, terminal, use);
  if ('refusal' in card) return card;
  // Art. 31: each tier covers a range of articles.
  if (!book.tierCovers(card.tier, service.article)) return { refusal: 'NOT_ENTITLED', detail: `${what}: tier ${card.tier} is not entitled to Art. ${service.article}` };
  const rule = service.quota;
  // Art. 22 subsidises the holder's father or mother: any other label would open a quota of its own.
  const perParent = service.requiresBeneficiary || rule?.perBeneficiary === true;
  if (perParent && !(BENEFICIARIES as readonly string[]).includes(use.beneficiary)) {
    return { refusal: 'NOT_ENTITLED', detail: `${what}: the beneficiary is not the holder's father or mother (Art. 22)` };
  }
  if (!perParent && use.beneficiary !== '') return { refusal: 'NOT_ENTITLED', detail: `${what}: the service takes no beneficiary, the use names one` };
  if (rule === undefined) return undefined;
  // Art. 21, 22: the counting uses that reached the hub before this one, with the terminal's own quota rule.
  // A re-issued card's uses count against its newest successor, which holds copies of all of them (Art. 34).
  const beneficiary = rule.perBeneficiary ? use.beneficiary : undefined;
  const sub = successors[successors.length - 1] ?? use.sub;
  const earlier = await history.countingStamps({ iss: use.iss, sub, service: use.service, ...(beneficiary === undefined ? {} : { beneficiary }) });
  const state = evaluateQuota(rule, card.nbfMs, use.atMs, (from, to) => earlier.filter((t) => t >= from && t < to).length);
  if (!state.ended && !state.exhausted) return undefined;
  return { refusal: 'OVER_QUOTA', detail: `${what}: ${state.ended ? 'the benefit had ended' : `${state.view.used} of ${state.view.limit} already used in the period`}` };
}

/**
 * The judge of a batch's uses. The rules in force are read first; each use's card facts and
 * the uses counted against its quota are read inside the ingest's unit of work, under the
 * card's use lock (hub/usage/ingest-entries.ts), so each use is decided in arrival order even
 * with several hub processes on one database (two venues racing over the last film: exactly
 * one is refused).
 */
export async function useJudge(hub: Hub): Promise<UseJudge> {
  const { version, rules } = await hub.rules();
  const book = ruleBook(rules, version);
  return (tx, terminal) => {
    const factsOf = cardFacts(hub, tx);
    return async (use, successors, history) => judgeUse(hub, history, book, await factsOf(use, history), terminal, use, successors);
  };
}
