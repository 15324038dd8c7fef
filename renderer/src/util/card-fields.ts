import type { CardSummary } from '../../../shared/token/card-claims.js';

/** A displayed card claim: the claims arrive as the token had them, so anything but a string shows as a dash. */
export function claimText(value: unknown): string {
  if (typeof value === 'string' && value.length > 0) return value;
  if (typeof value === 'number') return String(value);
  return '—';
}

/** The holder's masked name and ID tail, or null when the card never got past its signature. */
export function holderOf(card: CardSummary | null): { name: string; idTail: string; iss: string; tier: string; sub: string } | null {
  if (card === null) return null;
  return { name: claimText(card.name), idTail: claimText(card.idt), iss: claimText(card.iss), tier: claimText(card.tier), sub: claimText(card.sub) };
}

/** A history row's card (`iss/sub`) split for display: the number is shown whole, the issuer apart. */
export function splitCardRef(card: string): { iss: string; sub: string } {
  const slash = card.indexOf('/');
  return slash < 0 ? { iss: '', sub: card } : { iss: card.slice(0, slash), sub: card.slice(slash + 1) };
}
