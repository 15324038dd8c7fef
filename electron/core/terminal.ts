import { randomUUID } from 'node:crypto';
import type { Decision, DecisionRequest, Evaluation } from '../../shared/decision/decision-types.js';
import { evaluateCard } from '../../shared/decision/evaluate-card.js';
import type { EvaluationPorts } from '../../shared/decision/evaluation-ports.js';
import { companionsExceeded } from '../../shared/decision/companions.js';
import { evaluateQuota } from '../../shared/decision/quota.js';
import { DEFAULT_RULES, DEFAULT_RULES_VERSION } from '../../shared/rules/default-rules.js';
import { ruleBook, type RuleBook } from '../../shared/rules/rules-lookup.js';
import { rulesSchema, type SitePolicy } from '../../shared/rules/rules-schema.js';
import type { Companions } from '../../shared/relations.js';
import type { UseEntryBody } from '../../shared/sync/use-entry-body.js';
import { err, ok, type Result } from '../../shared/result.js';
import { fieldOutOfBounds, InvalidFieldError } from '../../shared/request-fields.js';
import { importBundle } from './bundles/import-bundle.js';
import type { ImportError, ImportOutcome } from './bundles/import-errors.js';
import { es256SignatureValid } from '../../node/crypto/es256-verify.js';
import { TerminalStores } from './terminal-stores.js';
import { dataDirOf } from './sync/terminal-key.js';
import type { SitePolicyOverride } from './store/settings-store.js';
import type { StoredDecision } from './store/decision-store.js';
import type { UsageRecord } from './store/usage-store.js';

/**
 * Why a decision's use was not recorded. NOT_ENROLLED_SERVICE: the terminal is enrolled at the
 * hub for another service; REVOKED: a revocation list imported since the decision revokes the
 * card (Art. 34); DECISION_EXPIRED: the decision is older than DECISION_MAX_AGE_MS;
 * INVALID_FIELD: a ticket or companions out of their bounds (shared/request-fields.ts).
 */
export type RecordErrorCode =
  | 'UNKNOWN_DECISION'
  | 'NOT_ACCEPTED'
  | 'TICKET_REQUIRED'
  | 'COMPANIONS_EXCEEDED'
  | 'QUOTA_EXHAUSTED'
  | 'NOT_ENROLLED_SERVICE'
  | 'REVOKED'
  | 'DECISION_EXPIRED'
  | 'INVALID_FIELD';

/**
 * Longest time between a decision and the recording of its use (either way on this terminal's
 * clock): long enough for an operator to count companions and type a ticket, short enough that
 * an accept cannot be kept for later use, and equal to the default duplicate window.
 */
export const DECISION_MAX_AGE_MS = 10 * 60_000;

/** What may still be set when the use is confirmed; the API passes its optional fields through, undefined when not given. */
export interface RecordOptions {
  companions?: Companions | undefined;
  ticket?: string | undefined;
  /** Who confirmed the use at the counter; kept in the use's audit entry (and uploaded with it). */
  operator?: string;
}

/** The outcome of recording: the use, and whether it had been recorded before (a no-op). */
export interface RecordedUse {
  use: UsageRecord;
  alreadyRecorded: boolean;
}

/** A decision the terminal has kept, with the id that records its use. */
export interface VerifiedDecision {
  id: string;
  decision: Decision;
}

/** Set once, by the class below: the one way from a Terminal to its stores. */
let storesOfTerminal: (terminal: Terminal) => TerminalStores;

/**
 * The terminal core: decides on cards offline and records uses, on one SQLite file.
 * It never imports electron, so the CLI, tests and the browser bridge share it.
 * Its stores are its own: callers outside electron/core ask it, or the functions beside it
 * (terminal-reports.ts, operator-accounts.ts, terminal-settings.ts, use-void.ts, sync/), for
 * what they want (test/electron/core/terminal-facade.test.ts keeps it so).
 */
export class Terminal {
  static {
    storesOfTerminal = (terminal) => terminal.#stores;
  }

  private book: RuleBook;
  /**
   * Each recent decision's card exp (seconds), uploaded with its use so the hub can bound it
   * (the decision store keeps nbf only). Decisions are recordable for minutes, so a few are held;
   * after a restart a use goes without exp and the hub bounds it by nbf alone.
   */
  private readonly cardExp = new Map<string, number>();
  private readonly ports: Omit<EvaluationPorts, 'rules' | 'policy'>;
  /**
   * Runs a decision's reads in one deferred (read-only) transaction: one WAL read lock
   * and one snapshot for all of them, instead of one autocommit transaction per query.
   * This halves the SQLite cost of a decision; it writes nothing and blocks no writer.
   */
  private readonly inReadTransaction: (evaluate: () => Evaluation) => Evaluation;

  /** Private at run time too: a script that is not type-checked cannot reach them either. */
  readonly #stores: TerminalStores;

  private constructor(stores: TerminalStores, private readonly clock: () => number) {
    this.#stores = stores;
    this.book = this.loadRules();
    this.inReadTransaction = stores.db.transaction((evaluate: () => Evaluation) => evaluate());
    const { trust, revocations, meta } = stores;
    this.ports = {
      hasIssuer: (iss) => trust.hasIssuer(iss),
      // §5 "Key usage": a key that may not sign cards is, for a card, no key of the issuer.
      hasKey: (iss, kid) => trust.key(iss, kid, 'card') !== undefined,
      signatureValid: (token, iss, kid) => {
        const key = trust.key(iss, kid, 'card');
        return key !== undefined && es256SignatureValid(token, key);
      },
      isRevoked: (iss, sub) => revocations.isRevoked(iss, sub),
      revocationListIssuedAt: (iss) => revocations.list(iss)?.iatMs,
      countUses: (q) => stores.countUses(q),
      latestSeenMs: () => meta.latestSeenMs(),
    };
  }

  /**
   * Opens the terminal whose data lives in `dataDir`. It never creates one: a missing folder,
   * a missing or emptied database, a folder that is not a terminal's throw DataFolderError
   * (§7: only `init` and first provisioning create). `readOnly` writes nothing at all.
   */
  static open(dataDir: string, clock: () => number = Date.now, options: { readOnly?: boolean } = {}): Terminal {
    return new Terminal(TerminalStores.open(dataDir, { readOnly: options.readOnly === true }), clock);
  }

  /**
   * Creates a terminal in `dataDir` (folder 0700, database 0600), or opens the one already
   * there: `init`, first provisioning by a trust file, and the demo. A folder whose database
   * was lost (its terminal key, WAL file or an emptied database are still there) is refused.
   */
  static create(dataDir: string, clock: () => number = Date.now): Terminal {
    return new Terminal(TerminalStores.open(dataDir, { create: true }), clock);
  }

  close(): void {
    this.#stores.close();
  }

  /** The folder this terminal's data lives in (its database and its key). */
  dataDir(): string {
    return dataDirOf(this.#stores);
  }

  /** Wall clock of this terminal (UTC ms). */
  now(): number {
    return this.clock();
  }

  /** The rules in force: the latest signed rules bundle, else the built-in default. */
  rules(): RuleBook {
    return this.book;
  }

  /** Site policy in force: the rules' defaults with this site's settings on top. */
  policy(): SitePolicy {
    return this.#stores.settings.effectivePolicy(this.book.rules.sitePolicyDefaults);
  }

  /** Saves site-policy overrides (validated; audited). */
  setPolicy(override: SitePolicyOverride): void {
    this.#stores.transaction(() => {
      this.#stores.settings.setPolicyOverride({ ...this.#stores.settings.policyOverride(), ...override });
      this.#stores.audit.append('settings', this.clock(), { policy: override });
    });
  }

  private loadRules(): RuleBook {
    const held = this.#stores.bundles.get('jinka/rules');
    if (held === undefined) return ruleBook(DEFAULT_RULES, DEFAULT_RULES_VERSION);
    return ruleBook(rulesSchema.parse(JSON.parse(held.body)), held.version);
  }

  /** Decides without writing anything (§7 `verify` without `--record`). */
  decide(request: Omit<DecisionRequest, 'nowMs'>): Evaluation {
    const nowMs = this.clock();
    return this.inReadTransaction(() => evaluateCard({ ...request, nowMs }, { ...this.ports, rules: this.book, policy: this.policy() }));
  }

  /**
   * Decides and keeps the decision (history, audit) so that its use can be recorded once.
   * Throws InvalidFieldError, keeping nothing, for a service, beneficiary or companions out of bounds.
   */
  verify(request: Omit<DecisionRequest, 'nowMs'>): VerifiedDecision {
    const invalid = fieldOutOfBounds({ service: request.service, beneficiary: request.beneficiary, companions: request.companions });
    if (invalid !== undefined) throw new InvalidFieldError(invalid);
    const evaluation = this.decide(request);
    const stored: StoredDecision = {
      id: randomUUID(),
      atMs: request.atMs,
      realMs: this.clock(),
      decision: evaluation.decision,
      card: evaluation.claims && {
        iss: evaluation.claims.iss,
        sub: evaluation.claims.sub,
        tier: evaluation.claims.tier,
        nbfMs: evaluation.claims.nbf * 1000,
      },
      beneficiary: request.beneficiary ?? null,
      companions: request.companions,
    };
    if (evaluation.claims !== null) {
      this.cardExp.set(stored.id, evaluation.claims.exp);
      // The oldest first: far more than any counter has open at once.
      for (const id of this.cardExp.keys()) if (this.cardExp.size > 256) this.cardExp.delete(id);
    }
    this.#stores.transaction(() => {
      this.#stores.decisions.insert(stored);
      this.#stores.audit.append('decision', stored.realMs, { id: stored.id, at: stored.atMs, ...evaluation.decision });
    });
    return { id: stored.id, decision: evaluation.decision };
  }

  /**
   * Records the use an accepted decision allows, exactly once: recording the same
   * decision again returns the first use and writes nothing. Quota and companions are
   * checked again inside the write transaction, so two decisions made before either
   * was recorded cannot together overrun a quota.
   */
  record(decisionId: string, options: RecordOptions = {}): Result<RecordedUse, RecordErrorCode> {
    if (fieldOutOfBounds({ ticket: options.ticket, companions: options.companions }) !== undefined) return err('INVALID_FIELD');
    return this.#stores.transaction(() => {
      const existing = this.#stores.usage.forDecision(decisionId);
      if (existing !== undefined) return ok({ use: existing, alreadyRecorded: true });
      const stored = this.#stores.decisions.get(decisionId);
      if (stored === undefined) return err('UNKNOWN_DECISION');
      if (stored.decision.decision !== 'accept' || stored.card === null) return err('NOT_ACCEPTED');
      const service = this.book.service(stored.decision.service);
      if (service === undefined) return err('NOT_ACCEPTED');
      // The hub refuses uses of other services from an enrolled terminal; refuse them here first.
      const enrolledFor = this.#stores.sync.enrolment()?.service;
      if (enrolledFor !== undefined && enrolledFor !== service.id) return err('NOT_ENROLLED_SERVICE');
      if (Math.abs(this.clock() - stored.realMs) > DECISION_MAX_AGE_MS) return err('DECISION_EXPIRED');
      if (this.#stores.revocations.isRevoked(stored.card.iss, stored.card.sub)) return err('REVOKED');
      const companions = options.companions ?? stored.companions;
      if (companionsExceeded(this.book.rules, service, companions)) return err('COMPANIONS_EXCEEDED');
      const ticket = options.ticket?.trim() || null;
      if (service.requiresTicket && ticket === null) return err('TICKET_REQUIRED');
      const card = stored.card;
      if (service.quota !== undefined) {
        const beneficiary = service.quota.perBeneficiary ? (stored.beneficiary ?? '') : undefined;
        const state = evaluateQuota(service.quota, card.nbfMs, stored.atMs, (from, to) =>
          this.#stores.countUses({ iss: card.iss, sub: card.sub, service: service.id, beneficiary, from, to }),
        );
        if (state.ended || state.exhausted) return err('QUOTA_EXHAUSTED');
      }
      const realMs = this.clock();
      const exp = this.cardExp.get(decisionId);
      const use: UseEntryBody = {
        id: randomUUID(),
        decisionId,
        iss: card.iss,
        sub: card.sub,
        tier: card.tier,
        service: service.id,
        beneficiary: stored.beneficiary ?? '',
        atMs: stored.atMs,
        realMs,
        companions,
        ticket,
      };
      // The entry also carries the card's validity, so the hub can bound another issuer's card it never saw issued.
      const body: UseEntryBody = { ...use, nbf: Math.floor(card.nbfMs / 1000), ...(exp !== undefined && { exp }) };
      const audit = this.#stores.audit.append('use', realMs, options.operator === undefined ? body : { ...body, operator: options.operator });
      const seq = this.#stores.usage.insert({ ...use, auditSeq: audit.seq });
      this.#stores.meta.noteSeen(realMs);
      return ok({ use: { ...use, seq, auditSeq: audit.seq }, alreadyRecorded: false });
    });
  }

  /** Imports a trust file or a signed bundle (§5); a refusal changes nothing. */
  importText(text: string): Result<ImportOutcome, ImportError> {
    const result = importBundle(text, this.#stores, this.clock());
    // A trust version may reset the rules in force (after a leaked key was dropped), so reload on both.
    if (result.ok && (result.value.kind === 'rules' || result.value.kind === 'trust')) this.book = this.loadRules();
    return result;
  }
}

/**
 * The stores behind a terminal, for the core's own modules (electron/core/) only: everything
 * else goes through the Terminal and the functions beside it, and a test that checks a store
 * itself opens the store (TerminalStores.open) on the terminal's data folder.
 */
export function storesOf(terminal: Terminal): TerminalStores {
  return storesOfTerminal(terminal);
}
