import type { HistoryItem } from '../../shared/api/api-types.js';
import { formatShanghai } from '../../shared/time/shanghai-calendar.js';
import type { DecisionWithUse } from '../core/store/decision-store.js';

/** One kept decision as the history list shows it; companions are the recorded ones once the use is recorded. */
export function historyItem({ decision: d, use }: DecisionWithUse): HistoryItem {
  const name = d.decision.card?.name;
  return {
    id: d.id,
    at: formatShanghai(d.atMs),
    service: d.decision.service,
    decision: d.decision.decision,
    reason: d.decision.reasons[0] ?? null,
    warnings: [...d.decision.warnings],
    holder: typeof name === 'string' ? name : null,
    card: d.card ? `${d.card.iss}/${d.card.sub}` : null,
    recorded: use !== null,
    companions: use?.companions ?? d.companions,
  };
}
