import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { staffLogQuerySchema } from '../../shared/console/console-api.js';
import type { HubRepos } from '../store/hub-store.js';
import { consoleRoute, type ConsoleContext } from './console-route.js';
import { STAFF_LOG_CSV_HEADER, staffLogCsvLine, staffLogView, verifyStaffLog, type VerifiedHead } from './staff-log.js';

/** Entries per CSV read (the export reads the whole log page by page). */
const PAGE = 1000;

/**
 * The staff log up to entry `upTo` as CSV, read a page at a time as the client takes it: no unit
 * is held open, so the store serves others meanwhile.
 */
async function* csvPages(repos: Pick<HubRepos, 'staffLog'>, upTo: number): AsyncGenerator<string> {
  yield STAFF_LOG_CSV_HEADER;
  for (let after = 0; after < upTo; ) {
    const page = (await repos.staffLog.list(after, Math.min(PAGE, upTo - after))).filter((e) => e.seq <= upTo);
    if (page.length === 0) return;
    yield page.map(staffLogCsvLine).join('');
    after = page.at(-1)?.seq ?? upTo;
  }
}

/** The staff log for auditors and admins: a page of entries with the chain's check, and the whole log as CSV (the export is itself logged). */
export function registerStaffLogRoutes(app: FastifyInstance, ctx: ConsoleContext): void {
  // The newest entry a check found good: the next check reads only what came after it.
  let verified: VerifiedHead | undefined;

  consoleRoute(app, ctx, {
    method: 'GET',
    path: '/staff-log',
    action: 'staff-log.read',
    roles: ['admin', 'auditor'],
    query: staffLogQuerySchema,
    handle: async ({ tx, query }) => {
      const entries = await tx.staffLog.list(query.after ?? 0, query.limit ?? 100);
      const check = await verifyStaffLog(ctx.hub, verified);
      verified = check.ok ? check.head : undefined;
      return { body: { entries: entries.map(staffLogView), chainOk: check.ok } };
    },
  });

  consoleRoute(app, ctx, {
    method: 'GET',
    path: '/staff-log.csv',
    action: 'staff-log.export',
    roles: ['admin', 'auditor'],
    logRead: true,
    selfContained: true,
    handle: async ({ tx, reply }) => {
      // The log as it stood when asked: the export's own entry, written as it starts, is the next one.
      const upTo = await tx.staffLog.count();
      reply.header('content-disposition', 'attachment; filename="staff-log.csv"');
      return { body: Readable.from(csvPages(tx, upTo)), contentType: 'text/csv; charset=utf-8' };
    },
  });
}
