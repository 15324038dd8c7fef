import { keyMaySign } from '../../../shared/bundles/bundle-schemas.js';
import { err, ok, type Result } from '../../../shared/result.js';
import { parseEnrolQr } from '../../../shared/sync/enrol-qr.js';
import { heldTrustList } from '../bundles/trust-resets.js';
import type { Enrolment } from '../store/sync-store.js';
import { storesOf, type Terminal } from '../terminal.js';
import { trustProvisioned } from '../terminal-reports.js';
import { checkEnrolTarget, enrolIdentity, enrolTerminalId, hubRefusal, keepEnrolment, placeCounter, type EnrolError } from './enrol.js';
import { bureauKeyWithThumbprint, checkEnrolAck, checkTrustChain, type CheckedTrust } from './enrol-trust.js';
import { jwkThumbprint } from '../../../node/crypto/jwk-thumbprint.js';
import { HubClient } from './hub-client.js';
import { checkHubUrl, isLoopbackHost } from './hub-url.js';
import { runSyncRound } from './sync-round.js';
import { newTerminalKey } from './terminal-key.js';

/**
 * Where the terminal enrolling by QR is: open already (`terminal`), or none yet, made by
 * `create` only once the hub has accepted the code. Enrolling by QR provisions trust as
 * `jinka init --trust` does, so it may create the data folder (DESIGN.md §7: first
 * provisioning); a refusal leaves no folder behind.
 */
export interface QrEnrolPlace {
  terminal: Terminal | undefined;
  create(): Terminal;
}

/** What enrolling by QR takes besides the QR text; site and service come from the code. */
export interface QrEnrolInput {
  qr: string;
  terminalId?: string | undefined;
  /** A service the supervisor expects: sent, and the hub refuses the code if it is bound to another (the code stays unused). */
  service?: string | undefined;
  force?: boolean | undefined;
  insecureHttp?: boolean | undefined;
  fetch?: typeof fetch | undefined;
  /** The clock before a terminal exists (the terminal's own afterwards). */
  now?: (() => number) | undefined;
  /** How the first round is run (the counter's own sync loop); a plain round by default. */
  firstRound?: ((terminal: Terminal) => Promise<{ state: string }>) | undefined;
}

/** A terminal enrolled by QR: the enrolment, whether the trust list was pinned from the hub, and the first sync round. */
export interface QrEnrolled {
  enrolment: Enrolment;
  trustPinned: boolean;
  /** How the first sync round ended: `idle` is ready to verify. */
  round: { state: string };
}

/**
 * Checks the trust the QR names before any code is spent: a terminal that trusts nobody yet
 * fetches the hub's signed trust versions (GET /v1/enrol/trust) and takes the newest only when
 * the bureau key with the QR's thumbprint signed the first and may sign trust, each after
 * it follows as §5 has a held terminal take it, and the newest is not older than the QR's
 * `jinka_trust_min_version`; a terminal that already trusts a
 * bureau (USB provisioning) must hold that key for trust — a QR of another authority is refused.
 */
async function trustToPin(terminal: Terminal | undefined, client: HubClient, thumbprint: string, minVersion: number | undefined): Promise<Result<CheckedTrust | undefined, EnrolError>> {
  if (terminal !== undefined && trustProvisioned(terminal)) {
    const key = bureauKeyWithThumbprint(heldTrustList(storesOf(terminal)), thumbprint);
    return key !== undefined && keyMaySign(key, 'trust') ? ok(undefined) : err({ code: 'TRUST', reason: 'TRUST_NOT_HELD' });
  }
  const fetched = await client.enrolTrust(thumbprint);
  if (!fetched.ok) {
    // The hub says none of its trust versions is signed by that key: the same finding as checking them here.
    const { notice } = fetched.error;
    if (notice.code === 'HUB_REFUSED' && notice.hubCode === 'NO_TRUST_ANCHOR') return err({ code: 'TRUST', reason: 'TRUST_REFUSED', problem: 'NO_SUCH_KEY' });
    return err(hubRefusal(fetched.error));
  }
  const checked = checkTrustChain(fetched.value.value.chain, thumbprint, minVersion);
  return checked.ok ? ok(checked.value) : err({ code: 'TRUST', reason: 'TRUST_REFUSED', problem: checked.error });
}

/**
 * The hub's address to keep: the public URL the bureau's signed answer names (`jinka-hub serve
 * --public-url`), when it names one this terminal may use by the rules the QR's URL passed (plain
 * HTTP only to this machine unless `insecureHttp`) and it is no weaker than the QR's (https
 * stays https; another machine's address is not traded for a loopback one); else the QR's,
 * which the code was spent at.
 */
function publishedPlace(qrPlace: { hubUrl: string; insecureHttp?: true }, published: string | undefined, insecureHttp: boolean): { hubUrl: string; insecureHttp?: true } {
  if (published === undefined || published === qrPlace.hubUrl) return qrPlace;
  const url = checkHubUrl(published, insecureHttp);
  if (!url.ok) return qrPlace;
  // Never weaker than the QR: an https QR keeps https, and a QR naming another machine is not
  // traded for this machine's own address (whatever listens there would get the uploads).
  const printed = new URL(qrPlace.hubUrl);
  if (printed.protocol === 'https:' && url.value.protocol !== 'https:') return qrPlace;
  if (isLoopbackHost(url.value) && !isLoopbackHost(printed)) return qrPlace;
  return { hubUrl: published, ...(url.value.protocol === 'http:' && !isLoopbackHost(url.value) && { insecureHttp: true as const }) };
}

/**
 * One scan sets a terminal up (README "One scan to set up a terminal"): the QR is parsed, the
 * hub URL checked (plain HTTP only to this machine unless `insecureHttp`), the trust list
 * checked against the QR's thumbprint, the code spent at the hub with a fresh public key and
 * no site or service (the hub answers the code's), and only then is anything written: the
 * trust list pinned, the key and the enrolment kept, the counter's identity set to the
 * enrolment's, and one sync round run for the rules and lists. Every refusal before the hub
 * accepted the code changes nothing at all.
 */
export async function enrolByQr(place: QrEnrolPlace, input: QrEnrolInput): Promise<Result<QrEnrolled, EnrolError>> {
  const qr = parseEnrolQr(input.qr);
  if (!qr.ok) return err({ code: 'INVALID_INPUT', reason: 'BAD_QR', problem: qr.error });
  const { url: hubUrl, token: code, jinka_trust_key_thumbprint: thumbprint, jinka_trust_min_version: minVersion } = qr.value;
  const target = checkEnrolTarget(place.terminal, hubUrl, input);
  if (!target.ok) return target;
  const { service } = input;
  if (service !== undefined && place.terminal !== undefined && place.terminal.rules().service(service) === undefined) {
    return err({ code: 'INVALID_INPUT', reason: 'UNKNOWN_SERVICE', service });
  }
  const identity = enrolIdentity({ code, terminalId: enrolTerminalId(place.terminal, input.terminalId), service });
  if (!identity.ok) return identity;
  const clock = (): number => place.terminal?.now() ?? (input.now ?? Date.now)();
  const client = new HubClient({ baseUrl: hubUrl, clock, hubOffsetMs: () => 0, fetch: input.fetch, allowInsecureHttp: input.insecureHttp === true });
  const trust = await trustToPin(place.terminal, client, thumbprint, minVersion);
  if (!trust.ok) return trust;

  const key = newTerminalKey(identity.value.terminalId);
  // A terminal taking its trust from this hub asks for the signed answer, and needs it.
  const reply = await client.enrol({ ...identity.value, publicJwk: key.publicJwk, ...(trust.value !== undefined && { ack: true as const }) });
  if (!reply.ok) return err(hubRefusal(reply.error));
  const answer = reply.value.value;
  // This hub version names the code's place to a terminal that sent none.
  if (answer.site === undefined || answer.service === undefined) return err({ code: 'INVALID_INPUT', reason: 'SERVICE_REQUIRED' });
  let kept = { hubUrl, ...target.value };
  if (trust.value !== undefined) {
    const acked = checkEnrolAck(answer.ack, trust.value, { terminalId: identity.value.terminalId, jkt: jwkThumbprint(key.publicJwk), site: answer.site, service: answer.service });
    if (!acked.ok) return err({ code: 'TRUST', reason: 'TRUST_REFUSED', problem: acked.error });
    kept = publishedPlace(kept, acked.value.url, input.insecureHttp === true);
  }

  const terminal = place.terminal ?? place.create();
  if (trust.value !== undefined) {
    const pinned = terminal.importText(JSON.stringify({ issuers: trust.value.issuers, version: trust.value.version }));
    if (!pinned.ok) return err({ code: 'TRUST', reason: 'TRUST_NOT_PINNED', detail: pinned.error.message });
  }
  key.keep(terminal.dataDir());
  const enrolment: Enrolment = { ...kept, terminalId: identity.value.terminalId, site: answer.site, service: answer.service, enrolledMs: terminal.now() };
  keepEnrolment(terminal, enrolment, key.publicJwk, reply.value);
  const round = await (input.firstRound ?? ((t: Terminal) => runSyncRound(t, { fetch: input.fetch })))(terminal);
  // After the round: a service new in the hub's rules is known only then.
  placeCounter(terminal, enrolment);
  return ok({ enrolment, trustPinned: trust.value !== undefined, round });
}
