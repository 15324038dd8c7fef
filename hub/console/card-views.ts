import { BENEFICIARIES } from '../../shared/beneficiary.js';
import type { CardStatus, CardView, CardDetailResponse } from '../../shared/console/card-api.js';
import { evaluateQuota } from '../../shared/decision/quota.js';
import { ruleBook } from '../../shared/rules/rules-lookup.js';
import type { Hub } from '../hub.js';
import { countingStampsIn } from '../usage/counting-stamps.js';
import type { HubRepos, StoredCard, StoredUse } from '../store/hub-store.js';

/** A card's state at `nowSec` (the list's status filter: hub/store CardFilter says the same in SQL). */
export function cardStatus(card: StoredCard, nowSec: number): CardStatus {
  if (card.revokedMs !== null) return 'revoked';
  if (card.nbf > nowSec) return 'pending';
  if (card.exp <= nowSec) return 'expired';
  return 'valid';
}

/** What the console shows of a card: the masked name and ID tail the card carries, never more. */
export function cardView(card: StoredCard, nowSec: number): CardView {
  return {
    sub: card.sub,
    tier: card.tier,
    category: card.cat,
    maskedName: card.maskedName,
    idTail: card.idt,
    validFrom: card.nbf * 1000,
    validUntil: card.exp * 1000,
    issuedAt: card.issuedMs,
    status: cardStatus(card, nowSec),
    revokedAt: card.revokedMs,
    revokeReason: card.revokeReason,
    replaces: card.replaces,
    replacedBy: card.replacedBy,
  };
}

const useView = (u: StoredUse): CardDetailResponse['uses'][number] => ({
  id: u.id,
  service: u.service,
  site: u.site,
  at: u.atMs,
  beneficiary: u.beneficiary,
  companions: u.companionsTotal,
  counts: u.refused === null,
  overQuota: u.overQuota,
  refused: u.refused,
  carriedFrom: u.carriedFrom,
});

/**
 * A card's detail: its uses (carried ones included) and each quota's state now, per service its
 * tier covers (Art. 31) and per parent where counted per beneficiary (Art. 22), counted as the
 * hub counts an upload (shared/decision/quota.ts over the card's counting uses), from the uses read
 * once for the list (carried ones count; refused and voided ones do not), not a query per quota.
 */
export async function cardDetail(hub: Hub, tx: HubRepos, card: StoredCard): Promise<CardDetailResponse> {
  const nowMs = hub.now();
  const { version, rules } = await hub.rules();
  const book = ruleBook(rules, version);
  const uses = await tx.uses.ofCard(card.iss, card.sub);
  const counting = uses.filter((u) => u.refused === null);
  const quotas: CardDetailResponse['quotas'] = [];
  for (const service of rules.services) {
    const rule = service.quota;
    if (rule === undefined || !book.tierCovers(card.tier, service.article)) continue;
    // Counted per parent only where the rule says so (as hub/usage/use-checks.ts counts an upload).
    for (const beneficiary of rule.perBeneficiary ? [...BENEFICIARIES] : [undefined]) {
      const stamps = countingStampsIn(counting, { service: service.id, ...(beneficiary === undefined ? {} : { beneficiary }) });
      const state = evaluateQuota(rule, card.nbf * 1000, nowMs, (from, to) => stamps.filter((t) => t >= from && t < to).length);
      quotas.push({
        service: service.id,
        article: service.article,
        name: service.name,
        period: rule.period,
        beneficiary: beneficiary ?? null,
        limit: state.view.limit,
        used: state.view.used,
        remaining: state.view.remaining,
        periodEnd: state.view.period_end,
        totalLimit: state.view.total_limit ?? null,
        totalUsed: state.view.total_used ?? null,
        ended: state.ended,
      });
    }
  }
  return { card: cardView(card, Math.floor(nowMs / 1000)), uses: uses.map(useView), quotas };
}
