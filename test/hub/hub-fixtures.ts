import { join } from 'node:path';
import { afterEach } from 'vitest';
import { generateSigningKey, type SigningKey } from '../../node/crypto/keys.js';
import { signEs256 } from '../../node/crypto/jws-sign.js';
import { signRequestToken, type BoundRequest } from '../../electron/core/sync/terminal-signer.js';
import { Terminal } from '../../electron/core/terminal.js';
import { terminalStatus } from '../../electron/core/terminal-reports.js';
import type { AuditEntry, UploadBatch } from '../../shared/sync/sync-protocol.js';
import type { Hub } from '../../hub/hub.js';
import { initHub, type InitOptions } from '../../hub/hub-init.js';
import type { ScryptCost } from '../../hub/keys/sealed-secret.js';
import { issueCards } from '../../hub/issue/card-issuer.js';
import type { HolderRequest } from '../../hub/issue/roster.js';
import { bundlesSince } from '../../hub/publish/bundle-query.js';
import { trustFileText } from '../../hub/publish/versioned-bundles.js';
import type { StoredCard } from '../../hub/store/hub-store.js';
import { createEnrolCode, enrolTerminal } from '../../hub/terminals/enrolment.js';

/** Registers cleanups to run (newest first) after each test of the file; returns the function that adds one. */
export function cleanupAfterEach(): (cleanup: () => unknown) => void {
  const pending: (() => unknown)[] = [];
  afterEach(async () => {
    for (const cleanup of pending.splice(0).reverse()) await cleanup();
  });
  return (cleanup) => void pending.push(cleanup);
}

/** Passphrase of every test hub. */
export const PASSPHRASE = 'test-passphrase-1';

import { at, tempDir } from '../support/fixtures.js';
import { readStores } from '../support/stores.js';
import { testClock } from '../support/test-clock.js';

export { at, tempDir, testClock };
export type { TestClock } from '../support/test-clock.js';

/**
 * The scrypt cost test hubs seal their secrets with: the lowest sealSecret accepts (2^10, about
 * 1 ms instead of about 0.15 s per seal and unseal). Sealed texts record their cost, so a test hub
 * opens (in-process or in a `jinka-hub` process) like any other; the production cost is asserted in
 * test/hub/keys/sealed-secret.test.ts and test/hub/cli/hub-cli.test.ts.
 */
export const TEST_SEAL_COST: ScryptCost = { N: 2 ** 10, r: 8, p: 1 };

/** A fresh hub in a temporary folder, its secrets sealed at TEST_SEAL_COST unless `options.sealCost` says otherwise. */
export async function testHub(clock: () => number = testClock(), options: InitOptions = {}): Promise<{ hub: Hub; dir: string; dataDir: string; cleanup: () => Promise<void> }> {
  const { dir, cleanup } = tempDir();
  const dataDir = join(dir, 'hub');
  const hub = await initHub(dataDir, PASSPHRASE, { clock, sealCost: TEST_SEAL_COST, ...options });
  return {
    hub,
    dir,
    dataDir,
    cleanup: async () => {
      await hub.close();
      cleanup();
    },
  };
}

/** A made-up resident ID number with a correct check character. */
export function idNumber(serial: number): string {
  const body = `37150019800101${String(serial).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((s, w, i) => s + w * Number(body[i]), 0);
  return body + ('10X98765432'[sum % 11] as string);
}

/** A holder valid 2026-03-01 to 2031-02-28 (Shanghai). */
export function holder(line: number, name = '张三明', category = 2, extra: Partial<HolderRequest> = {}): HolderRequest {
  return { line, name, idNumber: idNumber(line), category, nbfMs: at('2026-03-01T00:00:00+08:00'), expMs: at('2031-03-01T00:00:00+08:00'), ...extra };
}

/** Issues cards and fails the test on a refusal. */
export async function issue(hub: Hub, holders: HolderRequest[]): Promise<StoredCard[]> {
  const result = await issueCards(hub, holders);
  if (!result.ok) throw new Error(result.error.map((e) => `${e.line}: ${e.message}`).join('; '));
  return result.value;
}

/** A real terminal core provisioned from the hub: the plain trust file, then every bundle the hub publishes. */
export async function terminalFromHub(hub: Hub, clock: () => number): Promise<{ terminal: Terminal; cleanup: () => void }> {
  const { dir, cleanup } = tempDir('jinka-terminal-');
  const terminal = Terminal.create(dir, clock);
  const trust = terminal.importText(await trustFileText(hub));
  if (!trust.ok) throw new Error(trust.error.message);
  const trustHeld = terminalStatus(terminal).trustVersion;
  for (const bundle of await bundlesSince(hub, { revocations: new Map(), rules: 0, trust: trustHeld })) {
    const r = terminal.importText(bundle);
    if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  }
  return {
    terminal,
    cleanup: () => {
      terminal.close();
      cleanup();
    },
  };
}

/** A terminal as the hub knows it: its own key, enrolled with a one-time code. */
export interface EnrolledTerminal {
  id: string;
  key: SigningKey;
  /** The `Authorization` header value for `request` made at `nowMs` (bound to it, good once). */
  auth(nowMs: number, request: BoundRequest): string;
  /** A signed upload batch. */
  batch(entries: AuditEntry[], nowMs: number): string;
}

/** Enrols a terminal at the hub (through the same code path as POST /v1/enrol). */
export async function enrol(hub: Hub, id: string, site: string, service = 'cinema'): Promise<EnrolledTerminal> {
  const { code } = await createEnrolCode(hub, { site, service });
  const key = generateSigningKey(id);
  const result = await enrolTerminal(hub, { code, terminalId: id, site, service, publicJwk: key.publicJwk });
  if (!result.ok) throw new Error(result.error.message);
  return {
    id,
    key,
    auth: (nowMs, request) => `Jinka-Terminal ${signRequestToken(id, key.privateKey, nowMs, request)}`,
    batch: (entries, nowMs) => {
      const batch: UploadBatch = { typ: 'jinka/audit-batch', terminal: id, iat: Math.floor(nowMs / 1000), entries };
      return signEs256({ ...batch }, key.privateKey, id);
    },
  };
}

/** The audit log of a real terminal, as it would upload it. */
export function auditEntries(terminal: Terminal, afterSeq = 0): AuditEntry[] {
  return readStores(terminal, ({ db }) =>
    db.prepare<[number], AuditEntry>('SELECT seq, at_ms, kind, body, prev_hash, hash FROM audit_log WHERE seq > ? ORDER BY seq').all(afterSeq),
  );
}

/** Verifies and records a use at a real terminal, answering its id; fails the test when it is not accepted. */
export function recordUse(terminal: Terminal, token: string, service: string, atMs: number, extra: { beneficiary?: string; ticket?: string } = {}): string {
  const verified = terminal.verify({ token, service, atMs, companions: {}, beneficiary: extra.beneficiary });
  if (verified.decision.decision !== 'accept') throw new Error(`not accepted: ${verified.decision.reasons.join(',')}`);
  const recorded = terminal.record(verified.id, { ticket: extra.ticket });
  if (!recorded.ok) throw new Error(`not recorded: ${recorded.error}`);
  return recorded.value.use.id;
}
