import type { FastifyInstance } from 'fastify';
import { staffLogQuerySchema } from '../../shared/console/console-api.js';
import type { StoredStaffLogEntry } from '../store/hub-store.js';
import { consoleRoute, type ConsoleContext } from './console-route.js';
import { staffLogCsv, staffLogView, verifyStaffLog } from './staff-log.js';

/** Entries per CSV read (the export reads the whole log page by page). */
const PAGE = 1000;

/** The staff log for auditors and admins: a page of entries with the chain's check, and the whole log as CSV (the export is itself logged). */
export function registerStaffLogRoutes(app: FastifyInstance, ctx: ConsoleContext): void {
  consoleRoute(app, ctx, {
    method: 'GET',
    path: '/staff-log',
    action: 'staff-log.read',
    roles: ['admin', 'auditor'],
    query: staffLogQuerySchema,
    handle: async ({ tx, query }) => {
      const entries = await tx.staffLog.list(query.after ?? 0, query.limit ?? 100);
      const check = await verifyStaffLog(tx);
      return { body: { entries: entries.map(staffLogView), chainOk: check.ok } };
    },
  });

  consoleRoute(app, ctx, {
    method: 'GET',
    path: '/staff-log.csv',
    action: 'staff-log.export',
    roles: ['admin', 'auditor'],
    logRead: true,
    handle: async ({ tx, reply }) => {
      const all: StoredStaffLogEntry[] = [];
      for (let page = await tx.staffLog.list(0, PAGE); page.length > 0; page = await tx.staffLog.list(all.length, PAGE)) all.push(...page);
      reply.header('content-disposition', 'attachment; filename="staff-log.csv"');
      return { body: staffLogCsv(all), contentType: 'text/csv; charset=utf-8' };
    },
  });
}
