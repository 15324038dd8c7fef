import { ZodError } from 'zod';
import { exitQuietlyOnClosedPipe, localeFromEnv } from '../../node/cli/cli-kit.js';
import { DataFolderError } from '../../node/sqlite/data-folder.js';
import { HubSchemaTooNewError } from '../store/sqlite/hub-database.js';
import { HubDatabaseUrlError } from '../store/open-hub-store.js';
import { PgHubMissingError } from '../store/postgres/pg-database.js';
import { HubStoreUnavailableError } from '../store/store-unavailable.js';
import { HubNotInitializedError } from '../hub.js';
import { HubExistsError } from '../hub-init.js';
import { FontMissingError } from '../issue/card-sheet-pdf.js';
import { WrongPassphraseError } from '../keys/sealed-secret.js';
import { auditCommand } from './commands/audit-command.js';
import { cardCommand, issueBatchCommand, issueCommand, reissueCommand, revokeCommand } from './commands/card-commands.js';
import { demoCommand } from './commands/demo-command.js';
import { migrateCommand } from './commands/migrate-command.js';
import { publishCommand, reportCommand } from './commands/publish-commands.js';
import { serveCommand } from './commands/serve-command.js';
import { staffCommand } from './commands/staff-command.js';
import { initCommand, issuerCommand, keyCommand, rulesCommand } from './commands/setup-commands.js';
import { enrolCodeCommand, importUsageCommand, terminalCommand } from './commands/terminal-commands.js';
import { HUB_EXIT, HubCliError, type HubCliContext } from './hub-cli.js';
import { hubCommandHelp, hubOverviewHelp, isHubCommandName, type HubCommandName } from './hub-cli-help.js';
import { hubCliErrorText, type HubCliProblem } from './hub-cli-text.js';
import type { Locale } from '../../shared/i18n/locale.js';

const COMMANDS: Readonly<Record<HubCommandName, (ctx: HubCliContext, argv: string[]) => Promise<number>>> = {
  init: initCommand,
  key: keyCommand,
  rules: rulesCommand,
  issuer: issuerCommand,
  issue: issueCommand,
  'issue-batch': issueBatchCommand,
  revoke: revokeCommand,
  reissue: reissueCommand,
  card: cardCommand,
  publish: publishCommand,
  'enrol-code': enrolCodeCommand,
  terminal: terminalCommand,
  'import-usage': importUsageCommand,
  audit: auditCommand,
  report: reportCommand,
  serve: serveCommand,
  demo: demoCommand,
  staff: (ctx, argv) => staffCommand(ctx, argv),
  migrate: migrateCommand,
};

/** Any failure as a problem worded in the table, or (a command's own line, a lower layer's message) as its text. */
function problemOf(error: unknown): HubCliProblem | string {
  if (error instanceof HubCliError) return error.problem ?? error.message;
  if (error instanceof WrongPassphraseError) return { code: 'WRONG_PASSPHRASE' };
  if (error instanceof DataFolderError) return { code: 'DATA_FOLDER', problem: error.problem, detail: error.message };
  if (error instanceof HubNotInitializedError) return { code: 'HUB_NOT_INITIALIZED' };
  if (error instanceof HubExistsError) return { code: 'HUB_EXISTS', detail: error.message };
  if (error instanceof FontMissingError) return { code: 'FONT_MISSING', detail: error.message };
  if (error instanceof HubSchemaTooNewError) return { code: 'SCHEMA_TOO_NEW', detail: error.message };
  if (error instanceof HubStoreUnavailableError) return { code: 'DATABASE_UNREACHABLE', where: error.where, reason: error.reason };
  if (error instanceof HubDatabaseUrlError) return { code: 'DATABASE_URL_INVALID' };
  if (error instanceof PgHubMissingError) return { code: 'DATABASE_NOT_A_HUB', detail: error.message };
  if (error instanceof ZodError) {
    const issue = error.issues[0];
    return { code: 'INVALID_INPUT', detail: issue ? `${issue.path.join('.') || '(value)'}: ${issue.message}` : 'invalid' };
  }
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  if (typeof code === 'string') {
    if (code.startsWith('ERR_PARSE_ARGS')) return { code: 'BAD_ARGUMENTS', detail: message };
    if (code === 'SQLITE_FULL' || code === 'ENOSPC') return { code: 'DISK_FULL' };
    if (code === 'SQLITE_BUSY') return { code: 'DATABASE_BUSY' };
    if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB') return { code: 'DATABASE_DAMAGED' };
    if (['SQLITE_READONLY', 'SQLITE_CANTOPEN', 'EACCES', 'EPERM', 'ENOENT', 'EISDIR', 'ENOTDIR'].includes(code)) return { code: 'CANNOT_USE_FILE', cause: code, detail: message };
  }
  if (error instanceof Error && !(error instanceof TypeError) && !(error instanceof RangeError) && !(error instanceof ReferenceError)) return message;
  return { code: 'INTERNAL', detail: message };
}

/** Turns any failure into one line the bureau's staff can act on, in their language (JINKA_LANG); never a stack trace. */
export function describeHubFailure(error: unknown, locale: Locale): string {
  const problem = problemOf(error);
  return typeof problem === 'string' ? problem : hubCliErrorText(problem, locale);
}

/** Runs one `jinka-hub` command line and returns its exit status. */
export async function runHubCli(argv: string[], ctx: HubCliContext): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    // `jinka-hub help COMMAND` is `jinka-hub COMMAND --help`.
    const topic = name === 'help' ? rest[0] : undefined;
    if (topic !== undefined && isHubCommandName(topic)) {
      ctx.out(hubCommandHelp(topic, ctx.lang));
      return HUB_EXIT.ok;
    }
    ctx.out(hubOverviewHelp(ctx.lang));
    return name === undefined ? HUB_EXIT.failed : HUB_EXIT.ok;
  }
  try {
    if (!isHubCommandName(name)) throw new HubCliError({ code: 'UNKNOWN_COMMAND', name });
    // Asked for help, a command prints its usage and does nothing else (no hub opened, no passphrase asked).
    if (rest.includes('--help') || rest[0] === '-h') {
      ctx.out(hubCommandHelp(name, ctx.lang));
      return HUB_EXIT.ok;
    }
    return await COMMANDS[name](ctx, rest);
  } catch (error) {
    ctx.err(`jinka-hub: ${describeHubFailure(error, ctx.lang)}`);
    if (ctx.env.JINKA_DEBUG && error instanceof Error && error.stack) ctx.err(error.stack);
    return HUB_EXIT.failed;
  }
}

/** The process entry used by bin/jinka-hub.js. */
export async function main(): Promise<void> {
  // A reader that stopped reading (`jinka-hub report … | head`) wants no more output: exit quietly, no stack trace.
  exitQuietlyOnClosedPipe(HUB_EXIT.ok);
  const ctx: HubCliContext = {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    env: process.env,
    lang: localeFromEnv(process.env),
    stopSignal: () =>
      new Promise((resolve) => {
        process.once('SIGINT', () => resolve('SIGINT'));
        process.once('SIGTERM', () => resolve('SIGTERM'));
      }),
  };
  process.exitCode = await runHubCli(process.argv.slice(2), ctx);
}
