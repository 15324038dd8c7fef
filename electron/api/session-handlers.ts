import type { Role } from '../../shared/api/api-types.js';
import { formatShanghai } from '../../shared/time/shanghai-calendar.js';
import { ok } from '../../shared/result.js';
import { checkOperatorPin } from '../core/operator-accounts.js';
import type { ChannelHandlers, ServiceContext } from './service-context.js';

// Who worked the counter and when is part of the record (sign-ins and sign-outs are audited).
const audit = (ctx: ServiceContext, body: { event: 'sign-in' | 'sign-out'; operator: string; reason?: 'idle' }) =>
  ctx.terminal.stores.transaction(() => ctx.terminal.stores.audit.append('session', ctx.now(), body));

/** Ends the session (audited, with `reason` 'idle' when it timed out) and tells the window. */
export function endSession(ctx: ServiceContext, reason?: 'idle'): void {
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

/** Sign-in, sign-out and who is signed in. One session per terminal: signing in replaces the operator before. */
export function sessionHandlers(ctx: ServiceContext): ChannelHandlers<'session.signIn' | 'session.signOut' | 'session.current'> {
  const changed = () => ctx.emit({ type: 'session.changed', operator: ctx.operator() });
  return {
    'session.signIn': async ({ operatorId, pin }) => {
      const checked = await checkOperatorPin(ctx.terminal, operatorId, pin, ctx.now());
      if (!checked.ok) {
        const failure = checked.error;
        if (failure.code === 'PIN_TOO_SHORT') return ctx.fail('PIN_TOO_SHORT');
        if (failure.code === 'LOCKED_OUT') {
          const retryAt = formatShanghai(failure.retryAtMs);
          return ctx.fail('LOCKED_OUT', ctx.settings().language === 'zh' ? `请于 ${retryAt.slice(11, 16)} 后再试` : `try again after ${retryAt.slice(11, 16)}`, retryAt);
        }
        // Unknown ids are counted like real ones (operator-accounts.ts), so this answer is the same for both.
        if (failure.attemptsLeft > 2) return ctx.fail('BAD_PIN');
        return ctx.fail('BAD_PIN', ctx.settings().language === 'zh' ? `再错 ${failure.attemptsLeft} 次将锁定 5 分钟` : `${failure.attemptsLeft} more wrong tries lock it for 5 minutes`);
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
