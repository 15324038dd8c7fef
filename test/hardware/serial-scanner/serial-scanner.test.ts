import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { scannerSettingsSchema } from '../../../shared/hardware/hardware-settings.js';
import { CodeFramer, MAX_CODE_LENGTH } from '../../../electron/hardware/serial-scanner/code-framer.js';
import { ScanQueue } from '../../../electron/hardware/serial-scanner/scan-queue.js';
import { SerialScanner } from '../../../electron/hardware/serial-scanner/serial-scanner.js';
import { tempDir } from '../../support/fixtures.js';
import { eventually, openFarEnd, ptyPair } from '../support/pty-pair.js';

let tmp: { dir: string; cleanup: () => void };
const closers: (() => Promise<void>)[] = [];
beforeEach(() => {
  tmp = tempDir('jinka-scanner-');
});
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
  tmp.cleanup();
});

const settings = (path: string, extra: Record<string, unknown> = {}) => {
  const parsed = scannerSettingsSchema.parse({ kind: 'serial', path, ...extra });
  if (parsed.kind !== 'serial') throw new Error('not serial');
  return parsed;
};

describe('CodeFramer', () => {
  it('cuts at CR, LF or CRLF, split across chunks, and drops empty codes', () => {
    const codes: string[] = [];
    const framer = new CodeFramer('line', 80, (c) => codes.push(c));
    framer.push(Buffer.from('abc.d'));
    framer.push(Buffer.from('ef\r\n\r\nxyz\n'));
    framer.push(Buffer.from('second\r'));
    expect(codes).toEqual(['abc.def', 'xyz', 'second']);
  });

  it('throws away a runaway code whole instead of cutting it into a wrong one', () => {
    const codes: string[] = [];
    const framer = new CodeFramer('line', 80, (c) => codes.push(c));
    framer.push(Buffer.from('x'.repeat(MAX_CODE_LENGTH + 5)));
    framer.push(Buffer.from('tail\nnext\n'));
    expect(codes).toEqual(['next']);
  });
});

describe('ScanQueue', () => {
  it('hands each code once in order to a long-poll, never again to a later poll, and no stale code', async () => {
    let now = 1_000_000;
    const queue = new ScanQueue(() => now);
    const waiting = queue.next(0, 2000);
    queue.push('A');
    expect(await waiting).toEqual({ seq: 1, code: 'A' });
    queue.push('B');
    expect(await queue.next(1, 0)).toEqual({ seq: 2, code: 'B' });
    expect(await queue.next(2, 10)).toBeNull();
    // A page opened later (after 0) does not get a card scanned for the one before.
    expect(await queue.next(0, 0)).toBeNull();
    queue.push('C');
    now += 6_000;
    expect(await queue.next(1, 0)).toBeNull();
  });
});

describe('SerialScanner (through a socat pseudo-terminal)', () => {
  it('reads codes framed by CR/LF at the configured baud rate', async () => {
    const pair = await ptyPair(tmp.dir, 'scan');
    const codes: string[] = [];
    const scanner = new SerialScanner(settings(pair.near, { baudRate: 115200 }), (c) => codes.push(c), 100);
    const device = await openFarEnd(pair.far, 115200);
    closers.push(() => pair.unplug(), () => device.close(), () => scanner.close());
    await eventually(() => scanner.status().state === 'ready');
    await device.write('eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln\r\n');
    await device.write('SECOND\r');
    await eventually(() => codes.length === 2);
    expect(codes).toEqual(['eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln', 'SECOND']);
  });

  it('reads codes framed by a pause when the scanner sends no suffix', async () => {
    const pair = await ptyPair(tmp.dir, 'scan');
    const codes: string[] = [];
    const scanner = new SerialScanner(settings(pair.near, { framing: 'pause', pauseMs: 60 }), (c) => codes.push(c), 100);
    const device = await openFarEnd(pair.far);
    closers.push(() => pair.unplug(), () => device.close(), () => scanner.close());
    await eventually(() => scanner.status().state === 'ready');
    await device.write('PART-ONE');
    await device.write('-AND-TWO');
    await eventually(() => codes.length === 1);
    await device.write('NEXT');
    await eventually(() => codes.length === 2);
    expect(codes).toEqual(['PART-ONE-AND-TWO', 'NEXT']);
  });

  it('shows missing while unplugged and reads again once plugged back in', async () => {
    const codes: string[] = [];
    const first = await ptyPair(tmp.dir, 'scan');
    const scanner = new SerialScanner(settings(first.near), (c) => codes.push(c), 100);
    closers.push(() => scanner.close());
    await eventually(() => scanner.status().state === 'ready');
    await first.unplug();
    await eventually(() => scanner.status().state === 'missing');
    const second = await ptyPair(tmp.dir, 'scan');
    const device = await openFarEnd(second.far);
    closers.push(() => second.unplug(), () => device.close());
    await eventually(() => scanner.status().state === 'ready', 5000);
    await device.write('AFTER-REPLUG\n');
    await eventually(() => codes.includes('AFTER-REPLUG'));
  });

  it('reports a port that never existed as missing', () => {
    const scanner = new SerialScanner(settings(`${tmp.dir}/ttyACM7`), () => undefined, 100);
    closers.push(() => scanner.close());
    expect(scanner.status()).toMatchObject({ state: 'missing' });
  });
});
