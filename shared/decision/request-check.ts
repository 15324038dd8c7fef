import { parseBeneficiary, type Beneficiary } from '../beneficiary.js';
import { err, ok, type Result } from '../result.js';
import type { RuleBook } from '../rules/rules-lookup.js';
import type { ServiceRule } from '../rules/rules-schema.js';

/** Why a request cannot be evaluated at all (the command line answers exit 2). */
export type RequestErrorCode =
  | 'UNKNOWN_SERVICE'
  | 'BENEFICIARY_REQUIRED'
  | 'BENEFICIARY_MISPLACED'
  | 'BENEFICIARY_ID_NUMBER'
  | 'BENEFICIARY_NOT_A_PARENT'
  | 'TICKET_REQUIRED';

/** A request refused before any card is looked at. */
export interface RequestError {
  code: RequestErrorCode;
  service: string;
}

/** What the counter sends besides the card. */
export interface RequestShape {
  service: string;
  beneficiary?: string | undefined;
  ticket?: string | undefined;
  /** The use is to be recorded when accepted. */
  record: boolean;
}

/** A request fit to evaluate: the service rule, and the parent as stored (only where the service takes one). */
export interface CheckedRequest {
  service: ServiceRule;
  beneficiary?: Beneficiary;
}

/** Checks a request against the catalogue before the card is evaluated (§7). */
export function checkRequest(rules: RuleBook, request: RequestShape): Result<CheckedRequest, RequestError> {
  const service = rules.service(request.service);
  const fail = (code: RequestErrorCode) => err({ code, service: request.service });
  if (service === undefined) return fail('UNKNOWN_SERVICE');
  const typed = request.beneficiary?.trim() ?? '';
  // Art. 22: an eldercare claim is for one parent; no other service takes one.
  if (service.requiresBeneficiary && typed === '') return fail('BENEFICIARY_REQUIRED');
  if (!service.requiresBeneficiary && request.beneficiary !== undefined) return fail('BENEFICIARY_MISPLACED');
  // Art. 18: the bus green channel is used with the same day's ticket.
  if (request.record && service.requiresTicket && (request.ticket === undefined || request.ticket.trim() === '')) {
    return fail('TICKET_REQUIRED');
  }
  if (!service.requiresBeneficiary) return ok({ service });
  // Art. 22 subsidises 父母: which parent, never who (an ID number typed by mistake is refused, not kept).
  const parent = parseBeneficiary(typed);
  if (!parent.ok) return fail(parent.error === 'ID_NUMBER' ? 'BENEFICIARY_ID_NUMBER' : 'BENEFICIARY_NOT_A_PARENT');
  return ok({ service, beneficiary: parent.value });
}
