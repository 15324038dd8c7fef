import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { initHub } from '../../../hub/hub-init.js';
import { TEST_SEAL_COST } from '../../hub/hub-fixtures.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const HUB_BIN = join(ROOT, 'bin/jinka-hub.js');
const JINKA_BIN = join(ROOT, 'bin/jinka.js');

/** True once `npm run build` has compiled the hub and the terminal command line. */
export const builtForIntegration = (): boolean =>
  existsSync(join(ROOT, 'dist/hub/cli/main.js')) && existsSync(join(ROOT, 'dist/electron/cli/main.js'));

/** The outcome of one command run as its own process. */
export interface Run {
  code: number;
  out: string;
  err: string;
}

/** Runs `node BIN args…` to completion. */
export function run(bin: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [bin, ...args], { env: { ...process.env, JINKA_LANG: 'en', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code: code ?? -1, out, err }));
  });
}

/** Runs the terminal's `jinka` command on a data folder. */
export const jinka = (dataDir: string, ...args: string[]): Promise<Run> => run(JINKA_BIN, [...args, '--data-dir', dataDir]);

/**
 * The real hub (`bin/jinka-hub.js`) in a temporary folder: initialised, published for a
 * USB stick, and served as its own process on 127.0.0.1. It can be stopped and started
 * again on the same port (the hub down for a while).
 */
export class RealHub {
  readonly root = mkdtempSync(join(tmpdir(), 'jinka-hub-it-'));
  readonly dataDir = join(this.root, 'hub');
  readonly env = { JINKA_HUB_PASSPHRASE: 'integration test passphrase 2026' };
  private server: ChildProcess | undefined;
  url = '';
  port = 0;

  /** `jinka-hub ARGS --data-dir …` as its own process. */
  cli(...args: string[]): Promise<Run> {
    return run(HUB_BIN, [...args, '--data-dir', this.dataDir], this.env);
  }

  /** `cli`, failing the test set-up when the command does. */
  async must(...args: string[]): Promise<string> {
    const r = await this.cli(...args);
    if (r.code !== 0) throw new Error(`jinka-hub ${args.join(' ')} exited ${r.code}: ${r.err}`);
    return r.out;
  }

  /**
   * Creates the hub in-process at the tests' cheap seal cost (the sealed texts record it, so the
   * real `jinka-hub` processes open them as they would any hub); `jinka-hub init` itself is
   * tested in test/hub/cli/hub-cli.test.ts.
   */
  async init(): Promise<void> {
    const hub = await initHub(this.dataDir, this.env.JINKA_HUB_PASSPHRASE, { sealCost: TEST_SEAL_COST });
    await hub.close();
  }

  /** Starts serving (the first time on a free port, later on the same one). */
  async start(): Promise<void> {
    const child = spawn(process.execPath, [HUB_BIN, 'serve', '--port', String(this.port), '--quiet', '--data-dir', this.dataDir], {
      env: { ...process.env, ...this.env, JINKA_LANG: 'en' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.server = child;
    let out = '';
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    this.url = await new Promise<string>((done, fail) => {
      const timer = setTimeout(() => fail(new Error(`the hub did not start: ${err}`)), 30_000);
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const match = /https?:\/\/127\.0\.0\.1:(\d+)/.exec(out);
        if (match) {
          clearTimeout(timer);
          done(match[0]);
        }
      });
      child.on('close', (code) => {
        clearTimeout(timer);
        fail(new Error(`the hub exited ${String(code)}: ${err}`));
      });
    });
    this.port = Number(new URL(this.url).port);
  }

  /** Stops serving (SIGTERM) and waits for the process to end. */
  async stop(): Promise<void> {
    const child = this.server;
    if (child === undefined || child.exitCode !== null) return;
    await new Promise<void>((done) => {
      child.once('close', () => done());
      child.kill('SIGTERM');
    });
    this.server = undefined;
  }

  /** A one-time enrolment code for a site and service. */
  async enrolCode(site: string, service: string): Promise<string> {
    return (JSON.parse(await this.must('enrol-code', '--site', site, '--service', service, '--json')) as { code: string }).code;
  }

  /** Issues one gold card (category 2, tier A) valid from `from` (YYYY-MM-DD); answers its number and token. */
  async issueCard(idNumber: string, from: string, until: string): Promise<{ sub: string; token: string }> {
    const out = join(this.root, 'cards');
    const answer = JSON.parse(await this.must('issue', '--name', '张三明', '--id-number', idNumber, '--category', '2', '--from', from, '--until', until, '--out', out, '--no-pdf', '--json')) as {
      cards: { sub: string }[];
    };
    const sub = answer.cards[0]?.sub ?? '';
    return { sub, token: readFileSync(join(out, `${sub}.jwt`), 'utf8').trim() };
  }

  async cleanup(): Promise<void> {
    await this.stop();
    rmSync(this.root, { recursive: true, force: true });
  }
}

/** A Chinese resident ID number with a correct check character (GB 11643), for test cards. */
export function residentId(serial: number): string {
  const body = `11010519800101${String(serial % 1000).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((s, w, i) => s + w * Number(body[i]), 0);
  return body + '10X98765432'[sum % 11];
}
