import { exitQuietlyOnClosedPipe } from '../../node/cli/cli-kit.js';
import { localeFromEnv, type CliContext } from './cli-context.js';
import { CliError, EXIT, type CliProblem } from './cli-error.js';
import { cliErrorText } from './cli-error-text.js';
import { commandHelp, isCommandName, overviewHelp, type CommandName } from './cli-help.js';
import type { Locale } from '../../shared/i18n/locale.js';
import { InvalidFieldError } from '../../shared/request-fields.js';
import { MAX_STDIN_BYTES, readStdinBounded } from './read-bounded.js';
import { auditCommand } from './commands/audit-command.js';
import { clockCommand } from './commands/clock-command.js';
import { demoCommand } from './commands/demo-command.js';
import { enrolCommand } from './commands/enrol-command.js';
import { exportCommand } from './commands/export-command.js';
import { historyCommand } from './commands/history-command.js';
import { importCommand } from './commands/import-command.js';
import { initCommand } from './commands/init-command.js';
import { operatorCommand } from './commands/operator-command.js';
import { settingsCommand } from './commands/settings-command.js';
import { statusCommand } from './commands/status-command.js';
import { syncCommand } from './commands/sync-command.js';
import { verifyCommand } from './commands/verify-command.js';

const COMMANDS: Readonly<Record<CommandName, (ctx: CliContext, argv: string[]) => number | Promise<number>>> = {
  verify: verifyCommand,
  import: importCommand,
  init: initCommand,
  status: statusCommand,
  history: historyCommand,
  audit: auditCommand,
  export: exportCommand,
  settings: settingsCommand,
  operator: operatorCommand,
  demo: demoCommand,
  enrol: enrolCommand,
  sync: syncCommand,
  clock: clockCommand,
};

/** Longest free text of an unexpected failure that is repeated (one line, never a dump). */
const MAX_DETAIL = 200;

/** The first line of a message, cut short: a validation dump or a pasted value never fills the screen. */
function oneLine(message: string): string {
  const first = message.split('\n').find((l) => l.trim() !== '' && l.trim() !== '[' && l.trim() !== '{') ?? '';
  return first.length > MAX_DETAIL ? `${first.slice(0, MAX_DETAIL)}…` : first;
}

/** What went wrong in a validation failure, in one line: the first issue's path and message. */
function zodLine(error: unknown): string | undefined {
  const issues = (error as { name?: unknown; issues?: unknown } | null)?.name === 'ZodError' ? (error as { issues: { path?: unknown[]; message?: unknown }[] }).issues : undefined;
  const first = issues?.[0];
  if (first === undefined) return undefined;
  const path = Array.isArray(first.path) ? first.path.map(String).join('.') : '';
  return `${path || '(value)'}: ${typeof first.message === 'string' ? first.message : 'invalid'}${issues !== undefined && issues.length > 1 ? ` (and ${issues.length - 1} more)` : ''}`;
}

/** An SQLite failure by its primary result code (SQLITE_IOERR_SHORT_READ is an SQLITE_IOERR), as a problem saying what to do. */
function sqliteProblem(cause: string): CliProblem | undefined {
  switch (/^SQLITE_[A-Z]+/.exec(cause)?.[0]) {
    case 'SQLITE_FULL':
      return { code: 'DISK_FULL', cause };
    case 'SQLITE_BUSY':
    case 'SQLITE_LOCKED':
      return { code: 'DATABASE_BUSY', cause };
    case 'SQLITE_CORRUPT':
    case 'SQLITE_NOTADB':
      return { code: 'DATABASE_DAMAGED', cause };
    case 'SQLITE_READONLY':
    case 'SQLITE_CANTOPEN':
    case 'SQLITE_PERM':
      return { code: 'CANNOT_WRITE_DATA', cause };
    case 'SQLITE_IOERR':
      return { code: 'DATABASE_IO', cause };
    default:
      return undefined;
  }
}

/** Any failure as a problem an operator can act on; never a stack trace. */
function problemOf(error: unknown): CliProblem {
  if (error instanceof CliError) return error.problem;
  if (error instanceof InvalidFieldError) return { code: 'FIELD_OUT_OF_BOUNDS', field: error.field };
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  if (typeof code === 'string') {
    if (code.startsWith('ERR_PARSE_ARGS')) return { code: 'BAD_ARGUMENTS', detail: oneLine(message) };
    if (code === 'ENOSPC') return { code: 'DISK_FULL', cause: null };
    if (code === 'EACCES' || code === 'EPERM') return { code: 'CANNOT_WRITE_DATA', cause: code };
    const sqlite = sqliteProblem(code);
    if (sqlite !== undefined) return sqlite;
  }
  return { code: 'INTERNAL', detail: zodLine(error) ?? oneLine(message) };
}

/** Turns any failure into one line in the operator's language (JINKA_LANG); never a stack trace. */
export function describeFailure(error: unknown, locale: Locale): string {
  return cliErrorText(problemOf(error), locale).split('\n')[0] ?? '';
}

/** Runs one `jinka` command line and returns its exit status. */
export async function runCli(argv: string[], ctx: CliContext): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    // `jinka help COMMAND` is `jinka COMMAND --help`.
    const topic = rest[0];
    ctx.out(topic !== undefined && isCommandName(topic) ? commandHelp(topic, ctx.locale) : overviewHelp(ctx.locale));
    return name === undefined ? EXIT.failed : EXIT.ok;
  }
  try {
    if (!isCommandName(name)) throw new CliError({ code: 'UNKNOWN_COMMAND', name });
    if (rest.includes('--help') || rest[0] === '-h') {
      ctx.out(commandHelp(name, ctx.locale));
      return EXIT.ok;
    }
    return await COMMANDS[name](ctx, rest);
  } catch (error) {
    ctx.err(`jinka: ${describeFailure(error, ctx.locale)}`);
    if (ctx.env.JINKA_DEBUG && error instanceof Error && error.stack) ctx.err(error.stack);
    return EXIT.failed;
  }
}

/** The process entry used by bin/jinka.js. */
export async function main(): Promise<void> {
  // A reader that stopped reading (`jinka history | head`) wants no more output: exit quietly, no stack trace.
  exitQuietlyOnClosedPipe(EXIT.ok);
  const ctx: CliContext = {
    locale: localeFromEnv(process.env),
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    readStdin: (maxBytes = MAX_STDIN_BYTES, why) => readStdinBounded(maxBytes, why),
    env: process.env,
    write: (text) => process.stdout.write(text),
    now: Date.now,
  };
  process.exitCode = await runCli(process.argv.slice(2), ctx);
}
