import { closeSync, fchmodSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { PRIVATE_FILE_MODE } from '../../../node/sqlite/data-folder.js';
import { parseArgs } from 'node:util';
import { writeUsageCsv } from '../../core/terminal-reports.js';
import { t, type CliContext } from '../cli-context.js';
import { CliError, EXIT } from '../cli-error.js';
import { withTerminal } from '../open-terminal.js';

/** `jinka export [--out FILE]`: recorded uses as CSV (card numbers: 0600 whatever the umask); a file is written whole or not at all. */
export function exportCommand(ctx: CliContext, argv: string[]): number {
  const { values } = parseArgs({ args: argv, options: { 'data-dir': { type: 'string' }, out: { type: 'string' } }, strict: true });
  return withTerminal(ctx, values['data-dir'], (terminal) => {
    if (values.out === undefined) {
      let buffer = '';
      writeUsageCsv(terminal, (chunk) => {
        buffer += chunk;
      });
      (ctx.write ?? ((text: string) => process.stdout.write(text)))(buffer);
      return EXIT.ok;
    }
    const target = values.out;
    const partial = `${target}.partial`;
    let fd: number;
    try {
      fd = openSync(partial, 'w', PRIVATE_FILE_MODE);
      if (process.platform !== 'win32') fchmodSync(fd, PRIVATE_FILE_MODE);
    } catch (e) {
      throw new CliError({ code: 'CANNOT_WRITE_FILE', file: target, detail: e instanceof Error ? e.message : String(e) });
    }
    let rows: number;
    try {
      rows = writeUsageCsv(terminal, (chunk) => writeSync(fd, chunk));
      fsyncSync(fd);
      closeSync(fd);
      renameSync(partial, target);
    } catch (e) {
      rmSync(partial, { force: true });
      throw new CliError({ code: 'CANNOT_WRITE_FILE', file: target, detail: e instanceof Error ? e.message : String(e) });
    }
    ctx.out(t(ctx, `已导出 ${rows} 条使用记录到 ${target}`, `Exported ${rows} uses to ${target}`));
    return EXIT.ok;
    // Read-only: a write-protected backup can be exported.
  }, 'read');
}
