import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/**
 * A private, throwaway PostgreSQL cluster for one test file (README "The hub on PostgreSQL"):
 * `initdb` into a fresh temporary folder, a server on 127.0.0.1 and a free port (its socket in
 * that folder too), one database per suite, and everything stopped and removed at the end.
 * PostgreSQL refuses to run as root, so as root (CI) the cluster belongs to the `postgres` user
 * (runuser); as anyone else (a developer's machine) it runs as that user. Nothing is shared with
 * a PostgreSQL the machine may already run. It never skips: if the cluster cannot start,
 * `startPgCluster` throws with the reason.
 */
export interface PgCluster {
  /** Makes a fresh database (empty, or a copy of `template`, which must have no open connection) and answers its connection string. */
  createDatabase(options?: { name?: string; template?: string }): Promise<string>;
  /** A connection string for an existing database of this cluster. */
  url(database: string): string;
  readonly port: number;
  /** Restarts the server (`pg_ctl restart -m fast`): every connection is cut, the data stays. */
  restart(): Promise<void>;
  /** Stops the server (fast shutdown) and removes its folder. */
  stop(): Promise<void>;
}

/** Where Debian (postgresql-NN) and other systems put the server binaries; JINKA_PG_BIN first. */
function findBinDir(): string {
  const candidates: string[] = [];
  if (process.env.JINKA_PG_BIN) candidates.push(process.env.JINKA_PG_BIN);
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    for (const version of readdirSync(debian).sort((a, b) => Number(b) - Number(a))) candidates.push(join(debian, version, 'bin'));
  }
  candidates.push('/usr/local/bin', '/opt/homebrew/bin', '/usr/bin');
  const found = candidates.find((dir) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl')));
  if (found === undefined) {
    throw new Error(
      `PostgreSQL test cluster: no initdb/pg_ctl found (looked in ${candidates.join(', ')}); install postgresql (Debian: apt-get install postgresql) or set JINKA_PG_BIN`,
    );
  }
  return found;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

const asRoot = (): boolean => process.getuid?.() === 0;

/** Runs a PostgreSQL binary as the cluster's owner; a failure throws with what the binary printed. */
function runPg(bin: string, args: string[]): void {
  const [command, argv] = asRoot() ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  try {
    execFileSync(command, argv, { stdio: 'pipe', timeout: 60_000 });
  } catch (error) {
    const e = error as { stderr?: Buffer; stdout?: Buffer; message: string };
    const said = `${e.stderr?.toString() ?? ''}${e.stdout?.toString() ?? ''}`.trim().split('\n').slice(-4).join(' | ');
    throw new Error(`PostgreSQL test cluster: ${bin.split('/').pop() ?? bin} failed: ${said || e.message}`, { cause: error });
  }
}

/**
 * Starts a cluster (about a second); throws with the reason when it cannot. `durable` keeps
 * fsync and full-page writes on, as a production server has them (the benchmark); without it
 * the throwaway data is never synced.
 */
export async function startPgCluster(options: { durable?: boolean } = {}): Promise<PgCluster> {
  const bin = findBinDir();
  const dir = mkdtempSync(join(tmpdir(), 'jinka-pg-'));
  const user = asRoot() ? 'postgres' : userInfo().username;
  const stopServer = () => {
    try {
      runPg(join(bin, 'pg_ctl'), ['-D', join(dir, 'data'), '-m', 'fast', '-w', 'stop']);
    } catch {
      // Not running (it never started, or it stopped already).
    }
  };
  try {
    if (asRoot()) chownSync(dir, Number(execFileSync('id', ['-u', 'postgres']).toString().trim()), Number(execFileSync('id', ['-g', 'postgres']).toString().trim()));
    // Throwaway data: no fsync, so a test cluster costs little on a shared machine.
    runPg(join(bin, 'initdb'), ['-D', join(dir, 'data'), '-A', 'trust', '-U', user, '--no-sync', '-E', 'UTF8', '--locale=C']);
    let port = 0;
    for (let attempt = 1; ; attempt += 1) {
      port = await freePort();
      const throwaway = options.durable === true ? '' : ' -c fsync=off -c full_page_writes=off';
      const serverOptions = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1${throwaway} -c max_connections=60`;
      try {
        runPg(join(bin, 'pg_ctl'), ['-D', join(dir, 'data'), '-o', serverOptions, '-l', join(dir, 'server.log'), '-w', '-t', '30', 'start']);
        break;
      } catch (error) {
        // Another process may have taken the port between the probe and the start.
        if (attempt >= 3) throw error;
        stopServer();
      }
    }
    const url = (database: string) => `postgres://${encodeURIComponent(user)}@127.0.0.1:${port}/${database}`;
    let made = 0;
    return {
      port,
      url,
      async createDatabase(options = {}) {
        made += 1;
        const database = options.name ?? `jinka_${made}_${process.pid}`;
        for (const name of [database, options.template ?? 'template0']) {
          if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`PostgreSQL test cluster: bad database name ${name}`);
        }
        const client = new pg.Client({ connectionString: url('postgres') });
        await client.connect();
        try {
          await client.query(`CREATE DATABASE ${database} TEMPLATE ${options.template ?? 'template0'} STRATEGY FILE_COPY`);
        } finally {
          await client.end();
        }
        return url(database);
      },
      restart() {
        // The server options are kept in postmaster.opts, so the restart listens where it did.
        runPg(join(bin, 'pg_ctl'), ['-D', join(dir, 'data'), '-m', 'fast', '-l', join(dir, 'server.log'), '-w', '-t', '30', 'restart']);
        return Promise.resolve();
      },
      stop() {
        stopServer();
        rmSync(dir, { recursive: true, force: true });
        return Promise.resolve();
      },
    };
  } catch (error) {
    stopServer();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
