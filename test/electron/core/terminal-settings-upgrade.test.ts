import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { DB_FILE } from '../../../electron/core/store/database.js';
import { Terminal } from '../../../electron/core/terminal.js';
import { saveTerminalSettings, terminalSettings } from '../../../electron/core/terminal-settings.js';
import { makeAuthority, provisionedTerminal } from '../../support/fixtures.js';

/**
 * Stored counter settings outlive the version that wrote them: a later version may drop a
 * setting (its key stays in the stored JSON) or add one (the stored JSON lacks it), and a
 * hand edit may spoil one value. None of these may reset the site's terminal id and name.
 */
describe('stored counter settings across an upgrade', () => {
  let done: (() => void) | undefined;
  afterEach(() => done?.());

  function siteWithStored(stored: Record<string, unknown>): Terminal {
    const { terminal, dir, cleanup } = provisionedTerminal(makeAuthority());
    const saved = saveTerminalSettings(terminal, { siteName: '聊城汽车站', terminalId: 'BUS-02', service: 'bus' });
    if (!saved.ok) throw new Error(saved.error);
    terminal.close();
    const db = new Database(join(dir, DB_FILE));
    db.prepare("UPDATE settings SET value = ? WHERE key = 'terminal'").run(JSON.stringify(stored));
    db.close();
    const reopened = Terminal.open(dir);
    done = () => {
      reopened.close();
      cleanup();
    };
    return reopened;
  }

  it('keeps the terminal id and site name when the stored JSON holds a setting this version dropped', () => {
    const terminal = siteWithStored({ siteName: '聊城汽车站', terminalId: 'BUS-02', service: 'bus', printReceipts: true });
    expect(terminalSettings(terminal)).toMatchObject({ siteName: '聊城汽车站', terminalId: 'BUS-02', service: 'bus' });
  });

  it('fills a setting this version added with its default and keeps the rest', () => {
    const terminal = siteWithStored({ siteName: '聊城汽车站', terminalId: 'BUS-02', service: 'bus', kiosk: true });
    expect(terminalSettings(terminal)).toMatchObject({ siteName: '聊城汽车站', terminalId: 'BUS-02', kiosk: true, sounds: true, gate: { kind: 'none' } });
  });

  it('drops only a value that no longer passes its own field schema', () => {
    const terminal = siteWithStored({ siteName: '聊城汽车站', terminalId: 'BUS-02', autoReturnSeconds: 1, language: 'fr' });
    expect(terminalSettings(terminal)).toMatchObject({ siteName: '聊城汽车站', terminalId: 'BUS-02', autoReturnSeconds: 15, language: 'zh' });
  });

  it('keeps an unknown stored key out of what the next save writes back, and saves the rest', () => {
    const terminal = siteWithStored({ siteName: '聊城汽车站', terminalId: 'BUS-02', service: 'bus', printReceipts: true });
    const saved = saveTerminalSettings(terminal, { kiosk: true });
    expect(saved).toMatchObject({ ok: true, value: { siteName: '聊城汽车站', terminalId: 'BUS-02', kiosk: true } });
    expect(terminalSettings(terminal)).toMatchObject({ siteName: '聊城汽车站', terminalId: 'BUS-02', kiosk: true });
  });
});
