import { ok } from '../../shared/result.js';
import { decisionsBetween } from '../core/terminal-reports.js';
import { daySummary } from './day-summary.js';
import { historyCsv } from './history-csv.js';
import { historyItem } from './history-items.js';
import type { ChannelHandlers, ServiceContext } from './service-context.js';
import { shanghaiDay } from './shanghai-day.js';

/** The day's decisions, its summary and its CSV, for a Shanghai calendar day (today by default). */
export function historyHandlers(ctx: ServiceContext): ChannelHandlers<'history.list' | 'history.summary' | 'history.exportCsv'> {
  const dayOf = (day: string | undefined) => shanghaiDay(day, ctx.now());
  const noSuchDay = (day: string | undefined) => ctx.fail('INVALID_INPUT', `day: ${day ?? ''}`);
  return {
    'history.list': ({ day, decision, service, limit }) => {
      const range = dayOf(day);
      if (range === undefined) return noSuchDay(day);
      return ok(decisionsBetween(ctx.terminal, range.start, range.end, { decision, service, limit }).map(historyItem));
    },
    'history.summary': ({ day }) => {
      const range = dayOf(day);
      if (range === undefined) return noSuchDay(day);
      return ok(daySummary(range.day, decisionsBetween(ctx.terminal, range.start, range.end)));
    },
    'history.exportCsv': ({ day }) => {
      const range = dayOf(day);
      if (range === undefined) return noSuchDay(day);
      const items = decisionsBetween(ctx.terminal, range.start, range.end).map(historyItem);
      return ok({ filename: `jinka-${ctx.settings().terminalId}-${range.day}.csv`, csv: historyCsv(items) });
    },
  };
}
