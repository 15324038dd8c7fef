import type { DaySummary } from '../../shared/api/api-types.js';
import { RELATIONS, type Relation } from '../../shared/relations.js';
import { toShanghaiParts } from '../../shared/time/shanghai-calendar.js';
import type { DecisionWithUse } from '../core/store/decision-store.js';

/** Today's figures: decisions and outcomes, uses by service, companions counted, rejections by reason, decisions per Shanghai hour. */
export function daySummary(day: string, rows: readonly DecisionWithUse[]): DaySummary {
  const companionsByRelation = Object.fromEntries(RELATIONS.map((r) => [r, 0])) as Record<Relation, number>;
  const summary: DaySummary = {
    day,
    decisions: rows.length,
    accepted: 0,
    rejected: 0,
    usesByService: {},
    companionsByRelation,
    rejectionsByReason: {},
    byHour: Array.from({ length: 24 }, () => 0),
  };
  for (const { decision: d, use } of rows) {
    const hour = toShanghaiParts(d.atMs).hour;
    summary.byHour[hour] = (summary.byHour[hour] ?? 0) + 1;
    if (d.decision.decision === 'accept') summary.accepted += 1;
    else {
      summary.rejected += 1;
      const reason = d.decision.reasons[0];
      if (reason !== undefined) summary.rejectionsByReason[reason] = (summary.rejectionsByReason[reason] ?? 0) + 1;
    }
    if (use === null) continue;
    summary.usesByService[d.decision.service] = (summary.usesByService[d.decision.service] ?? 0) + 1;
    for (const relation of RELATIONS) companionsByRelation[relation] += use.companions[relation] ?? 0;
  }
  return summary;
}
