import { describe, expect, it } from 'vitest';
import { httpStatusOf } from '../../../hub/server/http-errors.js';

/** Domain refusals carry codes; the routes answer them with the HTTP status of one table (hub/server/http-errors.ts). */
describe('the HTTP status of each domain refusal code', () => {
  it('maps enrolment refusals: a wrong or spent code is forbidden, a taken terminal id a conflict, a bad key a bad request', () => {
    expect(['UNKNOWN_CODE', 'CODE_USED', 'CODE_EXPIRED', 'WRONG_PLACE'].map((c) => httpStatusOf(c as 'UNKNOWN_CODE'))).toEqual([403, 403, 403, 403]);
    expect(httpStatusOf('TERMINAL_EXISTS')).toBe(409);
    expect(httpStatusOf('BAD_KEY')).toBe(400);
  });

  it('maps terminal authentication refusals: 401 who are you, 403 known but refused, 429 a flood', () => {
    for (const code of ['AUTH_REQUIRED', 'BAD_TOKEN', 'UNAUTHENTICATED', 'CLOCK_SKEW', 'STALE_TOKEN', 'WRONG_REQUEST', 'REPLAYED_TOKEN'] as const) expect(httpStatusOf(code)).toBe(401);
    expect(httpStatusOf('TERMINAL_DISABLED')).toBe(403);
    expect(httpStatusOf('TOO_MANY_REQUESTS')).toBe(429);
  });

  it('maps upload batch refusals', () => {
    expect([httpStatusOf('BAD_BATCH'), httpStatusOf('BAD_SIGNATURE'), httpStatusOf('UNKNOWN_TERMINAL'), httpStatusOf('WRONG_TERMINAL')]).toEqual([400, 400, 404, 403]);
  });
});
