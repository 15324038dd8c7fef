import type { Role } from '../../shared/api/api-types.js';
import { formatShanghai } from '../../shared/time/shanghai-calendar.js';
import { ok } from '../../shared/result.js';
import { auditSession, checkOperatorPin, MIN_PIN_DIGITS } from '../core/operator-accounts.js';
import { SignInBudget } from '../core/sign-in-budget.js';
import type { ChannelHandlers, ServiceContext } from './service-context.js';

/** Why the terminal ended a session itself: idle past the site's limit, or a supervisor's session past its length. */
export type SessionEndReason = 'idle' | 'time-limit';

/**
 * The longest a supervisor's session lasts, however busy: the supervisor role is for changing
 * settings, which takes minutes; after this the supervisor signs in again with the PIN.
 */
export const SUPERVISOR_SESSION_MAX_MS = 15 * 60_000;

// Who worked the counter and when is part of the record (sign-ins and sign-outs are audited).
const audit = (ctx: ServiceContext, body: { event: 'sign-in' | 'sign-out'; operator: string; reason?: SessionEndReason }) =>
  auditSession(ctx.terminal, ctx.now(), body);

/** Ends the session (audited, with the `reason` when the terminal ended it) and tells the window. */
export function endSession(ctx: ServiceContext, reason?: SessionEndReason): void {
  const operator = ctx.operator();
  if (operator !== null) audit(ctx, { event: 'sign-out', operator: operator.id, ...(reason === undefined ? {} : { reason }) });
  ctx.setOperator(null);
  ctx.emit({ type: 'session.changed', operator: null });
}

/** Minutes without a call that needs sign-in after which this operator's session ends (the site's settings). */
export function idleLimitMs(ctx: ServiceContext, role: Role): number {
  const settings = ctx.settings();
  return (role === 'supervisor' ? settings.supervisorIdleMinutes : settings.operatorIdleMinutes) * 60_000;
}

/**
 * Sign-in, sign-out and who is signed in. One session per terminal: signing in replaces the
 * operator before. `monotonic` times lockouts and the terminal-wide budget of failed sign-ins.
 */
export function sessionHandlers(
  ctx: ServiceContext,
  monotonic: () => number,
): ChannelHandlers<'session.signIn' | 'session.signOut' | 'session.current'> {
  const changed = () => ctx.emit({ type: 'session.changed', operator: ctx.operator() });
  const budget = new SignInBudget(monotonic);
  const zh = () => ctx.settings().language === 'zh';
  const lockedOut = (retryAtMs: number) => {
    const retryAt = formatShanghai(retryAtMs);
    return ctx.fail('LOCKED_OUT', zh() ? `请于 ${retryAt.slice(11, 16)} 后再试` : `try again after ${retryAt.slice(11, 16)}`, retryAt);
  };
  // Said for any PIN typed under a supervisor's 6 digits, right or wrong, so it confirms no guess.
  const shortPinHint = () =>
    zh() ? '主管密码须至少 6 位数字，旧的短密码请在终端上运行 jinka operator pin 重设' : 'a supervisor PIN needs 6 digits: replace an older short one with jinka operator pin at the terminal';
  return {
    'session.signIn': async ({ operatorId, pin }) => {
      // A flood of typed ids is cut off for the whole terminal, answered alike for every id.
      const slot = budget.take();
      if ('retryInMs' in slot) return lockedOut(ctx.now() + slot.retryInMs);
      const checked = await checkOperatorPin(ctx.terminal, operatorId, pin, ctx.now(), monotonic()).catch((error: unknown) => {
        slot.settle(true);
        throw error;
      });
      slot.settle(!checked.ok);
      if (!checked.ok) {
        const failure = checked.error;
        if (failure.code === 'LOCKED_OUT') return lockedOut(failure.retryAtMs);
        // Unknown ids are counted like real ones (operator-accounts.ts), so this answer is the same for both.
        const details = [
          ...(failure.attemptsLeft > 2 ? [] : [zh() ? `再错 ${failure.attemptsLeft} 次将锁定 5 分钟` : `${failure.attemptsLeft} more wrong tries lock it for 5 minutes`]),
          ...(pin.length < MIN_PIN_DIGITS.supervisor ? [shortPinHint()] : []),
        ];
        return ctx.fail('BAD_PIN', details.length === 0 ? undefined : details.join(zh() ? '；' : '; '));
      }
      audit(ctx, { event: 'sign-in', operator: checked.value.id });
      ctx.setOperator(checked.value);
      changed();
      return ok(checked.value);
    },
    'session.signOut': () => {
      endSession(ctx);
      return ok(null);
    },
    'session.current': () => ok(ctx.operator()),
  };
}
