import { localeFromEnv, type CliContext } from './cli-context.js';
import { CliError, EXIT } from './cli-error.js';
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

const COMMANDS: Record<string, (ctx: CliContext, argv: string[]) => number | Promise<number>> = {
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

const HELP = `jinka — 聊城市人才服务金卡核验终端 (Liaocheng talent gold card terminal)

  jinka import FILE|DIR        [--data-dir DIR]     trust file, signed bundle(s) one per line, or hub acknowledgement
  jinka verify TOKEN|-         --service ID [--at ISO-8601] [--companions spouse=1,parent=2]
                               [--beneficiary father|mother] [--ticket NUMBER] [--record] [--json] [--data-dir DIR]
  jinka init                   [--trust FILE] [--data-dir DIR]
  jinka status                 [--json] [--data-dir DIR]
  jinka history                [--limit N] [--json] [--data-dir DIR]
  jinka audit verify           [--json] [--data-dir DIR]
  jinka export                 [--out FILE] [--data-dir DIR]     recorded uses as CSV
  jinka settings               [--set key=value]… [--json] [--data-dir DIR]
  jinka operator add           --id ID --name NAME --role operator|supervisor --pin PIN|- [--data-dir DIR]
  jinka operator pin           --id ID --pin PIN|- [--data-dir DIR]      new PIN, lifts a lockout
  jinka operator list          [--json] [--data-dir DIR]
  jinka demo                   [--out DIR]          demo authority, cards and QR codes
  jinka enrol                  --hub URL --code CODE [--terminal-id ID] [--site NAME] [--service ID] [--force]
  jinka sync now               [--json] [--data-dir DIR]     upload the queue, download bundles and other venues' uses
  jinka sync status            [--json] [--data-dir DIR]
  jinka sync export FILE       [--data-dir DIR]     pending uploads as signed batches, for a USB stick
  jinka clock reset            --reason TEXT [--json] [--data-dir DIR]     supervisor: clear CLOCK_SUSPECT left by a clock that ran ahead

Exit status: 0 accept / done, 1 reject / audit broken, 2 the command could not run.
JINKA_LANG=en for English; JINKA_DATA_DIR sets the default data folder.`;

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

/** An SQLite failure by its primary result code (SQLITE_IOERR_SHORT_READ is an SQLITE_IOERR), as one line saying what to do. */
function sqliteLine(code: string): string | undefined {
  const primary = /^SQLITE_[A-Z]+/.exec(code)?.[0];
  switch (primary) {
    case 'SQLITE_FULL':
      return `the disk is full (${code}): free some space, then run the command again (nothing was recorded)`;
    case 'SQLITE_BUSY':
    case 'SQLITE_LOCKED':
      return `the terminal database is busy in another program (${code}): try again in a moment`;
    case 'SQLITE_CORRUPT':
    case 'SQLITE_NOTADB':
      return `the terminal database is damaged (${code}): run jinka audit verify, then restore the data folder from a backup or contact support`;
    case 'SQLITE_READONLY':
    case 'SQLITE_CANTOPEN':
    case 'SQLITE_PERM':
      return `cannot write the data folder (${code}): check --data-dir, its owner and permissions`;
    case 'SQLITE_IOERR':
      return `the terminal could not read or write its database on disk (${code}): check the drive (a removed USB stick, a failing disk), then run the command again`;
    default:
      return undefined;
  }
}

/** Turns any failure into one line an operator can act on; never a stack trace. */
export function describeFailure(error: unknown): string {
  if (error instanceof CliError) return error.message.split('\n')[0] ?? '';
  if (error instanceof InvalidFieldError) return error.message;
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  if (typeof code === 'string') {
    if (code.startsWith('ERR_PARSE_ARGS')) return oneLine(message);
    if (code === 'ENOSPC') return 'the disk is full: free some space, then run the command again (nothing was recorded)';
    if (code === 'EACCES' || code === 'EPERM') return `cannot write the data folder (${code}): check --data-dir, its owner and permissions`;
    const sqlite = sqliteLine(code);
    if (sqlite !== undefined) return sqlite;
  }
  return `internal error: ${zodLine(error) ?? oneLine(message)} (please report this line to support)`;
}

/** Runs one `jinka` command line and returns its exit status. */
export async function runCli(argv: string[], ctx: CliContext): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    ctx.out(HELP);
    return name === undefined ? EXIT.failed : EXIT.ok;
  }
  const command = COMMANDS[name];
  try {
    if (command === undefined) throw new CliError(`unknown command "${name}" (jinka help lists them)`);
    return await command(ctx, rest);
  } catch (error) {
    ctx.err(`jinka: ${describeFailure(error)}`);
    if (ctx.env.JINKA_DEBUG && error instanceof Error && error.stack) ctx.err(error.stack);
    return EXIT.failed;
  }
}

/** The process entry used by bin/jinka.js. */
export async function main(): Promise<void> {
  // A reader that stopped reading (`jinka history | head`) wants no more output: exit quietly, no stack trace.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(EXIT.ok);
      throw error;
    });
  }
  const ctx: CliContext = {
    locale: localeFromEnv(process.env),
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    readStdin: (maxBytes = MAX_STDIN_BYTES, why) => readStdinBounded(maxBytes, why),
    env: process.env,
  };
  process.exitCode = await runCli(process.argv.slice(2), ctx);
}
