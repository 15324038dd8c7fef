import { formatShanghai } from '../../shared/time/shanghai-calendar.js';
import { ok } from '../../shared/result.js';
import { checkOperatorPin } from '../core/operator-accounts.js';
import type { ChannelHandlers, ServiceContext } from './service-context.js';

/** Sign-in, sign-out and who is signed in. One session per terminal: signing in replaces the operator before. */
export function sessionHandlers(ctx: ServiceContext): ChannelHandlers<'session.signIn' | 'session.signOut' | 'session.current'> {
  const changed = () => ctx.emit({ type: 'session.changed', operator: ctx.operator() });
  // Who worked the counter and when is part of the record (sign-ins and sign-outs are audited).
  const audit = (event: 'sign-in' | 'sign-out', operatorId: string) =>
    ctx.terminal.stores.transaction(() => ctx.terminal.stores.audit.append('session', ctx.now(), { event, operator: operatorId }));
  return {
    'session.signIn': async ({ operatorId, pin }) => {
      const checked = await checkOperatorPin(ctx.terminal, operatorId, pin, ctx.now());
      if (!checked.ok) {
        const failure = checked.error;
        if (failure.code === 'LOCKED_OUT') {
          const retryAt = formatShanghai(failure.retryAtMs);
          return ctx.fail('LOCKED_OUT', ctx.settings().language === 'zh' ? `请于 ${retryAt.slice(11, 16)} 后再试` : `try again after ${retryAt.slice(11, 16)}`, retryAt);
        }
        // Tries left are shown only near the lockout, so the answer does not tell a stranger which ids exist.
        if (failure.attemptsLeft > 2) return ctx.fail('BAD_PIN');
        return ctx.fail('BAD_PIN', ctx.settings().language === 'zh' ? `再错 ${failure.attemptsLeft} 次将锁定 5 分钟` : `${failure.attemptsLeft} more wrong tries lock it for 5 minutes`);
      }
      audit('sign-in', checked.value.id);
      ctx.setOperator(checked.value);
      changed();
      return ok(checked.value);
    },
    'session.signOut': () => {
      const operator = ctx.operator();
      if (operator !== null) audit('sign-out', operator.id);
      ctx.setOperator(null);
      changed();
      return ok(null);
    },
    'session.current': () => ok(ctx.operator()),
  };
}
