import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTerminalService } from '../../electron/api/terminal-service.js';
import { splitBundleText } from '../../electron/core/bundles/bundle-file.js';
import { addOperator } from '../../electron/core/operator-accounts.js';
import { DB_FILE } from '../../electron/core/store/database.js';
import { enrolTerminal } from '../../electron/core/sync/enrol.js';
import { importItems } from '../../electron/core/sync/import-items.js';
import { runSyncRound } from '../../electron/core/sync/sync-round.js';
import { Terminal } from '../../electron/core/terminal.js';
import { HUB_DB_FILE } from '../../hub/store/sqlite/hub-database.js';
import { formatShanghai } from '../../shared/time/shanghai-calendar.js';
import { builtForIntegration, residentId } from './support/real-hub.js';
import { ServedHub } from './support/served-hub.js';
import { openStores } from '../support/stores.js';

const DAY = 86_400_000;
const shanghaiDate = (ms: number) => formatShanghai(ms).slice(0, 10);
/** The holder's ID number (the hub issues the card from it) and a parent's, typed by mistake at the counter. */
const HOLDER_ID = residentId(731);
const PARENT_ID = '37150219500305002X';
/** Anything shaped like a resident ID (18 characters, GB 11643) or an old 15-digit one, standing alone. */
const ID_SHAPED = /(?<![0-9A-Za-z])(\d{17}[\dXx]|\d{15})(?![0-9A-Za-z])/;

/** Every text value of every table of a SQLite file, as `table.column: value`. */
function textValues(file: string): string[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const tables = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'").all();
    const values: string[] = [];
    for (const { name } of tables) {
      for (const row of db.prepare(`SELECT * FROM "${name.replace(/"/g, '""')}"`).all() as Record<string, unknown>[]) {
        for (const [column, value] of Object.entries(row)) {
          if (typeof value === 'string') values.push(`${name}.${column}: ${value}`);
          else if (Buffer.isBuffer(value)) values.push(`${name}.${column}: ${value.toString('latin1')}`);
        }
      }
    }
    return values;
  } finally {
    db.close();
  }
}

/** What a database (and its WAL, which holds the newest pages) reveals of ID numbers: rows and raw bytes. */
function idFindings(file: string): string[] {
  const findings = textValues(file).filter((v) => ID_SHAPED.test(v) || v.includes(HOLDER_ID) || v.includes(PARENT_ID));
  for (const raw of [file, `${file}-wal`].filter((f) => existsSync(f))) {
    const bytes = readFileSync(raw);
    for (const id of [HOLDER_ID, PARENT_ID]) if (bytes.includes(Buffer.from(id))) findings.push(`${raw}: bytes of ${id.slice(0, 4)}…`);
    const shaped = ID_SHAPED.exec(bytes.toString('latin1'));
    if (shaped !== null) findings.push(`${raw}: ID-shaped ${shaped[0].slice(0, 4)}…`);
  }
  return findings;
}

/**
 * Art. 22 subsidises the holder's parents: the counter needs to know which parent, not who.
 * A full sync round through the real hub leaves no ID number in either database.
 */
describe('no ID number in either database after a full sync round (PIPL, Art. 22)', { timeout: 180_000 }, () => {
  const hub = new ServedHub();
  const folders: string[] = [];
  const terminals: Terminal[] = [];
  let publishDir: string;

  beforeAll(async () => {
    if (!builtForIntegration()) throw new Error('run `npm run build` first: these tests start bin/jinka-hub.js');
    await hub.init();
    publishDir = join(hub.root, 'publish');
    await hub.must('publish', '--out', publishDir);
    await hub.start();
  });

  afterAll(async () => {
    for (const t of terminals) t.close();
    for (const dir of folders) rmSync(dir, { recursive: true, force: true });
    await hub.cleanup();
  });

  async function eldercareHome(site: string): Promise<{ terminal: Terminal; dir: string }> {
    const dir = mkdtempSync(join(tmpdir(), 'jinka-term-pii-'));
    folders.push(dir);
    const terminal = Terminal.create(dir);
    terminals.push(terminal);
    const trust = terminal.importText(readFileSync(join(publishDir, 'provision', 'trust.json'), 'utf8'));
    if (!trust.ok) throw new Error(trust.error.message);
    importItems(terminal, splitBundleText(readFileSync(join(publishDir, 'bundles.jwt'), 'utf8')));
    const code = await hub.enrolCode(site, 'eldercare');
    const enrolled = await enrolTerminal(terminal, { hubUrl: hub.url, code, terminalId: site.replace(/\W+/g, '-').toUpperCase(), site, service: 'eldercare' });
    if (!enrolled.ok) throw new Error(JSON.stringify(enrolled.error));
    return { terminal, dir };
  }

  it('keeps father/mother only: the counter refuses an ID number, the hub refuses one from an old terminal', async () => {
    const now = Date.now();
    const card = await hub.issueCard(HOLDER_ID, shanghaiDate(now - 30 * DAY), shanghaiDate(now + 700 * DAY));

    // A current counter, through the terminal API the UI uses.
    const home = await eldercareHome('Sunset Eldercare Home');
    const added = await addOperator(home.terminal, { id: 'boss', name: '主管', role: 'supervisor', pin: '999999' });
    expect(added.ok).toBe(true);
    const api = createTerminalService(home.terminal, { log: () => undefined });
    expect((await api.call('session.signIn', { operatorId: 'boss', pin: '999999' })).ok).toBe(true);
    expect((await api.call('settings.set', { service: 'eldercare', requireIdCheck: false })).ok).toBe(true);
    // Cards are scanned by an operator (the supervisor role is for settings).
    expect((await addOperator(home.terminal, { id: 'op1', name: '收银员', role: 'operator', pin: '1234' })).ok).toBe(true);
    expect((await api.call('session.signIn', { operatorId: 'op1', pin: '1234' })).ok).toBe(true);
    const typedId = await api.call('card.verify', { token: card.token, beneficiary: PARENT_ID });
    expect(typedId).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(JSON.stringify(typedId)).not.toContain(PARENT_ID.slice(0, 6));
    const verified = await api.call('card.verify', { token: card.token, beneficiary: '父亲' });
    if (!verified.ok) throw new Error(verified.error.message);
    expect(verified.value.decision.decision).toBe('accept');
    expect((await api.call('card.record', { decisionId: verified.value.id, idChecked: true })).ok).toBe(true);

    // An old terminal that kept what was typed (before its core refused it, shared/request-fields.ts):
    // its decision holds the ID number as the beneficiary, and records it into the use it uploads.
    const old = await eldercareHome('Old Eldercare Home');
    const oldUse = old.terminal.verify({ token: card.token, service: 'eldercare', atMs: Date.now(), companions: {}, beneficiary: 'father' });
    openStores(old.terminal).db.prepare('UPDATE decisions SET beneficiary = ? WHERE id = ?').run(PARENT_ID, oldUse.id);
    expect(old.terminal.record(oldUse.id).ok).toBe(true);

    // A full round each: uploads, bundles, and the other venue's uses into remote_uses.
    const oldRound = await runSyncRound(old.terminal);
    expect(oldRound.upload?.flags.some((f) => f.startsWith('BAD_USE') && /identity-document number/.test(f))).toBe(true);
    expect(oldRound.upload?.flags.join('\n')).not.toContain(PARENT_ID.slice(0, 6));
    expect((await runSyncRound(home.terminal)).state).toBe('idle');
    expect((await runSyncRound(old.terminal)).state).toBe('idle');
    expect((await runSyncRound(home.terminal)).state).toBe('idle');

    // The scan is not blind: the old terminal's own database does hold the number it kept.
    expect(idFindings(join(old.dir, DB_FILE)).length).toBeGreaterThan(0);
    expect(idFindings(join(home.dir, DB_FILE))).toEqual([]);
    expect(idFindings(join(hub.dataDir, HUB_DB_FILE))).toEqual([]);

    // The per-parent quota works with the labels: the father's claim this month is used, the mother's is not.
    const decide = (beneficiary: string) => home.terminal.decide({ token: card.token, service: 'eldercare', atMs: Date.now(), companions: {}, beneficiary }).decision;
    expect(decide('father')).toMatchObject({ decision: 'reject', reasons: ['QUOTA_EXHAUSTED'] });
    expect(decide('mother')).toMatchObject({ decision: 'accept', quota: { used: 0 } });
  });
});
