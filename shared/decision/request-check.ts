import { err, ok, type Result } from '../result.js';
import type { RuleBook } from '../rules/rules-lookup.js';
import type { ServiceRule } from '../rules/rules-schema.js';

/** Why a request cannot be evaluated at all (the command line answers exit 2). */
export type RequestErrorCode = 'UNKNOWN_SERVICE' | 'BENEFICIARY_REQUIRED' | 'BENEFICIARY_MISPLACED' | 'TICKET_REQUIRED';

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

/** Checks a request against the catalogue before the card is evaluated (§7). */
export function checkRequest(rules: RuleBook, request: RequestShape): Result<ServiceRule, RequestError> {
  const service = rules.service(request.service);
  const fail = (code: RequestErrorCode) => err({ code, service: request.service });
  if (service === undefined) return fail('UNKNOWN_SERVICE');
  const hasBeneficiary = request.beneficiary !== undefined && request.beneficiary.trim() !== '';
  // Art. 22: an eldercare claim is for one named parent; no other service takes one.
  if (service.requiresBeneficiary && !hasBeneficiary) return fail('BENEFICIARY_REQUIRED');
  if (!service.requiresBeneficiary && request.beneficiary !== undefined) return fail('BENEFICIARY_MISPLACED');
  // Art. 18: the bus green channel is used with the same day's ticket.
  if (request.record && service.requiresTicket && (request.ticket === undefined || request.ticket.trim() === '')) {
    return fail('TICKET_REQUIRED');
  }
  return ok(service);
}
