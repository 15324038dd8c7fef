import type { FastifyInstance } from 'fastify';
import { OVERVIEW_PATH, type OverviewResponse, type ServiceTally } from '../../shared/console/overview-api.js';
import { TIERS } from '../../shared/rules/rules-schema.js';
import { calendarMonthAt, shanghaiDate, shanghaiDayAt } from '../../shared/time/shanghai-calendar.js';
import { tallyBy, totalOf } from '../report/usage-report.js';
import type { HubRepos, UsageRow } from '../store/hub-store.js';
import { consoleRoute, type ConsoleContext } from './console-route.js';
import { hasStaleLists, isOnline } from './terminal-status.js';

/** Uses by service, every service of the catalogue listed (a service nobody used shows 0), then any other service the rows name. */
const byService = (rows: readonly UsageRow[], services: readonly string[]): ServiceTally[] =>
  [...tallyBy(rows, (r) => r.service, services)].map(([service, t]) => ({ service, ...t }));

/** The overview's figures at `nowMs` (Asia/Shanghai day and month). */
export async function buildOverview(tx: HubRepos, nowMs: number, rules: { services: readonly string[]; listStaleHours: number }): Promise<OverviewResponse> {
  const nowSec = Math.floor(nowMs / 1000);
  const byTier: Record<string, number> = {};
  for (const tier of TIERS) byTier[tier] = (await tx.cards.search({ nowSec, tier, status: 'valid', offset: 0, limit: 1 })).total;
  const day = shanghaiDayAt(nowMs);
  const month = calendarMonthAt(nowMs);
  const usesToday = byService(await tx.uses.usageRows({ fromMs: day.start, toMs: day.end }), rules.services);
  const usesThisMonth = byService(await tx.uses.usageRows({ fromMs: month.start, toMs: month.end }), rules.services);
  const terminals = await tx.terminals.list();
  const flagsByTerminal = await tx.flags.openByTerminal();
  const active = terminals.filter((t) => t.disabledMs === null);
  const online = active.filter((t) => isOnline(t, nowMs)).length;
  const openByKind = await tx.flags.openCounts();
  return {
    at: nowMs,
    today: shanghaiDate(nowMs),
    month: shanghaiDate(nowMs).slice(0, 7),
    cardsInForce: { byTier, total: Object.values(byTier).reduce((a, b) => a + b, 0) },
    usesToday,
    usesThisMonth,
    totalToday: totalOf(usesToday),
    totalThisMonth: totalOf(usesThisMonth),
    terminals: {
      active: active.length,
      online,
      silent: active.length - online,
      staleLists: active.filter((t) => hasStaleLists(t, nowMs, rules.listStaleHours)).length,
      brokenChain: active.filter((t) => (flagsByTerminal[t.id]?.CHAIN_BREAK ?? 0) > 0).length,
      disabled: terminals.length - active.length,
    },
    openFlags: { total: Object.values(openByKind).reduce((a, b) => a + b, 0), byKind: openByKind },
  };
}

/** GET /console/api/overview: every role. */
export function registerOverviewRoutes(app: FastifyInstance, ctx: ConsoleContext): void {
  consoleRoute(app, ctx, {
    method: 'GET',
    path: OVERVIEW_PATH,
    action: 'overview.read',
    roles: ['admin', 'officer', 'auditor'],
    handle: async ({ tx }) => {
      const { rules } = await ctx.hub.rules();
      return { body: await buildOverview(tx, ctx.hub.now(), { services: rules.services.map((s) => s.id), listStaleHours: rules.sitePolicyDefaults.listStaleHours }) };
    },
  });
}
