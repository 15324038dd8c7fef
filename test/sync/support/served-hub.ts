import { hubInProcess } from '../../hub/cli/run-hub.js';
import { RealHub, type Run } from './real-hub.js';

/**
 * The real hub server, its own process (it can be stopped and started again), with the bureau's
 * commands (`enrol-code`, `issue`, `revoke`, `publish`, `report`, `import-usage`, `key …`,
 * `terminal …`) run in this process through runHubCli on the same database, as `jinka-hub` would
 * run them beside the server: each command costs milliseconds instead of a process start.
 * test/hub/cli/hub-cli.test.ts runs the commands as processes.
 */
export class ServedHub extends RealHub {
  override async cli(...args: string[]): Promise<Run> {
    const r = await hubInProcess([...args, '--data-dir', this.dataDir], { ...process.env, ...this.env, JINKA_LANG: 'en', JINKA_DEBUG: '' });
    return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
  }
}
