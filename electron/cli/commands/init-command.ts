import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultDataDir } from '../../core/data-dir.js';
import { t, type CliContext } from '../cli-context.js';
import { CliError, EXIT } from '../cli-error.js';
import { withTerminal } from '../open-terminal.js';
import { readInputFile } from './import-command.js';

/** `jinka init [--trust FILE]`: creates the data folder and database, optionally provisioning trust. */
export function initCommand(ctx: CliContext, argv: string[]): number {
  const { values } = parseArgs({ args: argv, options: { 'data-dir': { type: 'string' }, trust: { type: 'string' } }, strict: true });
  const dir = resolve(values['data-dir'] ?? defaultDataDir(ctx.env));
  const trustText = values.trust === undefined ? undefined : readInputFile(values.trust);
  return withTerminal(ctx, dir, (terminal) => {
    ctx.out(t(ctx, `终端数据目录：${dir}`, `Terminal data folder: ${dir}`));
    if (trustText !== undefined) {
      const result = terminal.importText(trustText);
      if (!result.ok) throw new CliError(`trust file refused (${result.error.code}): ${result.error.message}`);
      ctx.out(t(ctx, '已导入信任文件。', 'Trust file imported.'));
    } else if (!terminal.stores.trust.isProvisioned()) {
      ctx.out(t(ctx, '尚未信任任何发卡机关：请用 jinka import 导入发卡机关的信任文件。', 'No issuer trusted yet: import the trust file with jinka import.'));
    }
    return EXIT.ok;
  });
}
