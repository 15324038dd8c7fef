import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type * as PasswordModule from '../../../hub/console/password.js';
import { consoleBench, ORIGIN, PASSWORDS } from './console-fixture.js';

/** Counts the slow password checks, to show how many guesses were actually tried. */
const checks = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../../hub/console/password.js', async (importOriginal) => {
  const real = await importOriginal<typeof PasswordModule>();
  return {
    ...real,
    passwordMatches: (password: string, stored: string | undefined) => {
      checks.count += 1;
      return real.passwordMatches(password, stored);
    },
  };
});

type Bench = Awaited<ReturnType<typeof consoleBench>>;

describe('console lockout under concurrency', () => {
  let b: Bench;
  beforeEach(async () => {
    b = await consoleBench();
    checks.count = 0;
  });
  afterEach(async () => {
    await b.cleanup();
  });

  const guess = (i: number, id: string, password: string) =>
    b.app.inject({ method: 'POST', url: '/console/api/sign-in', remoteAddress: `10.1.${i >> 8}.${i & 255}`, headers: { origin: ORIGIN }, payload: { id, password } });

  it('200 parallel guesses from 200 addresses: at most five passwords are hashed, the rest are locked out unhashed', async () => {
    const started = performance.now();
    const answers = await Promise.all(Array.from({ length: 200 }, (_, i) => guess(i, 'officer', `guess-${i}-xxxxx`)));
    const ms = performance.now() - started;
    const codes = answers.map((r) => r.json<{ error: string }>().error);
    expect(checks.count).toBeLessThanOrEqual(5);
    expect(codes.filter((c) => c === 'SIGN_IN_FAILED').length).toBeLessThanOrEqual(5);
    expect(codes.filter((c) => c === 'LOCKED_OUT').length).toBeGreaterThanOrEqual(195);
    expect((await guess(999, 'officer', PASSWORDS.officer)).statusCode).toBe(423);
    console.log(`200 parallel sign-in guesses: ${checks.count} hashed, answered in ${Math.round(ms)} ms`);
  });

  it('the right password among 200 parallel wrong ones is refused too once the lock is set', async () => {
    const answers = await Promise.all(Array.from({ length: 200 }, (_, i) => guess(i, 'officer', i === 150 ? PASSWORDS.officer : `guess-${i}-xxxxx`)));
    expect(checks.count).toBeLessThanOrEqual(5);
    expect(answers[150]?.statusCode).toBe(423);
  });

  it('an unknown id costs the same number of hashes and locks alike', async () => {
    const answers = await Promise.all(Array.from({ length: 200 }, (_, i) => guess(i, 'nobody', `guess-${i}-xxxxx`)));
    expect(checks.count).toBeLessThanOrEqual(5);
    expect(answers.filter((r) => r.statusCode === 423).length).toBeGreaterThanOrEqual(195);
  });
});
