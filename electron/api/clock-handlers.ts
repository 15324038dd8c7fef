import { ok } from '../../shared/result.js';
import { formatShanghai } from '../../shared/time/shanghai-calendar.js';
import { resetClockGuard } from '../core/clock-guard.js';
import type { ChannelHandlers, ServiceContext } from './service-context.js';

/** clock.reset (supervisors; the settings screen): clears CLOCK_SUSPECT left by a clock that ran ahead, audited with the reason and the supervisor; refused (CLOCK_WRONG) while the hub says the clock is wrong. */
export function clockHandlers(ctx: ServiceContext): ChannelHandlers<'clock.reset'> {
  return {
    'clock.reset': ({ reason }) => {
      const operator = ctx.operator()?.id;
      const reset = resetClockGuard(ctx.terminal, reason, operator === undefined ? { via: 'api' } : { via: 'api', operator });
      if (reset.ok === false && reset.error === 'CLOCK_WRONG') return ctx.fail('CLOCK_WRONG');
      if (!reset.ok) return ctx.fail('INVALID_INPUT', 'reason: 1–200 characters, one line, no control characters');
      return ok({ from: reset.value.fromMs > 0 ? formatShanghai(reset.value.fromMs) : null, to: formatShanghai(reset.value.toMs) });
    },
  };
}
