import type { z } from 'zod';
import {
  BUREAU_ISS,
  MAX_RULES_STEP,
  keyMaySign,
  revocationsPayloadSchema,
  rulesPayloadSchema,
  trustFileSchema,
  trustPayloadSchema,
  type KeyUse,
  type TrustedIssuer,
} from '../../../shared/bundles/bundle-schemas.js';
import { revocationStepProblem, stepProblem, type StepProblem } from '../../../shared/bundles/bundle-steps.js';
import { DEFAULT_RULES_VERSION } from '../../../shared/rules/default-rules.js';
import { err, ok, type Result } from '../../../shared/result.js';
import { fieldText, parseCompactJwt } from '../../../shared/token/compact-jwt.js';
import { es256SignatureValid } from '../../../node/crypto/es256-verify.js';
import type { TerminalStores } from '../terminal-stores.js';
import type { ImportError, ImportErrorCode, ImportOutcome } from './import-errors.js';
import { applyResets, heldTrustList, resetFloor } from './trust-resets.js';

/** Largest file `import` reads: a full list of a few hundred thousand cards fits well inside. */
export const MAX_BUNDLE_BYTES = 64 * 1024 * 1024;

const refuse = (code: ImportErrorCode, message: string): Result<never, ImportError> => err({ code, message });

function describe(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'invalid';
}

/**
 * Imports a trust file or a signed bundle, detected by content (§5, §7). Checks run
 * before anything is written, and the changes of one import commit together or not at all.
 */
export function importBundle(text: string, stores: TerminalStores, nowMs: number): Result<ImportOutcome, ImportError> {
  if (text.length > MAX_BUNDLE_BYTES) return refuse('TOO_LARGE', 'file too large');
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) return importTrustFile(trimmed, stores, nowMs);
  return importSignedBundle(trimmed, stores, nowMs);
}

function importTrustFile(text: string, stores: TerminalStores, nowMs: number): Result<ImportOutcome, ImportError> {
  if (stores.trust.isProvisioned()) {
    return refuse('TRUST_FILE_REFUSED', 'a plain trust file is accepted only before any issuer is trusted; send a signed jinka/trust bundle');
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return refuse('NOT_A_BUNDLE', 'not JSON and not a signed bundle');
  }
  const parsed = trustFileSchema.safeParse(json);
  if (!parsed.success) return refuse('INVALID', `trust file: ${describe(parsed.error)}`);
  const { issuers, version = 0 } = parsed.data;
  // Kept as the trust version held, so the next signed trust bundle taken is version + 1 (§5) and
  // so a reset the file already carries is not applied again by the next version.
  return replaceTrust(issuers, stores, nowMs, () => {
    stores.bundles.put('jinka/trust', { version, iatMs: nowMs, importedMs: nowMs, body: JSON.stringify(issuers) });
  }, { kind: 'trust-file', issuers: issuers.map((i) => i.iss) });
}

function replaceTrust(
  issuers: TrustedIssuer[],
  stores: TerminalStores,
  nowMs: number,
  more: () => void,
  outcome: ImportOutcome,
): Result<ImportOutcome, ImportError> {
  try {
    stores.transaction(() => {
      stores.trust.replaceAll(issuers);
      more();
      stores.audit.append('import', nowMs, outcome);
    });
  } catch (e) {
    return refuse('INVALID', `trust list: ${e instanceof Error ? e.message : String(e)}`);
  }
  stores.trust.reload();
  return ok(outcome);
}

function importSignedBundle(text: string, stores: TerminalStores, nowMs: number): Result<ImportOutcome, ImportError> {
  const jwt = parseCompactJwt(text, MAX_BUNDLE_BYTES);
  if (jwt === undefined) return refuse('NOT_A_BUNDLE', 'neither a trust file (JSON) nor a signed bundle (JWT)');
  if (jwt.header.alg !== 'ES256') return refuse('UNSUPPORTED_ALG', 'bundles must be signed with ES256');
  const { iss, typ } = jwt.payload;
  if (typeof iss !== 'string' || !stores.trust.hasIssuer(iss)) return refuse('UNKNOWN_ISSUER', `issuer ${fieldText(iss)} is not trusted`);
  const { kid } = jwt.header;
  if (typeof kid !== 'string' || !stores.trust.hasKid(iss, kid)) return refuse('UNKNOWN_KEY', `issuer ${iss} has no key ${fieldText(kid)}`);
  const use = typeof typ === 'string' ? USE_BY_TYPE.get(typ) : undefined;
  if (use === undefined) return refuse('UNKNOWN_TYPE', `unknown bundle typ ${fieldText(typ)}`);
  // §5 "Key usage": a key kept only for cards already issued signs no list, rules or trust.
  const key = stores.trust.key(iss, kid, use);
  if (key === undefined) return refuse('WRONG_KEY_USE', `key ${kid} of ${iss} may not sign ${fieldText(typ)}`);
  if (!es256SignatureValid(text, key)) return refuse('BAD_SIGNATURE', 'the bundle signature does not verify');
  switch (typ) {
    case 'jinka/revocations':
      return importRevocations(jwt.payload, stores, nowMs);
    case 'jinka/rules':
      return importRules(jwt.payload, stores, nowMs);
    case 'jinka/trust':
      return importTrust(jwt.payload, stores, nowMs);
    default:
      return refuse('UNKNOWN_TYPE', `unknown bundle typ ${fieldText(typ)}`);
  }
}

/** The usage a bundle's signing key needs (§5). */
const USE_BY_TYPE = new Map<string, KeyUse>([
  ['jinka/revocations', 'list'],
  ['jinka/rules', 'list'],
  ['jinka/trust', 'trust'],
]);

/** A step problem (shared/bundles/bundle-steps.ts, the rule the hub's relay applies too) as an import refusal. */
const stepRefusal = (problem: StepProblem | undefined): Result<never, ImportError> | undefined =>
  problem === undefined ? undefined : refuse(problem.code, problem.message);

function importRevocations(payload: unknown, stores: TerminalStores, nowMs: number): Result<ImportOutcome, ImportError> {
  const parsed = revocationsPayloadSchema.safeParse(payload);
  if (!parsed.success) return refuse('INVALID', `revocations: ${describe(parsed.error)}`);
  const bundle = parsed.data;
  const held = stores.revocations.list(bundle.iss)?.seq ?? 0;
  // After a reset the held sequence is 0 and the list is taken from `revocations_from` on.
  const step = stepRefusal(revocationStepProblem(bundle, held, resetFloor(stores, bundle.iss, 'revocations_from')));
  if (step !== undefined) return step;
  const outcome: ImportOutcome = { kind: 'revocations', iss: bundle.iss, seq: bundle.seq, base: bundle.base, added: bundle.revoked.length };
  stores.transaction(() => {
    stores.revocations.apply(bundle, nowMs);
    stores.meta.noteSeen(bundle.iat * 1000);
    stores.audit.append('import', nowMs, outcome);
  });
  return ok(outcome);
}

function importRules(payload: unknown, stores: TerminalStores, nowMs: number): Result<ImportOutcome, ImportError> {
  if ((payload as { iss?: unknown }).iss !== BUREAU_ISS) return refuse('NOT_BUREAU', `only ${BUREAU_ISS} signs rules`);
  const parsed = rulesPayloadSchema.safeParse(payload);
  if (!parsed.success) return refuse('INVALID', `rules: ${describe(parsed.error)}`);
  const held = stores.bundles.get('jinka/rules')?.version ?? DEFAULT_RULES_VERSION;
  const lower = Math.max(held, resetFloor(stores, BUREAU_ISS, 'rules_from'));
  const step = stepRefusal(stepProblem('rules version', parsed.data.version, lower, MAX_RULES_STEP));
  if (step !== undefined) return step;
  const outcome: ImportOutcome = { kind: 'rules', version: parsed.data.version };
  stores.transaction(() => {
    stores.bundles.put('jinka/rules', {
      version: parsed.data.version,
      iatMs: parsed.data.iat * 1000,
      importedMs: nowMs,
      body: JSON.stringify(parsed.data.rules),
    });
    stores.meta.noteSeen(parsed.data.iat * 1000);
    stores.audit.append('import', nowMs, outcome);
  });
  return ok(outcome);
}

function importTrust(payload: unknown, stores: TerminalStores, nowMs: number): Result<ImportOutcome, ImportError> {
  if ((payload as { iss?: unknown }).iss !== BUREAU_ISS) return refuse('NOT_BUREAU', `only ${BUREAU_ISS} signs the trust list`);
  const parsed = trustPayloadSchema.safeParse(payload);
  if (!parsed.success) return refuse('INVALID', `trust: ${describe(parsed.error)}`);
  const bundle = parsed.data;
  const bureau = bundle.issuers.find((i) => i.iss === BUREAU_ISS);
  if (bureau === undefined || !bureau.keys.some((k) => keyMaySign(k, 'trust'))) {
    return refuse('NO_BUREAU_KEY', `a trust list without a ${BUREAU_ISS} key that may sign trust would leave the terminal unable to take updates`);
  }
  // §5: trust versions move by exactly one; the hub hands a terminal the whole chain, oldest first.
  const held = stores.bundles.get('jinka/trust')?.version ?? 0;
  const step = stepRefusal(stepProblem('trust version', bundle.version, held, 1));
  if (step !== undefined) return step;
  const previous = heldTrustList(stores);
  const outcome: ImportOutcome = { kind: 'trust', version: bundle.version, issuers: bundle.issuers.map((i) => i.iss) };
  return replaceTrust(bundle.issuers, stores, nowMs, () => {
    applyResets(stores, previous, bundle.issuers);
    stores.bundles.put('jinka/trust', { version: bundle.version, iatMs: bundle.iat * 1000, importedMs: nowMs, body: JSON.stringify(bundle.issuers) });
    stores.meta.noteSeen(bundle.iat * 1000);
  }, outcome);
}
