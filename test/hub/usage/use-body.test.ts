import { describe, expect, it } from 'vitest';
import { TerminalKeys } from '../../../hub/terminals/terminal-auth.js';
import { ingestUpload } from '../../../hub/usage/ingest-upload.js';
import { quotaFeed } from '../../../hub/usage/quota-feed.js';
import { readUseBody, withoutIdNumber } from '../../../hub/usage/use-body.js';
import { auditEntries, cleanupAfterEach, enrol, holder, issue, terminalFromHub, testClock, testHub } from '../hub-fixtures.js';
import { openStores } from '../../support/stores.js';

const PARENT_ID = '37150219500305002X';
const body = (beneficiary: string) =>
  JSON.stringify({ id: 'u-1', decisionId: 'd-1', iss: 'lc-hrss', sub: 'LC-A-000001', tier: 'A', service: 'eldercare', beneficiary, atMs: 1, realMs: 1, companions: {}, ticket: null });

describe('readUseBody: the eldercare beneficiary at ingest (Art. 22: which parent, never who)', () => {
  it('refuses a use whose beneficiary looks like an ID number, without repeating it', () => {
    for (const id of [PARENT_ID, '371502500305002', 'E12345678']) {
      const read = readUseBody(body(id));
      expect('problem' in read && read.problem, id).toMatch(/beneficiary: looks like an identity-document number/);
      expect(JSON.stringify(read)).not.toContain(id.slice(0, 6));
    }
  });

  it('stores father/mother for either spelling, and keeps an empty beneficiary', () => {
    expect(readUseBody(body('父亲'))).toMatchObject({ use: { beneficiary: 'father' } });
    expect(readUseBody(body('mother'))).toMatchObject({ use: { beneficiary: 'mother' } });
    expect(readUseBody(body(''))).toMatchObject({ use: { beneficiary: '' } });
  });

  it('takes the ID number out of the body the hub stores, and nothing else', () => {
    const stripped = withoutIdNumber('use', body(PARENT_ID));
    expect(stripped).not.toContain(PARENT_ID);
    expect(JSON.parse(stripped)).toEqual({ ...JSON.parse(body(PARENT_ID)), beneficiary: '' });
    expect(withoutIdNumber('use', body('father'))).toBe(body('father'));
    expect(withoutIdNumber('decision', '{"beneficiary":"x"}')).toBe('{"beneficiary":"x"}');
  });
});

describe('ingestUpload of an old terminal that kept an ID number as the beneficiary', () => {
  const later = cleanupAfterEach();

  it('flags the use BAD_USE, stores neither the use nor the number, and feeds it to no one', async () => {
    const clock = testClock();
    const made = await testHub(clock);
    later(made.cleanup);
    const [card] = await issue(made.hub, [holder(1)]);
    if (card === undefined) throw new Error('no card');
    const { terminal, cleanup } = await terminalFromHub(made.hub, clock);
    later(cleanup);
    const enrolled = await enrol(made.hub, 'T1', '夕阳红养老院', 'eldercare');
    // Its decision kept what was typed (today's core refuses it, shared/request-fields.ts), and record() uploads it.
    const verified = terminal.verify({ token: card.token, service: 'eldercare', atMs: clock(), companions: {}, beneficiary: 'father' });
    openStores(terminal).db.prepare('UPDATE decisions SET beneficiary = ? WHERE id = ?').run(PARENT_ID, verified.id);
    expect(terminal.record(verified.id).ok).toBe(true);
    const entries = auditEntries(terminal);
    const ack = await ingestUpload(made.hub, enrolled.batch(entries, made.hub.now()), new TerminalKeys(), await made.hub.store.terminals.get('T1'));
    if (!ack.ok) throw new Error(ack.error.message);
    expect(ack.value.uses).toBe(0);
    expect(ack.value.flags.some((f) => f.startsWith('BAD_USE'))).toBe(true);
    expect(JSON.stringify(ack.value)).not.toContain(PARENT_ID.slice(0, 6));
    // The chain still acknowledges (the hash was checked on the body as uploaded) …
    expect(ack.value.cursor).toBe(entries.length);
    // … but the stored entry no longer carries the number.
    const stored = await made.hub.store.audit.entries('T1', 1, 100);
    expect(stored.length).toBe(entries.length);
    expect(JSON.stringify(stored)).not.toContain(PARENT_ID);
    await enrol(made.hub, 'T2', '东昌养老院', 'eldercare');
    const other = await made.hub.store.terminals.get('T2');
    if (other === undefined) throw new Error('T2 not enrolled');
    const feed = await quotaFeed(made.hub, other, { since: 0, limit: 100 });
    expect(feed.uses).toEqual([]);
    expect(JSON.stringify(feed)).not.toContain(PARENT_ID);
  });
});

describe('readUseBody: control characters in a use’s text fields (README "One bad entry")', () => {
  const fields = (over: Record<string, unknown>) =>
    JSON.stringify({ id: 'u-1', decisionId: 'd-1', iss: 'lc-hrss', sub: 'LC-A-000001', tier: 'A', service: 'cinema', beneficiary: '', atMs: 1, realMs: 1, companions: {}, ticket: null, ...over });

  it('refuses a NUL or any other control character in every text field, so the entry is flagged BAD_USE and the queue moves', () => {
    // PostgreSQL cannot store U+0000 in a TEXT column: such a use failed every retry with a 500 there.
    for (const bad of ['\u0000', '\u0007', '\u001b[2J', '\u007f', '\u0085', '\u202e']) {
      for (const field of ['id', 'decisionId', 'iss', 'sub', 'tier', 'service', 'beneficiary', 'ticket']) {
        const read = readUseBody(fields({ [field]: `x${bad}y` }));
        expect('problem' in read && read.problem, `${field} ${JSON.stringify(bad)}`).toContain(`${field}: no control characters`);
      }
      const relation = readUseBody(fields({ companions: { [`sp${bad}`]: 1 } }));
      expect('problem' in relation, JSON.stringify(bad)).toBe(true);
      // The problem is stored as a flag's detail: it never carries the character itself.
      expect('problem' in relation ? relation.problem : '').not.toMatch(/[\p{Cc}\u202e]/u);
    }
  });

  it('takes ordinary text, Chinese included', () => {
    expect(readUseBody(fields({ ticket: 'K1 座位 12', sub: 'LC-A-000001' }))).toMatchObject({ use: { ticket: 'K1 座位 12' } });
  });
});
