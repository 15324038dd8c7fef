import { parseArgs } from 'node:util';
import { formatShanghai } from '../../../shared/time/shanghai-calendar.js';
import { resetClockGuard } from '../../core/clock-guard.js';
import { t, type CliContext } from '../cli-context.js';
import { CliError, EXIT } from '../cli-error.js';
import { withTerminal } from '../open-terminal.js';


/**
 * `jinka clock reset --reason TEXT`: the supervisor's way out of a CLOCK_SUSPECT left by a
 * use recorded while the clock ran ahead (§6): the latest time seen becomes the real clock
 * now; the reason is kept in the audit log, which goes to the hub. Refused while the hub
 * says this clock is wrong (electron/core/clock-guard.ts).
 */
export function clockCommand(ctx: CliContext, argv: string[]): number {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { 'data-dir': { type: 'string' }, json: { type: 'boolean' }, reason: { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length !== 1 || positionals[0] !== 'reset') throw new CliError({ code: 'USAGE', command: 'clock' });
  const reason = values.reason;
  if (reason === undefined) throw new CliError({ code: 'REASON_REQUIRED' });
  return withTerminal(ctx, values['data-dir'], (terminal) => {
    const reset = resetClockGuard(terminal, reason, { via: 'cli' });
    if (reset.ok === false && reset.error === 'CLOCK_WRONG') throw new CliError({ code: 'CLOCK_WRONG' });
    if (!reset.ok) throw new CliError({ code: 'REASON_INVALID' });
    const from = reset.value.fromMs > 0 ? formatShanghai(reset.value.fromMs) : null;
    const to = formatShanghai(reset.value.toMs);
    if (values.json === true) ctx.out(JSON.stringify({ from, to }));
    else ctx.out(t(ctx, `已重置时钟检查：已见过的最新时间 ${from ?? '（无）'} → ${to}（已记入审计日志）`, `Clock guard reset: latest time seen ${from ?? '(none)'} → ${to} (audited)`));
    return EXIT.ok;
  });
}
