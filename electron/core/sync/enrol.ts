import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { reconcileWithHubClock } from '../clock-guard.js';
import { err, ok, type Result } from '../../../shared/result.js';
import type { PublicJwk } from '../../../shared/bundles/bundle-schemas.js';
import { CODE_REFUSALS, type CodeRefusal, type EnrolQrProblem, type TrustCheckProblem } from '../../../shared/sync/enrol-qr.js';
import { enrolRequestSchema, type EnrolRequest } from '../../../shared/sync/sync-protocol.js';
import { storesOf, type Terminal } from '../terminal.js';
import { saveTerminalSettings } from '../terminal-settings.js';
import type { Enrolment } from '../store/sync-store.js';
import { HubClient, type HubError, type HubReply } from './hub-client.js';
import { checkHubUrl, isLoopbackHost } from './hub-url.js';
import { createTerminalKey, dataDirOf } from './terminal-key.js';

/** What the operator types at enrolment; the terminal id defaults to the one enrolled before, then the counter settings'. */
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

export type { CodeRefusal };

/**
 * Why enrolment failed, as a code and its parameters (nothing is changed at the terminal
 * then); the command line and the settings screen word it. `code` is the broad class,
 * `reason` the case; `detail` is text from below (the URL check, the schema, the hub).
 * The QR's own: `BAD_QR` (not an enrolment QR), `TRUST_REFUSED` (the hub's trust list is not
 * signed by the key the QR names), `TRUST_NOT_HELD` (this terminal already trusts a bureau
 * without that key), `TRUST_NOT_PINNED` (the hub took the code but the list could not be kept).
 */
export type EnrolError =
  | { code: 'ALREADY_ENROLLED'; reason: 'ALREADY_ENROLLED'; terminalId: string; hubUrl: string }
  | { code: 'INVALID_INPUT'; reason: 'BAD_HUB_URL'; detail: string }
  | { code: 'INVALID_INPUT'; reason: 'SERVICE_REQUIRED' }
  | { code: 'INVALID_INPUT'; reason: 'UNKNOWN_SERVICE'; service: string }
  | { code: 'INVALID_INPUT'; reason: 'INVALID_FIELD'; field: string; detail: string }
  | { code: 'INVALID_INPUT'; reason: 'BAD_QR'; problem: EnrolQrProblem }
  | { code: 'INSECURE_HTTP'; reason: 'INSECURE_HTTP'; host: string }
  | { code: 'HUB'; reason: 'HUB'; hub: HubError }
  | { code: 'HUB'; reason: 'CODE_REFUSED'; refusal: CodeRefusal; hub: HubError }
  | { code: 'TRUST'; reason: 'TRUST_REFUSED'; problem: TrustCheckProblem }
  | { code: 'TRUST'; reason: 'TRUST_NOT_HELD' }
  | { code: 'TRUST'; reason: 'TRUST_NOT_PINNED'; detail: string };

/** A hub's refusal as an enrolment error: the code's fault by name (wrong, used, expired, another service), else the hub's words. */
export function hubRefusal(hub: HubError): EnrolError {
  const hubCode = hub.notice.code === 'HUB_REFUSED' ? hub.notice.hubCode : null;
  const refusal = CODE_REFUSALS.find((r) => r === hubCode);
  return refusal === undefined ? { code: 'HUB', reason: 'HUB', hub } : { code: 'HUB', reason: 'CODE_REFUSED', refusal, hub };
}

/** The host of a URL already checked to parse. */
const hostOf = (url: string): string => new URL(url).host;

// The counter UI keeps its identity under settings key 'terminal'; reuse it as the default.
const counterIdentity = z.object({
  terminalId: z.string().optional(),
  siteName: z.string().optional(),
});

/** What both ways of enrolling check before anything is sent: not enrolled yet (or `force`), and a hub URL this terminal may use. */
export function checkEnrolTarget(terminal: Terminal | undefined, hubUrl: string, options: { force?: boolean | undefined; insecureHttp?: boolean | undefined }): Result<{ insecureHttp?: true }, EnrolError> {
  const held = terminal === undefined ? undefined : storesOf(terminal).sync.enrolment();
  if (held !== undefined && options.force !== true) {
    return err({ code: 'ALREADY_ENROLLED', reason: 'ALREADY_ENROLLED', terminalId: held.terminalId, hubUrl: held.hubUrl });
  }
  const url = checkHubUrl(hubUrl, options.insecureHttp === true);
  if (!url.ok) {
    return err(url.error.code === 'INSECURE_HTTP' ? { code: 'INSECURE_HTTP', reason: 'INSECURE_HTTP', host: hostOf(hubUrl) } : { code: 'INVALID_INPUT', reason: 'BAD_HUB_URL', detail: url.error.message });
  }
  // Kept only when it matters, so a later round to this hub honours the choice and nothing else.
  return ok(url.value.protocol === 'http:' && !isLoopbackHost(url.value) ? { insecureHttp: true } : {});
}

/** The terminal id to enrol as: the one given, else the one enrolled before, else the counter's, else a random `T-…`. */
export function enrolTerminalId(terminal: Terminal | undefined, given: string | undefined): string {
  const stores = terminal === undefined ? undefined : storesOf(terminal);
  const counter = counterIdentity.safeParse(stores?.counterSettings.read());
  return given ?? stores?.sync.enrolment()?.terminalId ?? (counter.success ? counter.data.terminalId : undefined) ?? `T-${randomBytes(4).toString('hex')}`;
}

/** The enrolment request's identity fields, checked; a field out of bounds is INVALID_FIELD. */
export function enrolIdentity(fields: { code: string; terminalId: string; site?: string | undefined; service?: string | undefined }): Result<Omit<EnrolRequest, 'publicJwk'>, EnrolError> {
  const identity = enrolRequestSchema.omit({ publicJwk: true }).safeParse({ ...fields, code: fields.code.trim() });
  if (identity.success) return ok(identity.data);
  const issue = identity.error.issues[0];
  return err({ code: 'INVALID_INPUT', reason: 'INVALID_FIELD', field: issue?.path.join('.') ?? '', detail: issue?.message ?? 'invalid' });
}

/**
 * Keeps an enrolment the hub accepted (the terminal's key already in its folder): the
 * enrolment and the hub's clock in one transaction, audited; the clock guard told.
 */
export function keepEnrolment(terminal: Terminal, enrolment: Enrolment, publicJwk: PublicJwk, reply: HubReply<{ hubTime: number }>): void {
  const stores = storesOf(terminal);
  const hubClock = { offsetMs: reply.value.hubTime - reply.localMs, hubTimeMs: reply.value.hubTime, localMs: reply.localMs };
  const { hubUrl, terminalId, site, service } = enrolment;
  stores.transaction(() => {
    stores.sync.setEnrolment(enrolment);
    stores.sync.setHubClock(hubClock);
    // Enrolment changes who this terminal is to the bureau: audit it like any setting.
    stores.audit.append('settings', terminal.now(), { enrolment: { hubUrl, terminalId, site, service, kid: publicJwk.kid, x: publicJwk.x, ...(enrolment.insecureHttp === true && { insecureHttp: true }) } });
  });
  // The hub's clock is now the better reference for the clock guard (§6 CLOCK_SUSPECT).
  reconcileWithHubClock(terminal, hubClock);
}

/**
 * Enrols this terminal at the hub (POST /v1/enrol): it makes its own ES256 key pair,
 * keeps the private key in its data folder (mode 0600) and sends only the public key
 * with its terminal id and the bureau's one-time code. The code binds the site and the
 * service: a `service` given is sent and must be the code's (the hub refuses another,
 * WRONG_PLACE, and the code stays unused); none given takes the code's, from the answer.
 */
export async function enrolTerminal(terminal: Terminal, input: EnrolInput): Promise<Result<Enrolment, EnrolError>> {
  const stores = storesOf(terminal);
  const target = checkEnrolTarget(terminal, input.hubUrl, input);
  if (!target.ok) return target;
  const hubUrl = input.hubUrl;
  const { service } = input;
  if (service !== undefined && terminal.rules().service(service) === undefined) return err({ code: 'INVALID_INPUT', reason: 'UNKNOWN_SERVICE', service });
  const identity = enrolIdentity({ code: input.code, terminalId: enrolTerminalId(terminal, input.terminalId), site: input.site, service });
  if (!identity.ok) return identity;
  const key = createTerminalKey(dataDirOf(stores), identity.value.terminalId);
  const client = new HubClient({ baseUrl: hubUrl, clock: () => terminal.now(), hubOffsetMs: () => 0, fetch: input.fetch, allowInsecureHttp: input.insecureHttp === true });
  const reply = await client.enrol({ ...identity.value, publicJwk: key.publicJwk });
  if (!reply.ok) {
    key.discard();
    return err(hubRefusal(reply.error));
  }
  const answer = reply.value.value;
  // A hub of before this version answers no place; it was sent one (it refuses a request without).
  const placed = { site: answer.site ?? input.site, service: answer.service ?? service };
  if (placed.service === undefined) {
    key.discard();
    return err({ code: 'INVALID_INPUT', reason: 'SERVICE_REQUIRED' });
  }
  const counter = counterIdentity.safeParse(stores.counterSettings.read());
  const site = placed.site ?? (counter.success ? counter.data.siteName : undefined) ?? hostname();
  const enrolment: Enrolment = { hubUrl, terminalId: answer.terminalId, site, service: placed.service, enrolledMs: terminal.now(), ...target.value };
  key.commit();
  keepEnrolment(terminal, enrolment, key.publicJwk, reply.value);
  placeCounter(terminal, enrolment);
  return ok(enrolment);
}

/**
 * The counter takes its identity from the enrolment: it verifies for the service it is
 * enrolled for (it could record no other: NOT_ENROLLED_SERVICE), under the bureau's name for
 * the site. A service the rules in force do not list yet (new in the hub's rules, taken at the
 * next round) leaves the counter's service as it was until the supervisor chooses it.
 */
export function placeCounter(terminal: Terminal, enrolment: Enrolment): void {
  const known = terminal.rules().service(enrolment.service) !== undefined;
  saveTerminalSettings(terminal, { terminalId: enrolment.terminalId, siteName: enrolment.site, ...(known && { service: enrolment.service }) });
}
