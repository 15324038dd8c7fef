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
  // The cards last exactly two card-years from their nbf (§6): from 29 February they end on 28 February.
  for (const [now, nbf, exp] of [
    ['2028-03-30T15:30:00+08:00', '2028-02-29T00:00:00+08:00', '2030-02-28T00:00:00+08:00'],
    ['2028-02-29T15:30:00+08:00', '2028-01-30T00:00:00+08:00', '2030-01-30T00:00:00+08:00'],
  ] as const) {
    it(`made at ${now}, issues cards valid from Shanghai midnight 30 days back (${nbf}) to two card-years on (${exp})`, { timeout: 60_000 }, async () => {
      const { dir, cleanup } = tempDir();
      later(cleanup);
      const demo = await createHubDemo(join(dir, 'demo'), undefined, () => at(now));
      later(() => demo.hub.close());
      expect(claimsOf(join(demo.cardsDir, 'DEMO-SD-000001.jwt'))).toMatchObject({ nbf: sec(nbf), exp: sec(exp) });
      expect(claimsOf(join(demo.cardsDir, `${demo.cards[0]?.sub ?? ''}.jwt`))).toMatchObject({ nbf: sec(nbf), exp: sec(exp) });
    });
  }
});
