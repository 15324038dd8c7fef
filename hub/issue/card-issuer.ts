import { cardClaimsSchema, type CardClaims } from '../../shared/token/card-claims.js';
import { lastShanghaiDate } from '../../shared/time/shanghai-calendar.js';
import { err, ok, type Result } from '../../shared/result.js';
import { mintCardToken } from '../../node/crypto/card-token.js';
import type { Hub } from '../hub.js';
import type { CardRepo, StoredCard } from '../store/hub-store.js';
import { replaceCard } from './card-reissue.js';
import { idTail, maskName, tierForCategory } from './holder-data.js';
import type { HolderRequest, RosterError } from './roster.js';
import { validityProblem } from './validity.js';
import { withholdLongNumbers } from '../../shared/privacy/long-numbers.js';

/** The card number: PREFIX-TIER-NNNNNN, e.g. LC-A-000123; serials are never handed out twice. */
export function cardNumber(prefix: string, tier: string, serial: number): string {
  return `${prefix}-${tier}-${String(serial).padStart(6, '0')}`;
}

function signCard(hub: Hub, claims: CardClaims, key: Awaited<ReturnType<Hub['signer']>>): string {
  return mintCardToken(cardClaimsSchema.parse(claims), key);
}

/** A holder that passed every check before issue, with its tier and the keyed hash of its ID number. */
export interface PlannedCard {
  holder: HolderRequest;
  tier: CardClaims['tier'];
  idHmac: string;
}

/**
 * The checks before issue, issuing nothing (the console's roster preview runs them too): the
 * tier for the category (Art. 31), the validity, and no card already in force for the ID number.
 */
export async function planCards(hub: Hub, holders: readonly HolderRequest[]): Promise<{ errors: RosterError[]; planned: PlannedCard[] }> {
  return planWith(hub, (await hub.rules()).rules, holders, hub.store.cards);
}

/** `planCards` with the rules read already, reading cards through `cards` (the store or a unit). */
async function planWith(
  hub: Hub,
  rules: Awaited<ReturnType<Hub['rules']>>['rules'],
  holders: readonly HolderRequest[],
  cards: Pick<CardRepo, 'currentForHolder'>,
): Promise<{ errors: RosterError[]; planned: PlannedCard[] }> {
  const nowMs = hub.now();
  const errors: RosterError[] = [];
  const planned: PlannedCard[] = [];
  for (const holder of holders) {
    const tier = tierForCategory(rules, holder.category);
    if (tier === undefined) {
      errors.push({ line: holder.line, message: `no card tier covers category ${holder.category} in the rules in force` });
      continue;
    }
    const validity = validityProblem(holder.nbfMs, holder.expMs, nowMs);
    if (validity) errors.push({ line: holder.line, message: validity });
    const idHmac = hub.idHmac(holder.idNumber);
    const current = await cards.currentForHolder(idHmac, Math.floor(nowMs / 1000));
    if (current !== undefined) {
      errors.push({ line: holder.line, message: `this holder already has card ${current.sub} (valid until ${lastShanghaiDate(current.exp * 1000)}): use reissue` });
    }
    if (!validity && current === undefined) planned.push({ holder, tier, idHmac });
  }
  return { errors, planned };
}

/**
 * Issues cards to holders (Art. 31, 32): tier from category, a new card number, masked
 * name and ID tail in the token. All holders are checked first (tier, validity, a card
 * already in force for the same ID number) and either every card is issued or none. The check
 * and the insert are one unit under the holders' issue locks, so two issues to one holder at
 * once give one card (the second sees the first's and is refused); a unique index backs it.
 */
export async function issueCards(hub: Hub, holders: readonly HolderRequest[]): Promise<Result<StoredCard[], RosterError[]>> {
  const { rules } = await hub.rules();
  const key = await hub.signer();
  const idHmacs = holders.map((h) => hub.idHmac(h.idNumber));
  return hub.store.transaction(async (tx) => {
    await tx.cards.lockHolders(idHmacs);
    const { errors, planned } = await planWith(hub, rules, holders, tx.cards);
    if (errors.length > 0) return err(errors);
    if (planned.length === 0) return ok([]);
    const cards = signPlanned(hub, planned, key, await tx.cards.allocateSerials(planned.length));
    await tx.cards.insert(cards);
    return ok(cards);
  });
}

/** The cards for `planned`, numbered from serial `first` and signed with `key`. */
function signPlanned(hub: Hub, planned: readonly PlannedCard[], key: Awaited<ReturnType<Hub['signer']>>, first: number): StoredCard[] {
  const nowMs = hub.now();
  const iat = Math.floor(nowMs / 1000);
  const cards = planned.map(({ holder, tier, idHmac }, i): StoredCard => {
    const serial = first + i;
    const claims: CardClaims = {
      iss: hub.settings.iss,
      sub: cardNumber(hub.settings.cardPrefix, tier, serial),
      tier,
      cat: holder.category,
      name: maskName(holder.name),
      idt: idTail(holder.idNumber),
      iat,
      nbf: Math.floor(holder.nbfMs / 1000),
      exp: Math.floor(holder.expMs / 1000),
    };
    return {
      ...claims,
      serial,
      kid: key.kid,
      maskedName: claims.name,
      idHmac,
      token: signCard(hub, claims, key),
      issuedMs: nowMs,
      replaces: null,
      replacedBy: null,
      revokedMs: null,
      revokeReason: null,
    };
  });
  return cards;
}

/** Why a revocation or re-issue was refused. */
export type CardActionError = { code: 'UNKNOWN_CARD' | 'ALREADY_REVOKED' | 'EXPIRED' | 'DUPLICATE_NUMBER'; message: string };

const refusalText: Record<CardActionError['code'], (sub: string) => string> = {
  UNKNOWN_CARD: (sub) => `no card ${sub} was issued by this hub`,
  ALREADY_REVOKED: (sub) => `card ${sub} is already revoked`,
  EXPIRED: (sub) => `card ${sub} has expired: issue a new card instead`,
  DUPLICATE_NUMBER: (sub) => `card number ${sub} exists already`,
};

/**
 * A revocation's reason as it is kept: it is signed into the revocation list every terminal
 * downloads and keeps, so an ID number typed into it (however written) is withheld first (PIPL).
 */
const publishedReason = (reason: string): string => withholdLongNumbers(reason);

/** Revokes cards (Art. 34) in one step: one new revocation sequence for all of them. */
export async function revokeCards(hub: Hub, subs: readonly string[], reason: string): Promise<Result<{ seq: number }, CardActionError>> {
  const atMs = hub.now();
  const result = await hub.store.cards.revoke(subs.map((sub) => ({ iss: hub.settings.iss, sub, reason: publishedReason(reason), atMs })));
  if (!result.ok) return err({ code: result.refusal, message: refusalText[result.refusal](result.sub) });
  return ok({ seq: result.seq });
}

/**
 * Re-issues a card (Art. 34, a lost or damaged card): a new card number with the same
 * holder data and validity (so card-years and quotas go on), and the old card revoked
 * in the same step. The old card's uses count for the new one.
 */
export async function reissueCard(hub: Hub, sub: string, reason: string): Promise<Result<{ card: StoredCard; replaced: StoredCard; seq: number }, CardActionError>> {
  const old = await hub.store.cards.get(sub);
  if (old === undefined || old.iss !== hub.settings.iss) return err({ code: 'UNKNOWN_CARD', message: refusalText.UNKNOWN_CARD(sub) });
  if (old.revokedMs !== null) return err({ code: 'ALREADY_REVOKED', message: refusalText.ALREADY_REVOKED(sub) });
  const nowMs = hub.now();
  if (old.exp * 1000 <= nowMs) return err({ code: 'EXPIRED', message: refusalText.EXPIRED(sub) });
  const key = await hub.signer();
  const serial = await hub.store.cards.allocateSerials(1);
  const claims: CardClaims = {
    iss: old.iss,
    sub: cardNumber(hub.settings.cardPrefix, old.tier, serial),
    tier: old.tier,
    cat: old.cat,
    name: old.maskedName,
    idt: old.idt,
    iat: Math.floor(nowMs / 1000),
    nbf: old.nbf,
    exp: old.exp,
  };
  const card: StoredCard = {
    ...claims,
    serial,
    kid: key.kid,
    maskedName: old.maskedName,
    idHmac: old.idHmac,
    token: signCard(hub, claims, key),
    issuedMs: nowMs,
    replaces: old.sub,
    replacedBy: null,
    revokedMs: null,
    revokeReason: null,
  };
  const result = await replaceCard(hub.store, { iss: old.iss, sub: old.sub, reason: publishedReason(reason), atMs: nowMs }, card);
  if (!result.ok) return err({ code: result.refusal, message: refusalText[result.refusal](result.sub) });
  return ok({ card, replaced: old, seq: result.seq });
}

/** The holder's card in force, found by ID number through its keyed hash. */
export async function cardForIdNumber(hub: Hub, normalizedIdNumber: string): Promise<StoredCard | undefined> {
  return hub.store.cards.currentForHolder(hub.idHmac(normalizedIdNumber), hub.nowSec());
}
