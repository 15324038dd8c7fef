import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { expect } from 'vitest';
import { localeFromEnv } from '../../../node/cli/cli-kit.js';
import type { HubCliContext } from '../../../hub/cli/hub-cli.js';
import { runHubCli } from '../../../hub/cli/main.js';

/** The repository root and the compiled command (dist/ is built by the integration project's global setup). */
const ROOT = resolve(import.meta.dirname, '../../..');
export const HUB_BIN = join(ROOT, 'bin/jinka-hub.js');

/** What one `jinka-hub` run printed and returned. */
export interface HubRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** The bureau's staff never see a stack trace: every run is checked for one. */
function checked(run: HubRun): HubRun {
  expect(run.stderr, 'stack trace on stderr').not.toMatch(/\n\s+at /);
  return run;
}

/**
 * Runs `jinka-hub ARGV` in this process through `runHubCli`, the function bin/jinka-hub.js
 * calls, with output captured line by line as the process would print it. `serve` runs until
 * `stop` resolves (the process's SIGINT/SIGTERM); paths should be absolute (the working folder
 * is the test runner's).
 */
export async function hubInProcess(argv: string[], env: NodeJS.ProcessEnv, stop: Promise<string> = new Promise(() => undefined), onOut?: (line: string) => void): Promise<HubRun> {
  let stdout = '';
  let stderr = '';
  const ctx: HubCliContext = {
    out: (line) => {
      stdout += `${line}\n`;
      onOut?.(line);
    },
    err: (line) => {
      stderr += `${line}\n`;
    },
    env,
    lang: localeFromEnv(env),
    stopSignal: () => stop,
  };
  const status = await runHubCli(argv, ctx);
  return checked({ status, stdout, stderr });
}

/** The real command, `node bin/jinka-hub.js ARGV`, for what only a process shows (exit status, a working folder, signals). */
export function hubProcess(argv: string[], env: NodeJS.ProcessEnv, cwd = ROOT): HubRun {
  const r = spawnSync(process.execPath, [HUB_BIN, ...argv], { cwd, env, encoding: 'utf8', timeout: 60_000 });
  expect(r.error).toBeUndefined();
  return checked({ status: r.status, stdout: r.stdout, stderr: r.stderr });
}
