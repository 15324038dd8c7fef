import { isPostgresUrl } from '../../store/postgres/pg-database.js';
import { HubMigrateRefusedError, migrateSqliteToPg, type MigrateProgress } from '../../store/postgres/pg-migrate-from-sqlite.js';
import { HUB_EXIT, HubCliError, hubDataDir, parseCommand, t, type HubCliContext } from '../hub-cli.js';

/** A table this big gets progress lines on stderr, one per this many rows. */
const PROGRESS_EVERY = 10_000;

/** Progress on stderr for big tables only (a small hub's move prints nothing but its result). */
function progressPrinter(ctx: HubCliContext): (p: MigrateProgress) => void {
  let big = false;
  let next = PROGRESS_EVERY;
  let table = '';
  return (p) => {
    if (p.stage === 'verify') {
      if (big) ctx.err(t(ctx, 'jinka-hub: 正在核对 PostgreSQL 中的数据……', 'jinka-hub: verifying the copy in PostgreSQL…'));
      return;
    }
    if (p.table !== table) {
      table = p.table;
      next = PROGRESS_EVERY;
    }
    if (p.total < PROGRESS_EVERY) return;
    big = true;
    if (p.done >= next || p.done === p.total) {
      ctx.err(t(ctx, `jinka-hub: ${p.table} 已复制 ${p.done} / ${p.total} 行`, `jinka-hub: ${p.table}: ${p.done} of ${p.total} rows copied`));
      next = Math.floor(p.done / PROGRESS_EVERY) * PROGRESS_EVERY + PROGRESS_EVERY;
    }
  };
}

/**
 * `jinka-hub migrate --to postgres://… [--data-dir DIR] [--json]`: copies the SQLite hub of the
 * data folder into a PostgreSQL database and verifies it there (hub/store/postgres/
 * pg-migrate-from-sqlite.ts). Needs no passphrase: the keys are copied sealed. Exit 0 done
 * (or found done by an earlier run), 2 refused or could not run (nothing is left half-copied).
 */
export async function migrateCommand(ctx: HubCliContext, argv: string[]): Promise<number> {
  const { values } = parseCommand(argv, { to: { type: 'string' }, json: { type: 'boolean' } });
  const to = values.to?.trim();
  if (to === undefined || to === '') throw new HubCliError({ code: 'OPTIONS_REQUIRED', command: 'migrate', flags: ['--to postgres://…'] });
  // Never echo the value: a connection string may carry a password.
  if (!isPostgresUrl(to)) throw new HubCliError({ code: 'DATABASE_URL_INVALID' });
  if (values.database !== undefined) throw new HubCliError({ code: 'MIGRATE_FROM_SQLITE' });
  const dataDir = hubDataDir(values['data-dir'], ctx.env);
  let result;
  try {
    result = await migrateSqliteToPg(dataDir, to, progressPrinter(ctx));
  } catch (error) {
    if (error instanceof HubMigrateRefusedError) throw new HubCliError({ code: 'MIGRATE_REFUSED', reason: error.reason, detail: error.detail });
    throw error;
  }
  if (values.json === true) {
    ctx.out(JSON.stringify(result));
    return HUB_EXIT.ok;
  }
  const rows = result.tables.reduce((n, table) => n + table.rows, 0);
  const counted = t(
    ctx,
    `${result.tables.length} 张表共 ${rows} 行，${result.terminals} 台终端的审计链（${result.entries} 条）已核对`,
    `${rows} rows in ${result.tables.length} tables, the audit chains of ${result.terminals} terminals (${result.entries} entries) verified`,
  );
  ctx.out(
    result.outcome === 'copied'
      ? t(ctx, `完成：中心已复制到 PostgreSQL（${counted}）。请用 --database 启动各中心进程。`, `Done: the hub is copied to PostgreSQL (${counted}). Start the hub processes with --database.`)
      : t(ctx, `完成：PostgreSQL 中已有这个中心（此前已迁移；${counted}），未做任何改动。`, `Done: PostgreSQL already holds this hub (migrated before; ${counted}); nothing was changed.`),
  );
  return HUB_EXIT.ok;
}
