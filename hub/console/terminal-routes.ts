import type { FastifyInstance } from 'fastify';
import {
  createEnrolmentRequestSchema,
  disableTerminalRequestSchema,
  TERMINAL_PATHS,
  terminalIdParamsSchema,
  type CreateEnrolmentResponse,
} from '../../shared/console/terminal-api.js';
import { qrPng } from '../issue/card-files.js';
import { createEnrolCode, enrolQrFor, enrolTrust } from '../terminals/enrolment.js';
import { ConsoleRefusal, consoleRoute, type ConsoleContext } from './console-route.js';
import { terminalView } from './terminal-status.js';
import { withholdLongNumbers } from '../../shared/privacy/long-numbers.js';

/**
 * The hub URL an enrolment QR names: the hub's public URL from its configuration (`jinka-hub serve
 * --public-url`), never the request's Host header, which a caller (or a proxy passing it on)
 * chooses: a QR naming another host would enrol terminals to it.
 */
export function enrolHubUrl(ctx: ConsoleContext): string {
  if (ctx.publicUrl === undefined) {
    throw new ConsoleRefusal(409, 'PUBLIC_URL_UNSET', 'the hub was started without its public URL: an administrator restarts it with jinka-hub serve --public-url https://HOST[:PORT]');
  }
  return ctx.publicUrl;
}

/** Terminals: list (every role), create an enrolment and disable (admin, officer). */
export function registerTerminalRoutes(app: FastifyInstance, ctx: ConsoleContext): void {
  const { hub } = ctx;

  consoleRoute(app, ctx, {
    method: 'GET',
    path: TERMINAL_PATHS.list,
    action: 'terminal.list',
    roles: ['admin', 'officer', 'auditor'],
    handle: async ({ tx }) => {
      const nowMs = hub.now();
      const { rules } = await hub.rules();
      const flags = await tx.flags.openByTerminal();
      const terminals = (await tx.terminals.list()).map((t) => terminalView(t, { nowMs, listStaleHours: rules.sitePolicyDefaults.listStaleHours, openFlags: flags[t.id] }));
      return { body: { terminals, at: nowMs } };
    },
  });

  consoleRoute(app, ctx, {
    method: 'POST',
    path: TERMINAL_PATHS.enrol,
    action: 'terminal.enrol-code',
    roles: ['admin', 'officer'],
    body: createEnrolmentRequestSchema,
    // The code is made through the hub (it reads the rules in force), so the route runs outside a unit.
    selfContained: true,
    handle: async ({ body }) => {
      const hubUrl = enrolHubUrl(ctx);
      const { rules } = await hub.rules();
      if (!rules.services.some((s) => s.id === body.service)) throw new ConsoleRefusal(400, 'UNKNOWN_SERVICE', `the rules in force have no service "${body.service}"`);
      // Refuse before a code exists: a QR no terminal could pin from is no use.
      if ((await enrolTrust(hub)) === undefined) throw new ConsoleRefusal(409, 'NO_TRUST_ANCHOR', 'no trust version a new terminal could pin: provision terminals by USB (publish --out)');
      const made = await createEnrolCode(hub, body);
      const qr = await enrolQrFor(hub, hubUrl, made.code);
      const answer: CreateEnrolmentResponse = {
        code: made.code,
        site: made.site,
        service: made.service,
        expiresAt: made.expiresMs,
        hubUrl,
        qr,
        qrPng: `data:image/png;base64,${(await qrPng(qr)).toString('base64')}`,
      };
      // The log names the place, never the code (a code read from the log would enrol a terminal).
      return { body: answer, status: 201, target: `${made.site}/${made.service}` };
    },
  });

  consoleRoute(app, ctx, {
    method: 'POST',
    path: '/terminals/:id/disable',
    action: 'terminal.disable',
    roles: ['admin', 'officer'],
    params: terminalIdParamsSchema,
    body: disableTerminalRequestSchema,
    targetOf: (p) => p.id,
    // The rules are read through the hub, outside the unit the change runs in.
    prepare: async () => (await hub.rules()).rules.sitePolicyDefaults.listStaleHours,
    handle: async ({ tx, params, body, prepared: listStaleHours }) => {
      const terminal = await tx.terminals.get(params.id);
      if (terminal === undefined) throw new ConsoleRefusal(404, 'NOT_FOUND', `no terminal ${params.id}`);
      if (terminal.disabledMs !== null) throw new ConsoleRefusal(409, 'ALREADY_DISABLED', `terminal ${params.id} is disabled already`);
      const nowMs = hub.now();
      // Shown to every role and in the staff log: an ID number typed into it is withheld (PIPL).
      await tx.terminals.disable(params.id, withholdLongNumbers(body.reason), nowMs);
      const flags = await tx.flags.openByTerminal();
      const stored = (await tx.terminals.get(params.id)) ?? terminal;
      return { body: terminalView(stored, { nowMs, listStaleHours, openFlags: flags[params.id] }) };
    },
  });
}
