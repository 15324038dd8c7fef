import { describe, expect, it } from 'vitest';
import { base32, hotp, matchTotp, otpauthUri, totpStep } from '../../../hub/console/totp.js';

// RFC 6238 Appendix B: the SHA-1 seed is the ASCII of "12345678901234567890"; 8-digit values at these times (seconds).
const SEED = Buffer.from('12345678901234567890', 'ascii');
const VECTORS: [number, string][] = [
  [59, '94287082'],
  [1_111_111_109, '07081804'],
  [1_111_111_111, '14050471'],
  [1_234_567_890, '89005924'],
  [2_000_000_000, '69279037'],
  [20_000_000_000, '65353130'],
];

describe('TOTP (RFC 6238, SHA-1, 30 s)', () => {
  it.each(VECTORS)('at %i s the code is %s', (seconds, code) => {
    expect(hotp(SEED, totpStep(seconds * 1000), 8)).toBe(code);
    // The 6-digit code apps show is the same value's last six digits.
    expect(hotp(SEED, totpStep(seconds * 1000))).toBe(code.slice(2));
  });

  it('RFC 4226 Appendix D HOTP values', () => {
    expect([0, 1, 2, 9].map((c) => hotp(SEED, c))).toEqual(['755224', '287082', '359152', '520489']);
  });

  it('accepts the step before and after, not two away, and answers which step matched', () => {
    const now = 1_111_111_111_000;
    const step = totpStep(now);
    for (const d of [-1, 0, 1]) expect(matchTotp(SEED, hotp(SEED, step + d), now)).toBe(step + d);
    for (const d of [-2, 2]) expect(matchTotp(SEED, hotp(SEED, step + d), now)).toBeUndefined();
    expect(matchTotp(SEED, '12345', now)).toBeUndefined();
    expect(matchTotp(SEED, '１２３４５６', now)).toBeUndefined();
  });

  it('base32 as RFC 4648 §10, and an otpauth URI apps read', () => {
    expect(['f', 'fo', 'foo', 'foob', 'fooba', 'foobar'].map((s) => base32(Buffer.from(s)))).toEqual(['MY', 'MZXQ', 'MZXW6', 'MZXW6YQ', 'MZXW6YTB', 'MZXW6YTBOI']);
    expect(otpauthUri('聊城 局', 'wang', SEED)).toBe(
      `otpauth://totp/${encodeURIComponent('聊城 局')}:wang?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=${encodeURIComponent('聊城 局')}&algorithm=SHA1&digits=6&period=30`,
    );
  });
});
