import { readFileSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { MAX_BUNDLE_BYTES } from '../../core/bundles/import-bundle.js';
import type { ImportOutcome } from '../../core/bundles/import-errors.js';
import { assertNever } from '../../../shared/assert.js';
import { t, type CliContext } from '../cli-context.js';
import { CliError, EXIT } from '../cli-error.js';
import { withTerminal } from '../open-terminal.js';

function describeOutcome(ctx: CliContext, o: ImportOutcome): string {
  switch (o.kind) {
    case 'trust-file':
      return t(ctx, `已导入信任文件：${o.issuers.join('、')}`, `Trust file imported: ${o.issuers.join(', ')}`);
    case 'revocations':
      return o.base === 0
        ? t(ctx, `已导入 ${o.iss} 完整吊销名单，序号 ${o.seq}，共 ${o.added} 张`, `Full revocation list of ${o.iss} imported: seq ${o.seq}, ${o.added} cards`)
        : t(ctx, `已导入 ${o.iss} 吊销名单增量，序号 ${o.base} → ${o.seq}，新增 ${o.added} 张`, `Revocation delta of ${o.iss} imported: seq ${o.base} → ${o.seq}, ${o.added} cards`);
    case 'rules':
      return t(ctx, `已导入服务规则，版本 ${o.version}`, `Rules imported: version ${o.version}`);
    case 'trust':
      return t(ctx, `已更新信任列表，版本 ${o.version}：${o.issuers.join('、')}`, `Trust list updated to version ${o.version}: ${o.issuers.join(', ')}`);
    default:
      return assertNever(o);
  }
}

/** Reads a file the operator named, with an error that says what to do. */
export function readInputFile(file: string, maxBytes = MAX_BUNDLE_BYTES): string {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    throw new CliError(`cannot read ${file}: no such file`);
  }
  if (size > maxBytes) throw new CliError(`${file} is larger than ${maxBytes} bytes; not a Jinka bundle`);
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new CliError(`cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** `jinka import FILE` (§7): a trust file or a signed bundle, detected by content; a refusal exits 2 and changes nothing. */
export function importCommand(ctx: CliContext, argv: string[]): number {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { 'data-dir': { type: 'string' }, json: { type: 'boolean' } },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length !== 1) throw new CliError('import takes one FILE');
  const text = readInputFile(positionals[0] as string);
  return withTerminal(ctx, values['data-dir'], (terminal) => {
    const result = terminal.importText(text);
    if (!result.ok) throw new CliError(`import refused (${result.error.code}): ${result.error.message}; nothing was changed`);
    ctx.out(values.json === true ? JSON.stringify(result.value) : describeOutcome(ctx, result.value));
    return EXIT.ok;
  });
}
