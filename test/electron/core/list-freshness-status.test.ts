import { afterEach, describe, expect, it } from 'vitest';
import { statusCommand } from '../../../electron/cli/commands/status-command.js';
import { syncLines } from '../../../electron/cli/commands/sync-command.js';
import { createTerminalService } from '../../../electron/api/terminal-service.js';
import { syncDetails } from '../../../electron/core/sync/sync-status.js';
import { Terminal } from '../../../electron/core/terminal.js';
import { terminalStatus } from '../../../electron/core/terminal-reports.js';
import { at, makeAuthority, sec, tempDir } from '../../support/fixtures.js';

/**
 * Seen at a counter: the province's list was missing while the city's was minutes old. The
 * status bar, `jinka status` and `jinka sync status` must agree with the decision (§6
 * LISTS_STALE): the lists are stale, and they say whose list is missing.
 */
describe('one freshness for the status bar, jinka status and sync status', () => {
  let done: (() => void) | undefined;
  afterEach(() => done?.());

  let folder = '';
  let closeTerminal = (): void => undefined;
  function cityListOnly(): Terminal {
    const authority = makeAuthority();
    const { dir, cleanup } = tempDir();
    folder = dir;
    const now = at('2026-06-01T10:00:00+08:00');
    const terminal = Terminal.create(dir, () => now);
    let open = true;
    closeTerminal = () => {
      if (open) terminal.close();
      open = false;
    };
    done = () => {
      closeTerminal();
      cleanup();
    };
    expect(terminal.importText(JSON.stringify(authority.trust)).ok).toBe(true);
    const list = authority.bundle({ iss: 'lc-hrss', typ: 'jinka/revocations', seq: 1, base: 0, iat: sec('2026-06-01T09:58:00+08:00'), revoked: [] });
    expect(terminal.importText(list).ok).toBe(true);
    return terminal;
  }

  it('jinka status counts the missing province list as stale and names it', () => {
    const status = terminalStatus(cityListOnly());
    expect(status.listsMissing).toEqual(['sd-hrss']);
    expect(status.listsStale).toBe(true);
    expect(status.revocationLists).toMatchObject([{ iss: 'lc-hrss', stale: false }]);
  });

  it('jinka status prints a line for the issuer whose list is missing', () => {
    cityListOnly();
    closeTerminal();
    const out: string[] = [];
    const ctx = { locale: 'en' as const, out: (line: string) => out.push(line), err: (line: string) => out.push(line), readStdin: () => '', env: {} };
    expect(statusCommand(ctx, ['--data-dir', folder])).toBe(0);
    expect(out).toContainEqual(expect.stringMatching(/^ {2}sd-hrss {2}none held {2}⚠ stale/));
  });

  it('the status bar says the same, with the missing issuer named', async () => {
    const service = createTerminalService(cityListOnly());
    expect(await service.call('status.get', {})).toMatchObject({ ok: true, value: { listsStale: true, listsMissing: ['sd-hrss'] } });
  });

  it('sync status says the same', () => {
    const details = syncDetails(cityListOnly());
    expect(details.listsMissing).toEqual(['sd-hrss']);
    expect(details.lists).toMatchObject([{ iss: 'lc-hrss', stale: false }]);
    const ctx = { locale: 'en' as const, out: () => undefined, err: () => undefined, readStdin: () => '', env: {} };
    const lines = syncLines(ctx, { ...details, hubClock: { hubTime: '2026-06-01 10:00:00', skewSeconds: 0, warning: null } });
    expect(lines).toContainEqual('  sd-hrss revocation list: none held (stale)');
  });
});
