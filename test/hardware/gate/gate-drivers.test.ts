import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { gateSettingsSchema } from '../../../shared/hardware/hardware-settings.js';
import { createGate } from '../../../electron/hardware/gate/create-gate.js';
import { GateError, type GateDriver } from '../../../electron/hardware/gate/gate-driver.js';
import { freePort, httpPartner, modbusPartner, silentTcp } from '../support/gate-partners.js';
import { eventually, openFarEnd, ptyPair } from '../support/pty-pair.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'jinka-gate-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const gate = (settings: unknown): GateDriver => {
  const driver = createGate(gateSettingsSchema.parse(settings));
  if (driver === undefined) throw new Error('no driver');
  return driver;
};

describe('serial relay board (through a socat pseudo-terminal)', () => {
  it('sends the open frame, holds it for the pulse, then the close frame', async () => {
    const pair = await ptyPair(dir);
    const board = await openFarEnd(pair.far);
    try {
      const started = Date.now();
      await gate({ kind: 'serial-relay', path: pair.near, pulseMs: 300 }).pulse();
      expect(Date.now() - started).toBeGreaterThanOrEqual(290);
      await eventually(() => board.received().length >= 8);
      expect(board.received().toString('hex')).toBe('a00101a2a00100a1');
    } finally {
      await board.close();
      await pair.unplug();
    }
  });

  it('sends the frames a supervisor configured', async () => {
    const pair = await ptyPair(dir);
    const board = await openFarEnd(pair.far, 19200);
    try {
      await gate({ kind: 'serial-relay', path: pair.near, baudRate: 19200, openFrame: 'FE 05 00 00 FF 00', closeFrame: 'FE05000000 00', pulseMs: 50 }).pulse();
      await eventually(() => board.received().length >= 12);
      expect(board.received().toString('hex')).toBe('fe050000ff00fe0500000000');
    } finally {
      await board.close();
      await pair.unplug();
    }
  });

  it('fails plainly when no board is plugged in', async () => {
    await expect(gate({ kind: 'serial-relay', path: join(dir, 'ttyUSB9'), pulseMs: 50 }).pulse()).rejects.toThrow(GateError);
    await expect(gate({ kind: 'serial-relay', path: join(dir, 'ttyUSB9'), pulseMs: 50 }).pulse()).rejects.toThrow(/ttyUSB9/);
  });

  it('fails when the board is unplugged in the middle of the pulse', async () => {
    const pair = await ptyPair(dir);
    const board = await openFarEnd(pair.far);
    const pulse = gate({ kind: 'serial-relay', path: pair.near, pulseMs: 800, timeoutMs: 1000 }).pulse();
    await eventually(() => board.received().length >= 4);
    await board.close();
    await pair.unplug();
    await expect(pulse).rejects.toThrow(GateError);
  });
});

describe('Modbus TCP coil', () => {
  it('sets the coil for the pulse and clears it, on the configured unit', async () => {
    const io = await modbusPartner();
    try {
      await gate({ kind: 'modbus-tcp', host: '127.0.0.1', port: io.port, coil: 3, unitId: 1, pulseMs: 100 }).pulse();
      expect(io.writes).toEqual([
        { coil: 3, value: true, unit: 1 },
        { coil: 3, value: false, unit: 1 },
      ]);
    } finally {
      await io.close();
    }
  });

  it('fails when nothing listens, and when the module never answers', async () => {
    const port = await freePort();
    await expect(gate({ kind: 'modbus-tcp', host: '127.0.0.1', port, pulseMs: 50, timeoutMs: 500 }).pulse()).rejects.toThrow(GateError);
    const hung = await silentTcp();
    try {
      const started = Date.now();
      await expect(gate({ kind: 'modbus-tcp', host: '127.0.0.1', port: hung.port, pulseMs: 50, timeoutMs: 300 }).pulse()).rejects.toThrow(GateError);
      expect(Date.now() - started).toBeLessThan(2500);
    } finally {
      await hung.close();
    }
  });
});

describe('HTTP gate controller', () => {
  it('makes one request with the configured method and sends nothing about the holder', async () => {
    const controller = await httpPartner(204);
    try {
      await gate({ kind: 'http', method: 'PUT', url: controller.url, expectedStatus: 204 }).pulse();
      expect(controller.requests).toEqual([{ method: 'PUT', path: '/gate/open', body: '' }]);
    } finally {
      await controller.close();
    }
  });

  it('fails on a 500, on a timeout, and with nothing listening', async () => {
    const controller = await httpPartner(500);
    try {
      await expect(gate({ kind: 'http', url: controller.url }).pulse()).rejects.toThrow(/answered 500, expected 200/);
      controller.status = null;
      await expect(gate({ kind: 'http', url: controller.url, timeoutMs: 300 }).pulse()).rejects.toThrow(/no answer within 300 ms/);
    } finally {
      await controller.close();
    }
    const port = await freePort();
    await expect(gate({ kind: 'http', url: `http://127.0.0.1:${port}/open` }).pulse()).rejects.toThrow(GateError);
  });

  it('takes no redirect as an opening', async () => {
    const controller = await httpPartner(302);
    try {
      await expect(gate({ kind: 'http', url: controller.url }).pulse()).rejects.toThrow(/answered 302/);
    } finally {
      await controller.close();
    }
  });
});

describe('gate settings (supervisor input)', () => {
  it('refuses URLs that are not http(s) or carry credentials, and malformed frames and ports', () => {
    for (const bad of [
      { kind: 'http', url: 'file:///etc/passwd' },
      { kind: 'http', url: 'http://user:pw@10.0.0.5/open' },
      { kind: 'serial-relay', path: '/etc/passwd; rm -rf /', pulseMs: 100 },
      { kind: 'serial-relay', path: '/dev/ttyUSB0', openFrame: 'ZZ' },
      { kind: 'serial-relay', path: '/dev/ttyUSB0', pulseMs: 60_000 },
      { kind: 'modbus-tcp', host: 'a b', coil: 1 },
    ]) {
      expect(gateSettingsSchema.safeParse(bad).success).toBe(false);
    }
  });
});
