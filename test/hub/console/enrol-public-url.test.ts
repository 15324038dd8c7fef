import { afterEach, describe, expect, it } from 'vitest';
import { parseEnrolQr } from '../../../shared/sync/enrol-qr.js';
import type { CreateEnrolmentResponse } from '../../../shared/console/terminal-api.js';
import { parsePublicUrl } from '../../../hub/cli/commands/serve-command.js';
import { HubCliError } from '../../../hub/cli/hub-cli.js';
import { consoleBench } from './console-fixture.js';

type Bench = Awaited<ReturnType<typeof consoleBench>>;

describe('the enrolment QR names the hub URL from configuration, never from the Host header', () => {
  let b: Bench | undefined;
  afterEach(async () => {
    await b?.cleanup();
    b = undefined;
  });

  const enrolAs = async (bench: Bench, host: string) => {
    const officer = await bench.as('officer');
    return bench.app.inject({
      method: 'POST',
      url: '/console/api/terminals/enrolments',
      headers: { host, 'sec-fetch-site': 'same-origin', cookie: officer.cookie, 'x-jinka-csrf': officer.csrf },
      payload: { site: 'x', service: 'cinema' },
    });
  };

  it('with --public-url, a forged Host header changes nothing: the QR names the configured URL', async () => {
    b = await consoleBench({ console: { publicUrl: 'https://hub.lc.example:8443' } });
    const res = await enrolAs(b, 'evil.example');
    expect(res.statusCode, res.body).toBe(201);
    const e = res.json<CreateEnrolmentResponse>();
    expect(e.hubUrl).toBe('https://hub.lc.example:8443');
    const qr = parseEnrolQr(e.qr);
    expect(qr.ok && qr.value.url).toBe('https://hub.lc.example:8443');
    expect(res.body).not.toContain('evil.example');
  });

  it('without it, the route refuses with PUBLIC_URL_UNSET, makes no code, and the log says so', async () => {
    b = await consoleBench();
    const res = await enrolAs(b, 'evil.example');
    expect(res.statusCode).toBe(409);
    const refusal = res.json<{ error: string; message: string }>();
    expect(refusal.error).toBe('PUBLIC_URL_UNSET');
    expect(refusal.message).toMatch(/--public-url/);
    expect((await b.hub.store.staffLog.list(0, 100)).at(-1)).toMatchObject({ action: 'terminal.enrol-code', outcome: 'refused:PUBLIC_URL_UNSET' });
  });

  it('jinka-hub serve --public-url takes an http(s) origin only', () => {
    expect(parsePublicUrl('https://hub.lc.example:8443/')).toBe('https://hub.lc.example:8443');
    expect(parsePublicUrl(undefined)).toBeUndefined();
    for (const bad of ['hub.lc.example', 'ftp://hub.lc.example', 'https://u:p@hub.lc.example', 'https://hub.lc.example/x', 'https://hub.lc.example/?q=1', 'https://hub.lc.example/#f']) {
      expect(() => parsePublicUrl(bad), bad).toThrow(HubCliError);
    }
  });
});
