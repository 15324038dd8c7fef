import { describe, expect, it } from 'vitest';
import { es256SignatureValid } from '../../../node/crypto/es256-verify.js';
import { publicKeyFromJwk } from '../../../node/crypto/keys.js';
import { auditAckPayloadSchema } from '../../../shared/sync/audit-ack.js';
import { parseCompactJwt } from '../../../shared/token/compact-jwt.js';
import { importUsageFile, signAuditAck } from '../../../hub/usage/import-usage-file.js';
import { cleanupAfterEach, auditEntries, enrol, holder, issue, recordUse, terminalFromHub, testClock, testHub } from '../hub-fixtures.js';

describe('importUsageFile (USB round trip)', () => {
  const later = cleanupAfterEach();

  it('imports one signed batch per line, idempotently, and signs an acknowledgement for the terminal', async () => {
    const clock = testClock();
    const made = await testHub(clock);
    later(made.cleanup);
    const { hub } = made;
    const [card] = await issue(hub, [holder(1)]);
    const { terminal, cleanup } = await terminalFromHub(hub, clock);
    later(cleanup);
    const t1 = await enrol(hub, 'T1', 'S1');
    recordUse(terminal, card?.token ?? '', 'cinema', clock());
    const entries = auditEntries(terminal);
    const file = `# jinka sync export\n${t1.batch(entries.slice(0, 3), clock())}\n${t1.batch(entries.slice(3), clock())}\n`;
    const first = await importUsageFile(hub, file);
    expect(first).toMatchObject({ batches: 2, accepted: entries.length, duplicates: 0, uses: 1, refused: [], cursors: { T1: entries.length } });
    const again = await importUsageFile(hub, file);
    expect(again).toMatchObject({ batches: 2, accepted: 0, duplicates: entries.length, uses: 0 });
    expect(await hub.store.uses.count()).toBe(1);
    // A file import says nothing of the clock: no CLOCK_OFF even though the batch is old.
    expect(await hub.store.flags.counts()).toEqual({});

    const bad = await importUsageFile(hub, `${t1.batch(entries, clock()).slice(0, -4)}AAAA\n`);
    expect(bad.refused).toEqual([{ line: 1, message: expect.stringMatching(/^BAD_SIGNATURE/) as unknown }]);

    const ack = await signAuditAck(hub, 'T1', entries.length);
    const jwt = parseCompactJwt(ack);
    expect(auditAckPayloadSchema.parse(jwt?.payload)).toMatchObject({ iss: 'lc-hrss', typ: 'jinka/audit-ack', terminal: 'T1', cursor: entries.length });
    const key = (await hub.store.keys.list()).find((k) => k.kid === jwt?.header.kid);
    expect(es256SignatureValid(ack, publicKeyFromJwk(key?.publicJwk ?? ({} as never)))).toBe(true);
  });
});
