import type { ApiErrorCode, ServiceQuotaView, VerifyView } from '../../shared/api/api-types.js';
import { companionLimitsFor } from '../../shared/decision/companions.js';
import { checkRequest } from '../../shared/decision/request-check.js';
import { ok } from '../../shared/result.js';
import type { QuotaRule } from '../../shared/rules/rules-schema.js';
import { formatShanghai } from '../../shared/time/shanghai-calendar.js';
import { verifyAtCounter } from '../core/gate-admission.js';
import type { RecordErrorCode } from '../core/terminal.js';
import type { ChannelHandlers, ServiceContext } from './service-context.js';

const RECORD_ERRORS: Readonly<Record<RecordErrorCode, ApiErrorCode>> = {
  UNKNOWN_DECISION: 'UNKNOWN_DECISION',
  NOT_ACCEPTED: 'NOT_ACCEPTED',
  TICKET_REQUIRED: 'TICKET_REQUIRED',
  COMPANIONS_EXCEEDED: 'COMPANIONS_EXCEEDED',
  QUOTA_EXHAUSTED: 'QUOTA_EXHAUSTED',
  NOT_ENROLLED_SERVICE: 'NOT_ENROLLED_SERVICE',
  REVOKED: 'REVOKED',
  DECISION_EXPIRED: 'DECISION_EXPIRED',
  INVALID_FIELD: 'INVALID_INPUT',
};

/** The quota rule in force as the verdict shows it (a copy: the view never shares the rules' objects). */
function quotaView(quota: QuotaRule): ServiceQuotaView {
  return {
    period: quota.period,
    limit: quota.limit,
    ...(quota.periods !== undefined ? { periods: quota.periods } : {}),
    ...(quota.totalLimit !== undefined ? { totalLimit: quota.totalLimit } : {}),
    perBeneficiary: quota.perBeneficiary,
  };
}

/** The signed-in operator's id for the use's audit entry (who confirmed it). */
const operatorOf = (ctx: ServiceContext): { operator?: string } => {
  const operator = ctx.operator();
  return operator === null ? {} : { operator: operator.id };
};

/** Verifying a card for this counter's service, and recording the use once the operator confirms. */
export function cardHandlers(ctx: ServiceContext): ChannelHandlers<'card.verify' | 'card.record'> {
  return {
    'card.verify': async (input) => {
      const settings = ctx.settings();
      const { terminal } = ctx;
      const checked = checkRequest(terminal.rules(), { service: settings.service, beneficiary: input.beneficiary, record: false });
      if (!checked.ok) return ctx.fail(checked.error.code, checked.error.service);
      const { service, beneficiary } = checked.value;
      const operator = ctx.operator();
      const { verified, autoRecord } = verifyAtCounter(terminal, {
        token: input.token,
        service: service.id,
        beneficiary,
        companions: input.companions ?? {},
        gateMode: settings.gateMode,
        ...(operator === null ? {} : { operator: operator.id }),
      });
      let autoRecorded: VerifyView['autoRecorded'] = null;
      let gate: VerifyView['gate'] = null;
      if (autoRecord?.ok === true) {
        autoRecorded = { useId: autoRecord.value.use.id };
        // Only now, with the use durably recorded, may the gate open (once; voided if it cannot).
        gate = await ctx.hardware.openForUse(autoRecord.value.use.id);
      }
      return ok({
        id: verified.id,
        decision: verified.decision,
        service: {
          id: service.id,
          article: service.article,
          name: { ...service.name },
          ...(service.quota !== undefined ? { quota: quotaView(service.quota) } : {}),
        },
        companionLimits: companionLimitsFor(terminal.rules().rules, service),
        requiresTicket: service.requiresTicket,
        requiresBeneficiary: service.requiresBeneficiary,
        autoRecorded,
        ...(autoRecord?.ok === false ? { autoRecordError: RECORD_ERRORS[autoRecord.error] } : {}),
        gate,
      });
    },
    'card.record': (input) => {
      // Art. 33: the card is for the holder alone; an attended counter confirms the ID first.
      if (ctx.settings().requireIdCheck && !input.idChecked) return ctx.fail('ID_CHECK_REQUIRED');
      const recorded = ctx.terminal.record(input.decisionId, { companions: input.companions, ticket: input.ticket, ...operatorOf(ctx) });
      if (!recorded.ok) return ctx.fail(RECORD_ERRORS[recorded.error]);
      const { use, alreadyRecorded } = recorded.value;
      return ok({ useId: use.id, alreadyRecorded, at: formatShanghai(use.atMs) });
    },
  };
}
