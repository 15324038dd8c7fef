import { describe, expect, it } from 'vitest';
import { auditHash, GENESIS_HASH } from '../../../node/audit/audit-hash.js';
import { uploadable } from '../../../electron/core/sync/upload-batches.js';
import { auditEntrySchema } from '../../../shared/sync/sync-protocol.js';
import { checkEntries } from '../../../hub/usage/upload-batch.js';

/** An entry's kind is stored in a text column: PostgreSQL refuses U+0000 there, so the protocol refuses any control character. */
describe('an audit entry whose kind holds a control character (README "One bad entry")', () => {
  const entry = (kind: string) => {
    const body = '{"note":1}';
    return { seq: 1, at_ms: 1, kind, body, prev_hash: GENESIS_HASH, hash: auditHash(GENESIS_HASH, 1, 1, kind, body) };
  };

  it('is outside the protocol', () => {
    for (const kind of ['use\u0000', 'no\nte', '\u001b[31m']) expect(auditEntrySchema.safeParse(entry(kind)).success, JSON.stringify(kind)).toBe(false);
    expect(auditEntrySchema.safeParse(entry('decision')).success).toBe(true);
  });

  it('goes as a stand-in the protocol takes, which the hub flags (its hash no longer matches) and stores', () => {
    const { entry: sent, withheld } = uploadable(entry('use\u0000'));
    expect(withheld?.path).toBe('kind');
    expect(auditEntrySchema.safeParse(sent).success).toBe(true);
    const [checked] = checkEntries({ typ: 'jinka/audit-batch', terminal: 'T1', iat: 1, entries: [sent] });
    expect(checked?.hashOk).toBe(false);
  });
});
