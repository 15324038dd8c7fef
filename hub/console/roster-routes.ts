import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ROSTER_LIMITS, rosterUploadRequestSchema, SHEET_PART_CARDS, sheetPartQuerySchema, type RosterPreviewResponse } from '../../shared/console/card-api.js';
import type { SheetFont } from '../issue/card-sheet-pdf.js';
import { idTail, maskName } from '../issue/holder-data.js';
import type { HubRepos, StoredCard, StoredRosterJob } from '../store/hub-store.js';
import { qrZipDownload, sheetDownload, tokensDownload } from './card-downloads.js';
import { cardStatus } from './card-views.js';
import { ConsoleRefusal, consoleRoute, type ConsoleContext } from './console-route.js';
import { ROSTER_JOB_STALE_MS, rosterJobView, runRosterJob, STALE_JOB_ERROR } from './roster-jobs.js';
import { checkRosterUpload, RosterUnreadable, type CheckedRoster } from './roster-upload.js';

const jobParams = z.strictObject({ id: z.string().uuid() });
const byId = (p: { id: string }): string => `roster:${p.id}`;
const WRITERS = ['admin', 'officer'] as const;
const READERS = ['admin', 'officer', 'auditor'] as const;
/** A job's sheet (it prints the QRs), QR images and tokens are working credentials: those who hand cards out, as for one card (card-routes.ts). */
const HANDERS_OUT = WRITERS;
/** The JSON body of an upload: the base64 file and a little more. */
const UPLOAD_BODY_LIMIT = Math.ceil((ROSTER_LIMITS.maxFileBytes * 4) / 3) + 4096;
const JOBS_LISTED = 50;

/** The preview the page shows: every bad line, and each good line as it would be printed (no full name, no ID number). */
function preview(checked: CheckedRoster): RosterPreviewResponse {
  return {
    lines: checked.planned.map(({ holder, tier }) => ({
      line: holder.line,
      maskedName: maskName(holder.name),
      idTail: idTail(holder.idNumber),
      category: holder.category,
      tier,
      validFrom: holder.nbfMs,
      validUntil: holder.expMs,
    })),
    problems: checked.problems,
    ready: checked.problems.length === 0 && checked.planned.length > 0,
  };
}

/**
 * The console's roster import (README "The bureau's console", Cards): a preview that lists every
 * bad line and issues nothing; an import that refuses any bad line and otherwise issues as a
 * job whose progress is in the database; the job's cards as a sheet, QR images and tokens.
 */
export function registerRosterRoutes(app: FastifyInstance, ctx: ConsoleContext, font: SheetFont): void {
  const { hub } = ctx;

  /**
   * A job as the console shows it: one left running by a process that ended shows as failed.
   * The page polls this every second, so it only reads; the jobs list marks such jobs in the store.
   */
  const liveJob = async (repos: HubRepos, id: string): Promise<StoredRosterJob> => {
    const job = await repos.rosterJobs.get(id);
    if (job === undefined) throw new ConsoleRefusal(404, 'NOT_FOUND', `no roster import ${id}`);
    const stale = job.state === 'running' && job.updatedMs < hub.now() - ROSTER_JOB_STALE_MS;
    return stale ? { ...job, state: 'failed', error: STALE_JOB_ERROR, finishedMs: hub.now() } : job;
  };
  /**
   * The job's cards, in issue order, from `from` to `to` of that order; only those still handed out
   * (in force or not yet valid): a card revoked (Art. 34), replaced or expired since is left out, as
   * the one-card downloads refuse it.
   */
  const jobCards = async (id: string, from = 0, to = Number.MAX_SAFE_INTEGER): Promise<StoredCard[]> => {
    await liveJob(hub.store, id);
    const cards: StoredCard[] = [];
    const nowSec = hub.nowSec();
    const subs = (await hub.store.rosterJobs.cards(id)).slice(from, to);
    // One read for the part (up to the 5,000 cards of a QR zip), kept in the job's issue order.
    const bySub = new Map((await hub.store.cards.getMany(subs)).map((c) => [c.sub, c]));
    for (const sub of subs) {
      const card = bySub.get(sub);
      if (card === undefined) continue;
      const status = cardStatus(card, nowSec);
      if (status !== 'revoked' && status !== 'expired') cards.push(card);
    }
    return cards;
  };
  const checked = async (upload: z.infer<typeof rosterUploadRequestSchema>): Promise<CheckedRoster> => {
    try {
      return await checkRosterUpload(hub, upload);
    } catch (error) {
      if (error instanceof RosterUnreadable) throw new ConsoleRefusal(error.tooLarge ? 413 : 400, error.tooLarge ? 'ROSTER_TOO_LARGE' : 'ROSTER_INVALID', error.message);
      throw error;
    }
  };

  consoleRoute(app, ctx, {
    method: 'POST',
    path: '/cards/roster/preview',
    action: 'cards.roster.preview',
    roles: WRITERS,
    selfContained: true,
    bodyLimit: UPLOAD_BODY_LIMIT,
    body: rosterUploadRequestSchema,
    handle: async ({ body }) => {
      const result = preview(await checked(body));
      return { body: result, target: `roster:${body.format}`, outcome: `lines:${result.lines.length},problems:${result.problems.length}` };
    },
  });

  consoleRoute(app, ctx, {
    method: 'POST',
    path: '/cards/roster/import',
    action: 'cards.roster.import',
    roles: WRITERS,
    selfContained: true,
    bodyLimit: UPLOAD_BODY_LIMIT,
    body: rosterUploadRequestSchema,
    handle: async ({ body, staff }) => {
      const roster = await checked(body);
      const first = roster.problems[0];
      if (first !== undefined) {
        throw new ConsoleRefusal(400, 'ROSTER_INVALID', `${roster.problems.length} line(s) cannot be issued, nothing was issued (line ${first.line}: ${first.message}): preview the roster`);
      }
      const id = randomUUID();
      const nowMs = hub.now();
      // The uploaded file's name is not kept (PIPL): it may hold an ID number in a form no filter knows
      // (spaced, full-width, a passport's). The job is named by its id and size; body.fileName is ignored.
      const name = `roster ${id.slice(0, 8)}, ${roster.holders.length} line(s)`;
      await hub.store.rosterJobs.create({ id, staffId: staff.id, fileName: name, total: roster.holders.length, createdMs: nowMs });
      void runRosterJob(hub, id, roster.holders);
      const job = await hub.store.rosterJobs.get(id);
      return { body: job === undefined ? null : rosterJobView(job), status: 202, target: `roster:${id}`, outcome: `lines:${roster.holders.length}` };
    },
  });

  consoleRoute(app, ctx, {
    method: 'GET',
    path: '/cards/roster/jobs',
    action: 'cards.roster.jobs',
    roles: READERS,
    handle: async ({ tx }) => {
      await hub.store.rosterJobs.failStale(hub.now() - ROSTER_JOB_STALE_MS, STALE_JOB_ERROR, hub.now());
      return { body: { jobs: (await tx.rosterJobs.list(JOBS_LISTED)).map(rosterJobView) } };
    },
  });

  consoleRoute(app, ctx, {
    method: 'GET',
    path: '/cards/roster/jobs/:id',
    action: 'cards.roster.job',
    roles: READERS,
    params: jobParams,
    targetOf: byId,
    handle: async ({ tx, params }) => ({ body: rosterJobView(await liveJob(tx, params.id)) }),
  });

  consoleRoute(app, ctx, {
    method: 'GET',
    path: '/cards/roster/jobs/:id/sheet.pdf',
    action: 'cards.download.sheet',
    roles: HANDERS_OUT,
    params: jobParams,
    targetOf: byId,
    query: sheetPartQuerySchema,
    logRead: true,
    selfContained: true,
    handle: async ({ params, query, reply }) => {
      // A sheet is drawn in one go on the hub's thread: a long roster is printed part by part.
      // Parts are cut from the job's order, so a card revoked since leaves its part one card shorter, never shifts the others.
      const issued = await hub.store.rosterJobs.cards(params.id);
      if ((query.part - 1) * SHEET_PART_CARDS >= issued.length) throw new ConsoleRefusal(404, 'NOT_FOUND', `roster import ${params.id} has no sheet part ${query.part}`);
      const cards = await jobCards(params.id, (query.part - 1) * SHEET_PART_CARDS, query.part * SHEET_PART_CARDS);
      if (cards.length === 0) throw new ConsoleRefusal(409, 'CARD_NOT_IN_FORCE', `no card of sheet part ${query.part} of roster import ${params.id} is in force: nothing of it is handed out`);
      return sheetDownload(cards, font, hub.settings.demo, `roster-${params.id}-${query.part}.pdf`, reply, `${byId(params)} part ${query.part}`);
    },
  });

  consoleRoute(app, ctx, {
    method: 'GET',
    path: '/cards/roster/jobs/:id/qr.zip',
    action: 'cards.download.qr',
    roles: HANDERS_OUT,
    params: jobParams,
    targetOf: byId,
    logRead: true,
    selfContained: true,
    handle: async ({ params, reply }) => qrZipDownload(await jobCards(params.id), `roster-${params.id}-qr.zip`, reply, byId(params)),
  });

  consoleRoute(app, ctx, {
    method: 'GET',
    path: '/cards/roster/jobs/:id/tokens.txt',
    action: 'cards.download.token',
    roles: HANDERS_OUT,
    params: jobParams,
    targetOf: byId,
    logRead: true,
    selfContained: true,
    handle: async ({ params, reply }) => tokensDownload(await jobCards(params.id), `roster-${params.id}-tokens.txt`, reply, byId(params)),
  });
}
