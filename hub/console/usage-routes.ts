import type { FastifyInstance } from 'fastify';
import { USAGE_PATHS, usageQuerySchema, type UsageQuery, type UsageResponse } from '../../shared/console/usage-api.js';
import { fromShanghaiParts } from '../../shared/time/shanghai-calendar.js';
import { usageCsv } from '../report/report-format.js';
import type { HubRepos, ReportRange, UsageRow } from '../store/hub-store.js';
import { consoleRoute, type ConsoleContext } from './console-route.js';
import { xlsxWorkbook } from './usage-xlsx.js';

/** The instants a range of Shanghai days covers: from the first day's midnight to the midnight after the last (half-open). */
export function shanghaiDaysRange(q: UsageQuery): Required<ReportRange> {
  const midnight = (day: string, plus: number): number => {
    const [y, m, d] = day.split('-').map(Number) as [number, number, number];
    return fromShanghaiParts({ year: y, month: m, day: d + plus, hour: 0, minute: 0, second: 0, millisecond: 0 });
  };
  return { fromMs: midnight(q.from, 0), toMs: midnight(q.to, 1) };
}

const groups = (rows: readonly UsageRow[], key: (r: UsageRow) => string) => {
  const out = new Map<string, { key: string; uses: number; companions: number }>();
  for (const r of rows) {
    const k = key(r);
    const t = out.get(k) ?? { key: k, uses: 0, companions: 0 };
    t.uses += r.uses;
    t.companions += r.companions;
    out.set(k, t);
  }
  return [...out.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
};

/** The usage report over a range of Shanghai days, from the unit's repositories (counting uses only: no carried copy, refused or voided use). */
export async function usageReport(tx: HubRepos, q: UsageQuery): Promise<UsageResponse> {
  const range = shanghaiDaysRange(q);
  const rows = await tx.uses.usageRows(range);
  const relations = await tx.uses.companionsByRelation(range);
  return {
    from: q.from,
    to: q.to,
    totals: rows.reduce((t, r) => ({ uses: t.uses + r.uses, companions: t.companions + r.companions }), { uses: 0, companions: 0 }),
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
      return { body: usageCsv(await tx.uses.usageRows(shanghaiDaysRange(query))), contentType: 'text/csv; charset=utf-8', target: `${query.from}..${query.to}` };
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
