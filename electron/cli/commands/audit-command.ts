import { parseArgs } from 'node:util';
import { verifyAudit } from '../../core/terminal-reports.js';
import { t, type CliContext } from '../cli-context.js';
import { CliError, EXIT } from '../cli-error.js';
import { withTerminal } from '../open-terminal.js';

/**
 * `jinka audit verify`: SQLite's integrity_check, the hash chain, and the usage table against the
 * chain's uses; exit 1 with the first problem. Opens read-only: a write-protected backup can be audited.
 */
export function auditCommand(ctx: CliContext, argv: string[]): number {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { 'data-dir': { type: 'string' }, json: { type: 'boolean' } },
    allowPositionals: true,
    strict: true,
  });
  if (positionals[0] !== 'verify' || positionals.length !== 1) throw new CliError({ code: 'USAGE', command: 'audit' });
  return withTerminal(ctx, values['data-dir'], (terminal) => {
    const check = verifyAudit(terminal);
    if (values.json === true) ctx.out(JSON.stringify(check));
    else if (check.ok) ctx.out(t(ctx, `审计链完好：共 ${check.entries} 条`, `Audit chain intact: ${check.entries} entries`));
    else if (check.problem === 'damaged') {
      ctx.out(
        t(
          ctx,
          `数据库已损坏（SQLite integrity_check：${check.detail ?? ''}）：配额和报表读到的数据不可信。请从备份恢复数据目录并报告主管。`,
          `The database is damaged (SQLite integrity_check: ${check.detail ?? ''}): quotas and reports cannot be trusted. Restore the data folder from a backup and report to the supervisor.`,
        ),
      );
    } else if (check.problem.startsWith('use-')) {
      ctx.out(
        t(
          ctx,
          `使用记录与审计链不符：第 ${check.brokenAt} 条（${check.problem}）。配额、导出和状态读到的使用记录被修改或删除，请报告主管。`,
          `Usage records disagree with the audit chain at entry ${check.brokenAt} (${check.problem}): the uses quotas, export and status read were edited or deleted. Report to the supervisor.`,
        ),
      );
    } else {
      ctx.out(
        t(
          ctx,
          `审计链断裂：第 ${check.brokenAt} 条（${check.problem}）；之前 ${check.entries} 条完好。记录可能被修改或删除，请报告主管。`,
          `Audit chain broken at entry ${check.brokenAt} (${check.problem}); the ${check.entries} before it are intact. Report to the supervisor.`,
        ),
      );
    }
    return check.ok ? EXIT.ok : EXIT.reject;
  }, 'read');
}
