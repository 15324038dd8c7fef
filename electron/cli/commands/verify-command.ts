import { parseArgs } from 'node:util';
import { checkRequest } from '../../../shared/decision/request-check.js';
import { parseInstant } from '../../../shared/time/shanghai-calendar.js';
import { RELATION_TEXT } from '../../../shared/i18n/ui-text.js';
import { RELATIONS } from '../../../shared/relations.js';
import { recordAtRefusal } from '../../core/clock-guard.js';
import { t, type CliContext } from '../cli-context.js';
import { CliError, EXIT } from '../cli-error.js';
import { formatDecision } from '../format-decision.js';
import { withTerminal } from '../open-terminal.js';
import { parseCompanions } from '../parse-companions.js';
import { MAX_TOKEN_INPUT_BYTES } from '../read-bounded.js';
import { BENEFICIARY_TEXT_MAX } from '../../../shared/beneficiary.js';
import { SERVICE_ID_MAX, TICKET_MAX } from '../../../shared/request-fields.js';

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

/** Longest value each option takes: the request fields' bounds (shared/request-fields.ts), as the counter API and the core take them, so nothing longer is ever kept or queued. */
const FIELD_LIMITS = { service: SERVICE_ID_MAX, at: 64, companions: 200, beneficiary: BENEFICIARY_TEXT_MAX, ticket: TICKET_MAX } as const;

/** Refuses an over-long option without repeating it (it may be pasted data, and would fill the line). */
function checkLengths(values: Partial<Record<keyof typeof FIELD_LIMITS, string>>): void {
  for (const [name, max] of Object.entries(FIELD_LIMITS) as [keyof typeof FIELD_LIMITS, number][]) {
    const value = values[name];
    if (value !== undefined && value.length > max) throw new CliError({ code: 'OPTION_TOO_LONG', flag: `--${name}`, max, given: value.length });
  }
}

/** The ticket number as kept: trimmed, 1–64 characters (as `card.record` takes it). */
function ticketOf(ticket: string | undefined): string | undefined {
  if (ticket === undefined) return undefined;
  const trimmed = ticket.trim();
  if (trimmed === '') throw new CliError({ code: 'TICKET_EMPTY' });
  return trimmed;
}

/** `jinka verify TOKEN|- --service ID …` (§7): exit 0 accept, 1 reject, 2 bad arguments. */
export function verifyCommand(ctx: CliContext, argv: string[]): number {
  const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  if (positionals.length !== 1) throw new CliError({ code: 'VERIFY_ONE_TOKEN' });
  if (values.service === undefined) throw new CliError({ code: 'OPTION_REQUIRED', flag: '--service' });
  checkLengths(values);
  const ticket = ticketOf(values.ticket);
  let atMs: number | undefined;
  if (values.at !== undefined) {
    atMs = parseInstant(values.at);
    if (atMs === undefined) throw new CliError({ code: 'AT_UNREADABLE', value: values.at });
  }
  const companions = parseCompanions(values.companions);
  const record = values.record === true;
  // §4: a token over 4096 characters is MALFORMED; standard input is read only a little past that.
  const raw = positionals[0] === '-' ? ctx.readStdin(MAX_TOKEN_INPUT_BYTES, t(ctx, '卡片令牌至多 4096 个字符（§4）', 'a card token is at most 4096 characters (§4)')) : (positionals[0] as string);
  const token = raw.trim();

  return withTerminal(ctx, values['data-dir'], (terminal) => {
    const checked = checkRequest(terminal.rules(), { service: values.service as string, beneficiary: values.beneficiary, ticket, record });
    if (!checked.ok) throw new CliError({ code: 'REQUEST_REFUSED', reason: checked.error.code, service: checked.error.service, known: terminal.rules().rules.services.map((s) => s.id) });
    const { service, beneficiary } = checked.value;
    if (ticket !== undefined && !service.requiresTicket) {
      ctx.err(t(ctx, `jinka: 提示：${service.id} 不需要车票号，已忽略 --ticket`, `jinka: note: ${service.id} takes no ticket; --ticket ignored`));
    }
    const refusedAt = record && atMs !== undefined ? recordAtRefusal(terminal, atMs) : undefined;
    if (refusedAt !== undefined) throw new CliError({ code: 'RECORD_AT_REFUSED', ...refusedAt });
    const request = { token, service: service.id, atMs: atMs ?? terminal.now(), companions, beneficiary };
    let output: Record<string, unknown>;
    let decision;
    if (record) {
      const verified = terminal.verify(request);
      decision = verified.decision;
      output = { ...decision, decision_id: verified.id, recorded: false };
      if (decision.decision === 'accept') {
        const recorded = terminal.record(verified.id, ticket === undefined ? {} : { ticket });
        if (!recorded.ok) throw new CliError({ code: 'RECORD_REFUSED', reason: recorded.error });
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
