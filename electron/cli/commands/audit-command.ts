import { parseArgs } from 'node:util';
import { verifyAudit } from '../../core/terminal-reports.js';
import { t, type CliContext } from '../cli-context.js';
import { CliError, EXIT } from '../cli-error.js';
import { withTerminal } from '../open-terminal.js';

/** `jinka audit verify`: walks the hash chain; exit 1 with the first broken link. */
export function auditCommand(ctx: CliContext, argv: string[]): number {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { 'data-dir': { type: 'string' }, json: { type: 'boolean' } },
    allowPositionals: true,
    strict: true,
  });
  if (positionals[0] !== 'verify' || positionals.length !== 1) throw new CliError('usage: jinka audit verify [--data-dir DIR] [--json]');
  return withTerminal(ctx, values['data-dir'], (terminal) => {
    const check = verifyAudit(terminal);
    if (values.json === true) ctx.out(JSON.stringify(check));
    else if (check.ok) ctx.out(t(ctx, `审计链完好：共 ${check.entries} 条`, `Audit chain intact: ${check.entries} entries`));
    else {
      ctx.out(
        t(
          ctx,
          `审计链断裂：第 ${check.brokenAt} 条（${check.problem}）；之前 ${check.entries} 条完好。记录可能被修改或删除，请报告主管。`,
          `Audit chain broken at entry ${check.brokenAt} (${check.problem}); the ${check.entries} before it are intact. Report to the supervisor.`,
        ),
      );
    }
    return check.ok ? EXIT.ok : EXIT.reject;
  });
}
