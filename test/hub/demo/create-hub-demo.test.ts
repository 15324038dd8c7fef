import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHubDemo } from '../../../hub/demo/create-hub-demo.js';
import { sec } from '../../support/fixtures.js';
import { at, cleanupAfterEach, tempDir } from '../hub-fixtures.js';

const later = cleanupAfterEach();

/** The claims of a card token the demo wrote. */
const claimsOf = (file: string): { nbf: number; exp: number } => {
  const payload = readFileSync(file, 'utf8').trim().split('.')[1] ?? '';
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { nbf: number; exp: number };
};

describe('createHubDemo', () => {
  // On 29 February the demo's two-year cards end where a card-year would start (§6): 28 February.
  it('issues cards valid from Shanghai midnight 30 days back to the same date two card-years on', { timeout: 60_000 }, async () => {
    const { dir, cleanup } = tempDir();
    later(cleanup);
    const demo = await createHubDemo(join(dir, 'demo'), undefined, () => at('2028-02-29T15:30:00+08:00'));
    later(() => demo.hub.close());
    expect(claimsOf(join(demo.cardsDir, 'DEMO-SD-000001.jwt'))).toMatchObject({ nbf: sec('2028-01-30T00:00:00+08:00'), exp: sec('2030-02-28T00:00:00+08:00') });
  });
});
