import { describe, expect, it } from 'vitest';
import { expectFailed, jsonOf, useProvisionedCli } from '../cli/run-jinka.js';

describe('jinka settings: gate.* and scanner.* keys', () => {
  const { run } = useProvisionedCli();

  it('sets an HTTP gate and a serial scanner, with defaults, and shows them', async () => {
    const set = await run('settings', '--set', 'gate.kind=http', '--set', 'gate.url=http://127.0.0.1:8080/open', '--set', 'gate.expectedStatus=204', '--set', 'scanner.kind=serial', '--set', 'scanner.path=/dev/ttyACM0', '--json');
    expect(set.code).toBe(0);
    expect(jsonOf(set)).toMatchObject({
      gate: { kind: 'http', method: 'POST', url: 'http://127.0.0.1:8080/open', expectedStatus: 204, timeoutMs: 2000 },
      scanner: { kind: 'serial', path: '/dev/ttyACM0', baudRate: 9600, framing: 'line' },
    });
    // A key without kind changes the device in force.
    expect(jsonOf(await run('settings', '--set', 'scanner.framing=pause', '--set', 'scanner.baudRate=115200', '--json'))).toMatchObject({
      scanner: { kind: 'serial', path: '/dev/ttyACM0', baudRate: 115200, framing: 'pause' },
    });
    expect((await run('settings')).stdout).toContain('gate.kind=http');
  });

  it('refuses a URL that is not http(s), a bad frame and an unknown key in one line, changing nothing', async () => {
    expectFailed(await run('settings', '--set', 'gate.kind=http', '--set', 'gate.url=file:///etc/shadow'), /gate\.url/);
    expectFailed(await run('settings', '--set', 'gate.kind=serial-relay', '--set', 'gate.path=/dev/ttyUSB0', '--set', 'gate.openFrame=XYZ'), /gate\.openFrame/);
    expectFailed(await run('settings', '--set', 'gate.kind=modbus-tcp', '--set', 'gate.host=10.0.0.9', '--set', 'gate.coil=abc'), /not a number/);
    expect(jsonOf(await run('settings', '--json'))).toMatchObject({ gate: { kind: 'http', url: 'http://127.0.0.1:8080/open' } });
  });
});
