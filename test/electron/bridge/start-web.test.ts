import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startWeb, webOptions } from '../../../electron/bridge/start-web.js';
import { createHttpApi } from '../../../shared/api/http-client.js';
import { tempDir } from '../../support/fixtures.js';

describe('startWeb', () => {
  it('creates the demo when missing and serves it: demo sign-ins, a cinema counter, the sample cards', async () => {
    const { dir, cleanup } = tempDir('jinka-web-');
    const demoDir = join(dir, 'demo');
    const web = await startWeb({ demoDir, port: 0, rendererDir: join(dir, 'no-renderer') });
    try {
      expect(existsSync(join(demoDir, 'data', 'jinka.sqlite'))).toBe(true);
      expect(web.bridge.pageUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]{43}$/);
      const api = createHttpApi(web.bridge.origin, web.bridge.token);
      expect(await api.call('settings.get', {})).toMatchObject({ ok: true, value: { siteName: '演示影院', service: 'cinema', terminalId: 'DEMO-T01' } });
      expect(await api.call('session.signIn', { operatorId: 'admin', pin: '999999' })).toEqual({ ok: true, value: { id: 'admin', name: '演示主管', role: 'supervisor' } });
      expect(await api.call('session.signIn', { operatorId: 'op1', pin: '1234' })).toEqual({ ok: true, value: { id: 'op1', name: '演示收银员', role: 'operator' } });
    } finally {
      await web.stop();
      cleanup();
    }
  });

  it('reads the port from --port, else JINKA_PORT, else a random one', () => {
    expect(webOptions(['--port', '8123'], { JINKA_PORT: '9000' }).port).toBe(8123);
    expect(webOptions([], { JINKA_PORT: '9000' }).port).toBe(9000);
    expect(webOptions([], {}).port).toBe(0);
    expect(() => webOptions(['--port', 'eighty'], {})).toThrow(/port/);
  });
});
