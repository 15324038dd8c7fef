import type { FastifyInstance } from 'fastify';
import { USAGE_PATHS, usageQuerySchema, type UsageQuery, type UsageResponse } from '../../shared/console/usage-api.js';
import { shanghaiDaysRange } from '../../shared/time/shanghai-calendar.js';
import { usageCsv } from '../report/report-format.js';
import { tallyBy, totalOf } from '../report/usage-report.js';
import type { HubRepos, UsageRow } from '../store/hub-store.js';
import { consoleRoute, type ConsoleContext } from './console-route.js';
import { xlsxWorkbook } from './usage-xlsx.js';

/** The report's tally by a key, as the page lists it: sorted by key. */
const groups = (rows: readonly UsageRow[], key: (r: UsageRow) => string) =>
  [...tallyBy(rows, key)].map(([k, t]) => ({ key: k, ...t })).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));

/** The usage report over a range of Shanghai days, from the unit's repositories (counting uses only: no carried copy, refused or voided use). */
export async function usageReport(tx: HubRepos, q: UsageQuery): Promise<UsageResponse> {
  const range = shanghaiDaysRange(q.from, q.to);
  const rows = await tx.uses.usageRows(range);
  const relations = await tx.uses.companionsByRelation(range);
  return {
    from: q.from,
    to: q.to,
    totals: totalOf(rows),
    voided: await tx.uses.voidedCount(range),
    rows: rows.map((r) => ({ day: r.day, site: r.site, service: r.service, tier: r.tier, uses: r.uses, companions: r.companions })),
    byService: groups(rows, (r) => r.service),
    bySite: groups(rows, (r) => r.site),
    byDay: groups(rows, (r) => r.day),
    byTier: groups(rows, (r) => r.tier),
    companionsByRelation: Object.entries(relations)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([relation, count]) => ({ relation, count })),
  };
}

/** The report as a workbook: "Usage" (as the CSV) and "Companions". */
export function usageWorkbook(report: UsageResponse): Uint8Array {
  return xlsxWorkbook([
    { name: 'Usage', rows: [['day', 'site', 'service', 'tier', 'uses', 'companions'], ...report.rows.map((r) => [r.day, r.site, r.service, r.tier, r.uses, r.companions])] },
    { name: 'Companions', rows: [['relation', 'count'], ...report.companionsByRelation.map((c) => [c.relation, c.count])] },
  ]);
}

const attachment = (q: UsageQuery, ext: string): string => `attachment; filename="usage-${q.from}-${q.to}.${ext}"`;

/** Usage by service, site, day and tier over a range; CSV and .xlsx exports (recorded in the staff log). Every role. */
export function registerUsageRoutes(app: FastifyInstance, ctx: ConsoleContext): void {
  const roles = ['admin', 'officer', 'auditor'] as const;
  consoleRoute(app, ctx, {
    method: 'GET',
    path: USAGE_PATHS.report,
    action: 'usage.read',
    roles,
    query: usageQuerySchema,
    handle: async ({ tx, query }) => ({ body: await usageReport(tx, query) }),
  });
  consoleRoute(app, ctx, {
    method: 'GET',
    path: USAGE_PATHS.csv,
    action: 'usage.export-csv',
    roles,
    query: usageQuerySchema,
    logRead: true,
    handle: async ({ tx, query, reply }) => {
      reply.header('content-disposition', attachment(query, 'csv'));
      // The rows alone: the CSV needs none of the report's other reads and groupings.
      return { body: usageCsv(await tx.uses.usageRows(shanghaiDaysRange(query.from, query.to))), contentType: 'text/csv; charset=utf-8', target: `${query.from}..${query.to}` };
    },
  });
  consoleRoute(app, ctx, {
    method: 'GET',
    path: USAGE_PATHS.xlsx,
    action: 'usage.export-xlsx',
    roles,
    query: usageQuerySchema,
    logRead: true,
    handle: async ({ tx, query, reply }) => {
      reply.header('content-disposition', attachment(query, 'xlsx'));
      return {
        body: Buffer.from(usageWorkbook(await usageReport(tx, query))),
        contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        target: `${query.from}..${query.to}`,
      };
    },
  });
}
