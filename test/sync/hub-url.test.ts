import { describe, expect, it } from 'vitest';
import { checkHubUrl, isLoopbackHost } from '../../electron/core/sync/hub-url.js';

describe('isLoopbackHost', () => {
  it('takes localhost, 127.0.0.0/8 and [::1], however written, and nothing that only looks like them', () => {
    const loopback = ['http://localhost:8443', 'http://LOCALHOST', 'http://127.0.0.1', 'http://127.9.8.7:1', 'http://127.1', 'http://2130706433', 'http://[::1]:8443', 'http://[0:0:0:0:0:0:0:1]'];
    for (const u of loopback) expect([u, isLoopbackHost(new URL(u))]).toEqual([u, true]);
    const elsewhere = ['http://127.0.0.1.evil.com', 'http://localhost.evil.com', 'http://evil.com/127.0.0.1', 'http://127.0.0.1@evil.com', 'http://128.0.0.1', 'http://10.0.0.1', 'http://[::2]', 'http://[::ffff:8.8.8.8]', 'http://localhost.'];
    for (const u of elsewhere) expect([u, isLoopbackHost(new URL(u))]).toEqual([u, false]);
  });
});

describe('checkHubUrl', () => {
  it('refuses plain HTTP off this machine unless allowed, and any URL carrying credentials', () => {
    expect(checkHubUrl('https://hub.example.gov.cn').ok).toBe(true);
    expect(checkHubUrl('http://127.0.0.1:8443').ok).toBe(true);
    expect(checkHubUrl('http://hub.example.gov.cn')).toMatchObject({ ok: false, error: { code: 'INSECURE_HTTP' } });
    expect(checkHubUrl('http://hub.example.gov.cn', true).ok).toBe(true);
    expect(checkHubUrl('http://127.0.0.1@evil.example')).toMatchObject({ ok: false, error: { code: 'INVALID_URL' } });
    expect(checkHubUrl('https://user:pw@hub.example.gov.cn')).toMatchObject({ ok: false, error: { code: 'INVALID_URL' } });
    expect(checkHubUrl('ftp://hub.example.gov.cn')).toMatchObject({ ok: false, error: { code: 'INVALID_URL' } });
    expect(checkHubUrl('not a url')).toMatchObject({ ok: false, error: { code: 'INVALID_URL' } });
  });
});
