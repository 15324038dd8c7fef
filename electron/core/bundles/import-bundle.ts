import type { z } from 'zod';
import {
  BUREAU_ISS,
  revocationsPayloadSchema,
  rulesPayloadSchema,
  trustFileSchema,
  trustPayloadSchema,
  type TrustedIssuer,
} from '../../../shared/bundles/bundle-schemas.js';
import { DEFAULT_RULES_VERSION } from '../../../shared/rules/default-rules.js';
import { err, ok, type Result } from '../../../shared/result.js';
import { parseCompactJwt } from '../../../shared/token/compact-jwt.js';
import { es256SignatureValid } from '../crypto/es256-verify.js';
import type { TerminalStores } from '../terminal-stores.js';
import type { ImportError, ImportErrorCode, ImportOutcome } from './import-errors.js';

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
  return replaceTrust(parsed.data.issuers, stores, nowMs, () => {}, { kind: 'trust-file', issuers: parsed.data.issuers.map((i) => i.iss) });
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
  if (typeof iss !== 'string' || !stores.trust.hasIssuer(iss)) return refuse('UNKNOWN_ISSUER', `issuer ${String(iss)} is not trusted`);
  const { kid } = jwt.header;
  const key = typeof kid === 'string' ? stores.trust.key(iss, kid) : undefined;
  if (key === undefined) return refuse('UNKNOWN_KEY', `issuer ${iss} has no key ${String(kid)}`);
  if (!es256SignatureValid(text, key)) return refuse('BAD_SIGNATURE', 'the bundle signature does not verify');
  switch (typ) {
    case 'jinka/revocations':
      return importRevocations(jwt.payload, stores, nowMs);
    case 'jinka/rules':
      return importRules(jwt.payload, stores, nowMs);
    case 'jinka/trust':
      return importTrust(jwt.payload, stores, nowMs);
    default:
      return refuse('UNKNOWN_TYPE', `unknown bundle typ ${JSON.stringify(typ)}`);
  }
}

function importRevocations(payload: unknown, stores: TerminalStores, nowMs: number): Result<ImportOutcome, ImportError> {
  const parsed = revocationsPayloadSchema.safeParse(payload);
  if (!parsed.success) return refuse('INVALID', `revocations: ${describe(parsed.error)}`);
  const bundle = parsed.data;
  const held = stores.revocations.list(bundle.iss)?.seq ?? 0;
  if (bundle.seq <= held) return refuse('REPLAY', `sequence ${bundle.seq} is not newer than the held ${held}`);
  if (bundle.base !== 0 && bundle.base !== held) {
    return refuse('GAP', `delta applies on top of sequence ${bundle.base}, but this terminal holds ${held}`);
  }
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
  if (parsed.data.version <= held) return refuse('REPLAY', `rules version ${parsed.data.version} is not newer than the held ${held}`);
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
  if (!bundle.issuers.some((i) => i.iss === BUREAU_ISS)) {
    return refuse('NO_BUREAU_KEY', `a trust list without ${BUREAU_ISS} would leave the terminal unable to take updates`);
  }
  const held = stores.bundles.get('jinka/trust')?.version ?? 0;
  if (bundle.version <= held) return refuse('REPLAY', `trust version ${bundle.version} is not newer than the held ${held}`);
  const outcome: ImportOutcome = { kind: 'trust', version: bundle.version, issuers: bundle.issuers.map((i) => i.iss) };
  return replaceTrust(bundle.issuers, stores, nowMs, () => {
    stores.bundles.put('jinka/trust', { version: bundle.version, iatMs: bundle.iat * 1000, importedMs: nowMs, body: JSON.stringify(bundle.issuers) });
    stores.meta.noteSeen(bundle.iat * 1000);
  }, outcome);
}
