import { parseArgs } from 'node:util';
import { trustProvisioned } from '../../core/terminal-reports.js';
import { t, type CliContext } from '../cli-context.js';
import { CliError, EXIT } from '../cli-error.js';
import { dataDirOf, withTerminal } from '../open-terminal.js';
import { readInputFile } from './import-command.js';

/**
 * `jinka init [--trust FILE]`: creates the data folder (0700) and database (0600), or opens
 * the terminal already there, optionally provisioning trust. A folder whose database was lost
 * is refused (§7): restore it from a backup.
 */
export function initCommand(ctx: CliContext, argv: string[]): number {
  const { values } = parseArgs({ args: argv, options: { 'data-dir': { type: 'string' }, trust: { type: 'string' } }, strict: true });
  const dir = dataDirOf(ctx, values['data-dir']);
  const trustText = values.trust === undefined ? undefined : readInputFile(values.trust);
  return withTerminal(ctx, dir, (terminal) => {
    ctx.out(t(ctx, `终端数据目录：${dir}`, `Terminal data folder: ${dir}`));
    if (trustText !== undefined) {
      const result = terminal.importText(trustText);
      if (!result.ok) throw new CliError({ code: 'TRUST_REFUSED', reason: result.error.code, detail: result.error.message });
      ctx.out(t(ctx, '已导入信任文件。', 'Trust file imported.'));
    } else if (!trustProvisioned(terminal)) {
      ctx.out(t(ctx, '尚未信任任何发卡机关：请用 jinka import 导入发卡机关的信任文件。', 'No issuer trusted yet: import the trust file with jinka import.'));
    }
    return EXIT.ok;
  }, 'create');
}
