import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { reconcileWithHubClock } from '../clock-guard.js';
import { err, ok, type Result } from '../../../shared/result.js';
import { enrolRequestSchema } from '../../../shared/sync/sync-protocol.js';
import { storesOf, type Terminal } from '../terminal.js';
import type { Enrolment } from '../store/sync-store.js';
import { HubClient, type HubError } from './hub-client.js';
import { checkHubUrl, isLoopbackHost } from './hub-url.js';
import { createTerminalKey, dataDirOf } from './terminal-key.js';

/** What the operator types at enrolment; omitted identity fields come from the counter settings. */
export interface EnrolInput {
  hubUrl: string;
  code: string;
  terminalId?: string | undefined;
  site?: string | undefined;
  service?: string | undefined;
  /** Enrol again although enrolled (a new key pair; the old one is forgotten once the hub accepts). */
  force?: boolean | undefined;
  /** Allow plain HTTP to a hub off this machine (the supervisor's explicit choice, kept with the enrolment). */
  insecureHttp?: boolean | undefined;
  fetch?: typeof fetch | undefined;
}

/**
 * Why enrolment failed, as a code and its parameters (nothing is changed at the terminal
 * then); the command line and the settings screen word it. `code` is the broad class,
 * `reason` the case; `detail` is text from below (the URL check, the schema, the hub).
 */
export type EnrolError =
  | { code: 'ALREADY_ENROLLED'; reason: 'ALREADY_ENROLLED'; terminalId: string; hubUrl: string }
  | { code: 'INVALID_INPUT'; reason: 'BAD_HUB_URL'; detail: string }
  | { code: 'INVALID_INPUT'; reason: 'SERVICE_REQUIRED' }
  | { code: 'INVALID_INPUT'; reason: 'UNKNOWN_SERVICE'; service: string }
  | { code: 'INVALID_INPUT'; reason: 'INVALID_FIELD'; field: string; detail: string }
  | { code: 'INSECURE_HTTP'; reason: 'INSECURE_HTTP'; host: string }
  | { code: 'HUB'; reason: 'HUB'; hub: HubError };

/** The host of a URL already checked to parse. */
const hostOf = (url: string): string => new URL(url).host;

// The counter UI keeps its identity under settings key 'terminal'; reuse it as the default.
const counterIdentity = z.object({
  terminalId: z.string().optional(),
  siteName: z.string().optional(),
  service: z.string().optional(),
});

/**
 * Enrols this terminal at the hub (POST /v1/enrol): it makes its own ES256 key pair,
 * keeps the private key in its data folder (mode 0600) and sends only the public key
 * with its terminal id, site, service and the bureau's one-time code.
 */
export async function enrolTerminal(terminal: Terminal, input: EnrolInput): Promise<Result<Enrolment, EnrolError>> {
  const stores = storesOf(terminal);
  const held = stores.sync.enrolment();
  if (held !== undefined && input.force !== true) {
    return err({ code: 'ALREADY_ENROLLED', reason: 'ALREADY_ENROLLED', terminalId: held.terminalId, hubUrl: held.hubUrl });
  }
  const url = checkHubUrl(input.hubUrl, input.insecureHttp === true);
  if (!url.ok) {
    return err(url.error.code === 'INSECURE_HTTP' ? { code: 'INSECURE_HTTP', reason: 'INSECURE_HTTP', host: hostOf(input.hubUrl) } : { code: 'INVALID_INPUT', reason: 'BAD_HUB_URL', detail: url.error.message });
  }
  const hubUrl = input.hubUrl;
  // Kept only when it matters, so a later round to this hub honours the choice and nothing else.
  const insecureHttp = url.value.protocol === 'http:' && !isLoopbackHost(url.value) ? ({ insecureHttp: true } as const) : {};
  const counter = counterIdentity.safeParse(stores.counterSettings.read());
  const defaults = counter.success ? counter.data : {};
  const service = input.service ?? defaults.service;
  if (service === undefined) return err({ code: 'INVALID_INPUT', reason: 'SERVICE_REQUIRED' });
  if (terminal.rules().service(service) === undefined) return err({ code: 'INVALID_INPUT', reason: 'UNKNOWN_SERVICE', service });
  const terminalId = input.terminalId ?? held?.terminalId ?? defaults.terminalId ?? `T-${randomBytes(4).toString('hex')}`;
  const site = input.site ?? defaults.siteName ?? hostname();

  const identity = enrolRequestSchema.omit({ publicJwk: true }).safeParse({ code: input.code.trim(), terminalId, site, service });
  if (!identity.success) {
    const issue = identity.error.issues[0];
    return err({ code: 'INVALID_INPUT', reason: 'INVALID_FIELD', field: issue?.path.join('.') ?? '', detail: issue?.message ?? 'invalid' });
  }
  const key = createTerminalKey(dataDirOf(stores), terminalId);
  const client = new HubClient({ baseUrl: hubUrl, clock: () => terminal.now(), hubOffsetMs: () => 0, fetch: input.fetch, allowInsecureHttp: input.insecureHttp === true });
  const reply = await client.enrol({ ...identity.data, publicJwk: key.publicJwk });
  if (!reply.ok) {
    key.discard();
    return err({ code: 'HUB', reason: 'HUB', hub: reply.error });
  }
  const enrolment: Enrolment = { hubUrl, terminalId: reply.value.value.terminalId, site, service, enrolledMs: terminal.now(), ...insecureHttp };
  key.commit();
  const hubClock = { offsetMs: reply.value.value.hubTime - reply.value.localMs, hubTimeMs: reply.value.value.hubTime, localMs: reply.value.localMs };
  stores.transaction(() => {
    stores.sync.setEnrolment(enrolment);
    stores.sync.setHubClock(hubClock);
    // Enrolment changes who this terminal is to the bureau: audit it like any setting.
    stores.audit.append('settings', terminal.now(), { enrolment: { hubUrl: enrolment.hubUrl, terminalId: enrolment.terminalId, site, service, kid: key.publicJwk.kid, x: key.publicJwk.x, ...insecureHttp } });
  });
  // The hub's clock is now the better reference for the clock guard (§6 CLOCK_SUSPECT).
  reconcileWithHubClock(terminal, hubClock);
  return ok(enrolment);
}
