import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { trustFileSchema } from '../../../shared/bundles/bundle-schemas.js';
import { splitBundleText } from '../../core/bundles/bundle-file.js';
import { MAX_BUNDLE_BYTES } from '../../core/bundles/import-bundle.js';
import { importItems, type ItemOutcome, type ItemResult } from '../../core/sync/import-items.js';
import { assertNever } from '../../../shared/assert.js';
import { t, type CliContext } from '../cli-context.js';
import { CliError, EXIT, type CliProblem } from '../cli-error.js';
import { cliErrorText } from '../cli-error-text.js';
import { withTerminal } from '../open-terminal.js';
import { readFileBounded, textOf } from '../read-bounded.js';

function describeOutcome(ctx: CliContext, o: ItemOutcome): string {
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
    case 'audit-ack':
      return o.cursor === o.previous
        ? t(ctx, `中心确认回执：已确认至第 ${o.cursor} 条，无变化`, `Hub acknowledgement: acknowledged through ${o.cursor} already; nothing changed`)
        : t(ctx, `中心确认回执：上传已确认至第 ${o.cursor} 条（原为第 ${o.previous} 条）`, `Hub acknowledgement: uploads acknowledged through ${o.cursor} (was ${o.previous})`);
    default:
      return assertNever(o);
  }
}

/**
 * Reads a file the operator named, with an error that says what to do: at most `maxBytes`, a
 * regular file only (a device or FIFO is refused, never read forever or waited on), and text
 * only (a binary file is one refusal, not one per line of it).
 */
export function readInputFile(file: string, maxBytes = MAX_BUNDLE_BYTES): string {
  const text = textOf(readFileBounded(file, maxBytes));
  if (text === undefined) throw new CliError({ code: 'FILE_NOT_TEXT', file });
  return text;
}

/**
 * The items of FILE in order: one trust file, or one signed bundle per line; a folder
 * gives the items of each of its files in name order (hidden and `.partial` files skipped).
 */
function readItems(path: string): string[] {
  let isFolder: boolean;
  try {
    isFolder = statSync(path).isDirectory();
  } catch {
    throw new CliError({ code: 'FILE_MISSING', file: path });
  }
  if (!isFolder) return splitBundleText(readInputFile(path));
  const files = readdirSync(path, { withFileTypes: true })
    .filter((f) => f.isFile() && !f.name.startsWith('.') && !f.name.endsWith('.partial'))
    .map((f) => f.name)
    .sort();
  return files.flatMap((name) => splitBundleText(readInputFile(join(path, name))));
}

/** Whether `text` is a well-formed plain trust file (checked again, with the rest, when it is imported). */
function isTrustFile(text: string): boolean {
  if (!text.trimStart().startsWith('{')) return false;
  try {
    return trustFileSchema.safeParse(JSON.parse(text)).success;
  } catch {
    return false;
  }
}

const refusal = (r: Extract<ItemResult['result'], { ok: false }>, item: number | null): CliProblem => ({ code: 'IMPORT_REFUSED', reason: r.error.code, detail: r.error.message, item });

/**
 * `jinka import FILE` (§7): a trust file or a signed bundle, detected by content; a refusal
 * exits 2 and changes nothing. Compatible extension: a file of several bundles (one JWS
 * per line) or a folder imports each in order, each verified and applied on its own; a
 * bundle already held (REPLAY) is skipped, any other refusal exits 2 after the rest. A
 * hub-issued upload acknowledgement (`jinka/audit-ack`) advances the upload cursor.
 */
export function importCommand(ctx: CliContext, argv: string[]): number {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { 'data-dir': { type: 'string' }, json: { type: 'boolean' } },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length !== 1) throw new CliError({ code: 'IMPORT_ONE_FILE' });
  const items = readItems(positionals[0] as string);
  // §7: a trust file is first provisioning and may create the terminal; anything else needs one.
  const firstProvisioning = items.length === 1 && isTrustFile(items[0] as string);
  return withTerminal(ctx, values['data-dir'], (terminal) => {
    // An empty file is refused exactly as before (NOT_A_BUNDLE).
    const results = importItems(terminal, items.length === 0 ? [''] : items);
    if (results.length === 1) {
      const only = (results[0] as ItemResult).result;
      if (!only.ok) throw new CliError(refusal(only, null));
      ctx.out(values.json === true ? JSON.stringify(only.value) : describeOutcome(ctx, only.value));
      return EXIT.ok;
    }
    let failed = 0;
    for (const { index, result } of results) {
      if (result.ok) {
        if (values.json !== true) ctx.out(`[${index + 1}] ${describeOutcome(ctx, result.value)}`);
      } else if (result.error.code === 'REPLAY') {
        if (values.json !== true) ctx.out(`[${index + 1}] ${t(ctx, `已持有，跳过：${result.error.message}`, `already held, skipped: ${result.error.message}`)}`);
      } else {
        failed += 1;
        ctx.err(`jinka: ${cliErrorText(refusal(result, index + 1), ctx.locale)}`);
      }
    }
    if (values.json === true) ctx.out(JSON.stringify(results.map(({ index, result }) => (result.ok ? { index, ok: true, outcome: result.value } : { index, ok: false, error: result.error }))));
    return failed > 0 ? EXIT.failed : EXIT.ok;
  }, firstProvisioning ? 'create' : 'write');
}
