import { describe, expect, it } from 'vitest';
import { decodeBase64Url, fieldText, MAX_CARD_TOKEN_LENGTH, parseCompactJwt } from '../../../shared/token/compact-jwt.js';
import { b64 } from '../../support/tokens.js';

const header = { alg: 'ES256', typ: 'JWT', kid: 'k1' };
const payload = { iss: 'lc-hrss', sub: 'LC-1', name: '张*明' };
const H = b64(header);
const P = b64(payload);
const S = 'c2lnbmF0dXJl';

describe('decodeBase64Url', () => {
  it('decodes unpadded base64url of every remainder length', () => {
    expect(Buffer.from(decodeBase64Url('YQ')!).toString()).toBe('a');
    expect(Buffer.from(decodeBase64Url('YWI')!).toString()).toBe('ab');
    expect(Buffer.from(decodeBase64Url('YWJj')!).toString()).toBe('abc');
    expect(decodeBase64Url('')).toEqual(new Uint8Array(0));
  });

  it('decodes the URL alphabet - and _', () => {
    expect([...decodeBase64Url('-_8')!]).toEqual([0xfb, 0xff]);
  });

  it.each([
    ['padding', 'YQ=='],
    ['standard +', '+_8A'],
    ['standard /', '/_8A'],
    ['a length of 1 mod 4', 'YWJjZ'],
    ['whitespace', 'YW Jj'],
    ['a non-ASCII letter', 'YWJé'],
  ])('refuses %s', (_label, text) => {
    expect(decodeBase64Url(text)).toBeUndefined();
  });
});

describe('parseCompactJwt (§6 group 1)', () => {
  it('decodes header and payload and keeps the signing input and signature', () => {
    expect(parseCompactJwt(`${H}.${P}.${S}`)).toEqual({ header, payload, signingInput: `${H}.${P}`, signature: S });
  });

  it('accepts an empty signature part (the signature check refuses it, not the parser)', () => {
    expect(parseCompactJwt(`${H}.${P}.`)?.signature).toBe('');
  });

  it('refuses more than 4096 characters and accepts exactly 4096 (§4)', () => {
    expect(MAX_CARD_TOKEN_LENGTH).toBe(4096);
    const exact = tokenOfLength(4096);
    const over = tokenOfLength(4097);
    expect([exact.length, over.length]).toEqual([4096, 4097]);
    expect(parseCompactJwt(exact)).toBeDefined();
    expect(parseCompactJwt(over, 5000)).toBeDefined(); // well formed apart from its length
    expect(parseCompactJwt(over)).toBeUndefined();
  });

  it('honours a larger maximum for bundles', () => {
    const long = `${H}.${b64({ ...payload, pad: 'x'.repeat(5000) })}.${S}`;
    expect(parseCompactJwt(long)).toBeUndefined();
    expect(parseCompactJwt(long, 64 * 1024)?.payload.pad).toHaveLength(5000);
  });

  it.each([
    ['two parts', `${H}.${P}`],
    ['four parts', `${H}.${P}.${S}.${S}`],
    ['an empty header', `.${P}.${S}`],
    ['an empty payload', `${H}..${S}`],
    ['a header that is not JSON', `${b64('{alg:ES256}')}.${P}.${S}`],
    ['a header that is a JSON array', `${b64([header])}.${P}.${S}`],
    ['a header that is JSON null', `${b64('null')}.${P}.${S}`],
    ['a payload that is a JSON array', `${H}.${b64([payload])}.${S}`],
    ['a payload that is a JSON string', `${H}.${b64('"x"')}.${S}`],
    ['a payload that is JSON true', `${H}.${b64('true')}.${S}`],
    ['a payload of invalid UTF-8', `${H}.${Buffer.from([0xc3, 0x28]).toString('base64url')}.${S}`],
    ['= padding in a part', `${H}.${P}.${S}==`],
    ['a signature with foreign characters', `${H}.${P}.abc$`],
    ['a signature of length 1 mod 4', `${H}.${P}.AAAAA`],
  ])('refuses %s', (_label, token) => {
    expect(parseCompactJwt(token)).toBeUndefined();
  });
});

/** A well-formed token of exactly `total` characters (payload padded so the signature part stays valid base64url). */
function tokenOfLength(total: number): string {
  for (let k = 0; k < 8; k += 1) {
    const base = `${H}.${b64({ ...payload, pad: 'x'.repeat(k) })}.`;
    const n = total - base.length;
    if (n >= 0 && n % 4 !== 1) return base + 'A'.repeat(n);
  }
  throw new Error('no fit');
}

describe('fieldText: an unverified field in a refusal’s message', () => {
  it('shows a string as it is, anything else as JSON, control characters as “?”, cut to 64 characters, and never throws', () => {
    expect(fieldText('lc-hrss')).toBe('lc-hrss');
    expect(fieldText([{ toString: false }])).toBe('[{"toString":false}]');
    expect(fieldText(undefined)).toBe('undefined');
    expect(fieldText(null)).toBe('null');
    expect(fieldText('x'.repeat(100))).toBe(`${'x'.repeat(64)}…`);
    // A crafted issuer must not forge a second line in a log or a terminal.
    expect(fieldText('lc-hrss\nimport ok\u001b[2J\u2028')).toBe('lc-hrss?import ok?[2J?');
  });
});
