import { describe, expect, it } from 'vitest';
import { ENROL_QR_MAX_CHARS, enrolQrText, parseEnrolQr } from '../../../shared/sync/enrol-qr.js';

const thumbprint = 'NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs';

describe('the enrolment QR', () => {
  it('round-trips pretixSCAN’s handshake with the trust key’s thumbprint', () => {
    const text = enrolQrText({ url: 'https://hub.example.gov.cn', token: 'ABCD-EFGH-JKLM', thumbprint });
    expect(JSON.parse(text)).toEqual({ handshake_version: 1, url: 'https://hub.example.gov.cn', token: 'ABCD-EFGH-JKLM', jinka_trust_key_thumbprint: thumbprint });
    expect(parseEnrolQr(text)).toEqual({ ok: true, value: JSON.parse(text) as unknown });
  });

  it('ignores members it does not know (a later pretix field) but needs the thumbprint: a plain pretix QR is not enough', () => {
    expect(parseEnrolQr(JSON.stringify({ handshake_version: 1, url: 'https://h', token: 'ABCD-EFGH-JKLM', jinka_trust_key_thumbprint: thumbprint, device_name: 'x' })).ok).toBe(true);
    expect(parseEnrolQr(JSON.stringify({ handshake_version: 1, url: 'https://h', token: 'ABCD-EFGH-JKLM' }))).toEqual({ ok: false, error: 'NOT_ENROL_QR' });
    expect(parseEnrolQr(JSON.stringify({ handshake_version: 2, url: 'https://h', token: 'ABCD-EFGH-JKLM', jinka_trust_key_thumbprint: thumbprint }))).toEqual({ ok: false, error: 'NOT_ENROL_QR' });
    expect(parseEnrolQr(JSON.stringify({ handshake_version: 1, url: 'https://h', token: 'ABCD-EFGH-JKLM', jinka_trust_key_thumbprint: `${thumbprint}=` }))).toEqual({ ok: false, error: 'NOT_ENROL_QR' });
  });

  it('carries the trust version in force when printed (jinka_trust_min_version), optional for QRs printed before it', () => {
    const text = enrolQrText({ url: 'https://hub.example.gov.cn', token: 'ABCD-EFGH-JKLM', thumbprint, trustMinVersion: 4 });
    expect(JSON.parse(text)).toEqual({ handshake_version: 1, url: 'https://hub.example.gov.cn', token: 'ABCD-EFGH-JKLM', jinka_trust_key_thumbprint: thumbprint, jinka_trust_min_version: 4 });
    expect(parseEnrolQr(text)).toMatchObject({ ok: true, value: { jinka_trust_min_version: 4 } });
    for (const bad of [-1, 1.5, '4', 2 ** 40]) {
      expect(parseEnrolQr(JSON.stringify({ handshake_version: 1, url: 'https://h', token: 'ABCD-EFGH-JKLM', jinka_trust_key_thumbprint: thumbprint, jinka_trust_min_version: bad }))).toEqual({ ok: false, error: 'NOT_ENROL_QR' });
    }
  });

  it('refuses a card token, garbage and anything over its bound before parsing it', () => {
    expect(parseEnrolQr('eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln')).toEqual({ ok: false, error: 'NOT_JSON' });
    expect(parseEnrolQr('[1,2,3]')).toEqual({ ok: false, error: 'NOT_ENROL_QR' });
    expect(parseEnrolQr(' '.repeat(ENROL_QR_MAX_CHARS + 1))).toEqual({ ok: false, error: 'TOO_LONG' });
    expect(parseEnrolQr(`[${'['.repeat(100_000)}`)).toEqual({ ok: false, error: 'TOO_LONG' });
  });
});
