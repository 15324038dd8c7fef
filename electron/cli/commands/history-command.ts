import { parseArgs } from 'node:util';
import { decisionHistory } from '../../core/terminal-reports.js';
import { t, type CliContext } from '../cli-context.js';
import { CliError, EXIT } from '../cli-error.js';
import { withTerminal } from '../open-terminal.js';

/** `jinka history [--limit N]`: the newest decisions, newest first. */
export function historyCommand(ctx: CliContext, argv: string[]): number {
  const { values } = parseArgs({
    args: argv,
    options: { 'data-dir': { type: 'string' }, json: { type: 'boolean' }, limit: { type: 'string' } },
    strict: true,
  });
  const limit = values.limit === undefined ? 20 : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) throw new CliError({ code: 'LIMIT_RANGE' });
  return withTerminal(ctx, values['data-dir'], (terminal) => {
    const entries = decisionHistory(terminal, limit);
    if (values.json === true) {
      ctx.out(JSON.stringify(entries));
      return EXIT.ok;
    }
    if (entries.length === 0) ctx.out(t(ctx, '（暂无记录）', '(no decisions yet)'));
    for (const e of entries) {
      const verdict = e.decision === 'accept' ? t(ctx, '通过', 'accept') : t(ctx, '拒绝', 'reject');
      const recorded = e.recorded ? t(ctx, ' 已登记', ' recorded') : '';
      ctx.out(`${e.at}  ${verdict}${e.reason ? ` ${e.reason}` : ''}  ${e.service}  ${e.card ?? '-'}${recorded}`);
    }
    return EXIT.ok;
  });
}
