import { parseArgs } from 'node:util';
import { checkRequest, type RequestErrorCode } from '../../../shared/decision/request-check.js';
import { parseInstant } from '../../../shared/time/shanghai-calendar.js';
import { assertNever } from '../../../shared/assert.js';
import { RELATION_TEXT } from '../../../shared/i18n/ui-text.js';
import { RELATIONS } from '../../../shared/relations.js';
import { recordAtRefusal } from '../../core/clock-guard.js';
import type { RecordErrorCode } from '../../core/terminal.js';
import { t, type CliContext } from '../cli-context.js';
import { CliError, EXIT } from '../cli-error.js';
import { formatDecision } from '../format-decision.js';
import { withTerminal } from '../open-terminal.js';
import { parseCompanions } from '../parse-companions.js';
import { MAX_TOKEN_INPUT_BYTES } from '../read-bounded.js';
import { BENEFICIARY_TEXT_MAX } from '../../../shared/beneficiary.js';
import { COMPANIONS_PER_RELATION_MAX, SERVICE_ID_MAX, TICKET_MAX } from '../../../shared/request-fields.js';

const OPTIONS = {
  service: { type: 'string' },
  at: { type: 'string' },
  companions: { type: 'string' },
  beneficiary: { type: 'string' },
  ticket: { type: 'string' },
  record: { type: 'boolean' },
  json: { type: 'boolean' },
  'data-dir': { type: 'string' },
} as const;

function requestErrorText(code: RequestErrorCode, service: string, known: readonly string[]): string {
  switch (code) {
    case 'UNKNOWN_SERVICE':
      return `unknown service "${service}" (services: ${known.join(', ')})`;
    case 'BENEFICIARY_REQUIRED':
      return `--beneficiary father|mother (父亲|母亲, the parent the claim is for) is required for ${service}`;
    case 'BENEFICIARY_MISPLACED':
      return `--beneficiary is only for eldercare, not ${service}`;
    // The value is never repeated: it may be an ID number (PIPL), which is neither kept nor sent.
    case 'BENEFICIARY_ID_NUMBER':
      return '--beneficiary takes father or mother (父亲|母亲), not an ID number; nothing was recorded (Art. 22)';
    case 'BENEFICIARY_NOT_A_PARENT':
      return '--beneficiary takes father or mother (父亲|母亲): the subsidy is for the holder\'s parents (Art. 22)';
    case 'TICKET_REQUIRED':
      return `--ticket (the same-day ticket number) is required to record a ${service} use`;
    default:
      return assertNever(code);
  }
}

function recordErrorText(code: RecordErrorCode): string {
  switch (code) {
    case 'UNKNOWN_DECISION':
    case 'NOT_ACCEPTED':
      return 'the decision cannot be recorded';
    case 'TICKET_REQUIRED':
      return '--ticket is required to record this use';
    case 'COMPANIONS_EXCEEDED':
      return 'too many companions';
    case 'QUOTA_EXHAUSTED':
      return 'another use was recorded meanwhile and the quota is now used up; scan again';
    case 'NOT_ENROLLED_SERVICE':
      return 'this terminal is enrolled at the hub for another service; nothing recorded';
    case 'REVOKED':
      return 'the card is revoked by a list imported after the decision; nothing recorded';
    case 'DECISION_EXPIRED':
      return 'the decision is too old to record; verify again';
    case 'INVALID_FIELD':
      return `--ticket takes at most ${TICKET_MAX} characters and companions ${COMPANIONS_PER_RELATION_MAX} of each relation; nothing was recorded`;
    default:
      return assertNever(code);
  }
}

/** §7: an enrolled terminal records a real use at the real time; `--at` may only move it within the clock tolerance. */
function recordAtRefusalText(refused: { offsetMs: number; toleranceMs: number }): string {
  const seconds = Math.round(Math.abs(refused.offsetMs) / 1000);
  const distance = seconds >= 120 ? `${Math.round(seconds / 60)} min` : `${seconds} s`;
  return `--at is ${distance} ${refused.offsetMs > 0 ? 'ahead of' : 'behind'} the real clock; this terminal is enrolled at a hub, so --record takes --at only within the clock tolerance (${refused.toleranceMs / 1000} s): a real use cannot be back- or forward-dated (nothing was recorded)`;
}

/** Longest value each option takes: the request fields' bounds (shared/request-fields.ts), as the counter API and the core take them, so nothing longer is ever kept or queued. */
const FIELD_LIMITS = { service: SERVICE_ID_MAX, at: 64, companions: 200, beneficiary: BENEFICIARY_TEXT_MAX, ticket: TICKET_MAX } as const;

/** Refuses an over-long option without repeating it (it may be pasted data, and would fill the line). */
function checkLengths(values: Partial<Record<keyof typeof FIELD_LIMITS, string>>): void {
  for (const [name, max] of Object.entries(FIELD_LIMITS) as [keyof typeof FIELD_LIMITS, number][]) {
    const value = values[name];
    if (value !== undefined && value.length > max) throw new CliError(`--${name} takes at most ${max} characters (${value.length} given); nothing was recorded`);
  }
}

/** The ticket number as kept: trimmed, 1–64 characters (as `card.record` takes it). */
function ticketOf(ticket: string | undefined): string | undefined {
  if (ticket === undefined) return undefined;
  const trimmed = ticket.trim();
  if (trimmed === '') throw new CliError('--ticket is empty: give the same-day ticket number (at most 64 characters)');
  return trimmed;
}

/** `jinka verify TOKEN|- --service ID …` (§7): exit 0 accept, 1 reject, 2 bad arguments. */
export function verifyCommand(ctx: CliContext, argv: string[]): number {
  const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  if (positionals.length !== 1) throw new CliError('verify takes one TOKEN (or - to read it from standard input)');
  if (values.service === undefined) throw new CliError('--service is required');
  checkLengths(values);
  const ticket = ticketOf(values.ticket);
  let atMs: number | undefined;
  if (values.at !== undefined) {
    atMs = parseInstant(values.at);
    if (atMs === undefined) throw new CliError(`--at: "${values.at}" is not an instant with its offset (e.g. 2026-03-01T10:00:00+08:00)`);
  }
  const companions = parseCompanions(values.companions);
  const record = values.record === true;
  // §4: a token over 4096 characters is MALFORMED; standard input is read only a little past that.
  const raw = positionals[0] === '-' ? ctx.readStdin(MAX_TOKEN_INPUT_BYTES, 'a card token is at most 4096 characters (§4)') : (positionals[0] as string);
  const token = raw.trim();

  return withTerminal(ctx, values['data-dir'], (terminal) => {
    const checked = checkRequest(terminal.rules(), { service: values.service as string, beneficiary: values.beneficiary, ticket, record });
    if (!checked.ok) throw new CliError(requestErrorText(checked.error.code, checked.error.service, terminal.rules().rules.services.map((s) => s.id)));
    const { service, beneficiary } = checked.value;
    if (ticket !== undefined && !service.requiresTicket) {
      ctx.err(t(ctx, `jinka: 提示：${service.id} 不需要车票号，已忽略 --ticket`, `jinka: note: ${service.id} takes no ticket; --ticket ignored`));
    }
    const refusedAt = record && atMs !== undefined ? recordAtRefusal(terminal, atMs) : undefined;
    if (refusedAt !== undefined) throw new CliError(recordAtRefusalText(refusedAt));
    const request = { token, service: service.id, atMs: atMs ?? terminal.now(), companions, beneficiary };
    let output: Record<string, unknown>;
    let decision;
    if (record) {
      const verified = terminal.verify(request);
      decision = verified.decision;
      output = { ...decision, decision_id: verified.id, recorded: false };
      if (decision.decision === 'accept') {
        const recorded = terminal.record(verified.id, ticket === undefined ? {} : { ticket });
        if (!recorded.ok) throw new CliError(recordErrorText(recorded.error));
        output = { ...output, recorded: true, use_id: recorded.value.use.id };
      }
    } else {
      decision = terminal.decide(request).decision;
      output = { ...decision, recorded: false };
    }
    if (values.json === true) ctx.out(JSON.stringify(output));
    else {
      for (const line of formatDecision(decision, terminal.rules(), ctx.locale)) ctx.out(line);
      const party = RELATIONS.filter((r) => (companions[r] ?? 0) > 0).map((r) => `${RELATION_TEXT[r][ctx.locale]} ${companions[r] ?? 0}`);
      if (party.length > 0) ctx.out(t(ctx, `同行：${party.join('、')}`, `Companions: ${party.join(', ')}`));
      if (output.recorded === true) ctx.out(t(ctx, `已登记本次使用（${String(output.use_id)}）`, `Use recorded (${String(output.use_id)})`));
    }
    return decision.decision === 'accept' ? EXIT.ok : EXIT.reject;
  });
}
