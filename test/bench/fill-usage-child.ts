/**
 * Child process of the bench: fills the usage table of the terminal database given on the
 * command line (`node fill-usage-child.js DB_FILE NOW_MS CARDS`). It runs apart so that
 * the large page cache that makes a million random-UUID index inserts fast does not stay
 * in the measured process (its RSS and its SQLite cache start as a terminal's would).
 */
import Database from 'better-sqlite3';
import { fillUsage } from './bench-data.js';
import { progress } from './bench-stats.js';

const [file, nowArg, cardsArg] = process.argv.slice(2);
if (file === undefined || nowArg === undefined || cardsArg === undefined) {
  progress('usage: fill-usage-child.js DB_FILE NOW_MS CARDS');
  process.exit(2);
}
const db = new Database(file);
db.pragma('busy_timeout = 5000');
db.pragma('cache_size = -524288'); // 512 MiB, this process only
const rows = fillUsage(db, Number(cardsArg), Number(nowArg), (done) => progress(`  ${done} rows`));
db.pragma('wal_checkpoint(TRUNCATE)');
db.close();
progress(`  ${rows} rows inserted`);
