import { z } from 'zod';

/**
 * A serial device: an absolute path (/dev/ttyUSB0, /dev/serial/by-id/…, a socat link in tests)
 * of plain characters and no '..', or COMn on Windows.
 */
const serialPath = z
  .string()
  .trim()
  .max(200)
  .regex(/^(\/[A-Za-z0-9._:/+-]+|COM[0-9]{1,3})$/, 'a serial device such as /dev/ttyUSB0 or COM3')
  .refine((p) => !p.split('/').includes('..'), 'a serial device such as /dev/ttyUSB0 or COM3');

const baudRate = z.number().int().refine((n) => [1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200].includes(n), 'a standard baud rate');

/** Bytes written to a relay board, as hex pairs ("A0 01 01 A2"); 1–64 bytes. */
const hexFrame = z
  .string()
  .trim()
  .regex(/^[0-9A-Fa-f]{2}( ?[0-9A-Fa-f]{2}){0,63}$/, 'hex bytes such as A0 01 01 A2');

/** How long the gate's contact stays closed (the turnstile takes it as one passage). */
const pulseMs = z.number().int().min(50).max(10_000);
const timeoutMs = z.number().int().min(200).max(10_000);

/**
 * The gate output of an unattended gate: none, a USB/serial relay board, a Modbus TCP coil,
 * or a gate controller's HTTP API. Only a supervisor sets it (settings.set); the HTTP URL is
 * http(s) only and carries no credentials.
 */
export const gateSettingsSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('none') }),
  z.strictObject({
    kind: z.literal('serial-relay'),
    path: serialPath,
    baudRate: baudRate.default(9600),
    openFrame: hexFrame.default('A0 01 01 A2'),
    closeFrame: hexFrame.default('A0 01 00 A1'),
    pulseMs: pulseMs.default(500),
    timeoutMs: timeoutMs.default(2000),
  }),
  z.strictObject({
    kind: z.literal('modbus-tcp'),
    host: z.string().trim().min(1).max(253).regex(/^[A-Za-z0-9.:[\]-]+$/, 'a host name or IP address'),
    port: z.number().int().min(1).max(65_535).default(502),
    unitId: z.number().int().min(0).max(255).default(1),
    coil: z.number().int().min(0).max(65_535).default(0),
    pulseMs: pulseMs.default(500),
    timeoutMs: timeoutMs.default(2000),
  }),
  z.strictObject({
    kind: z.literal('http'),
    method: z.enum(['POST', 'PUT', 'GET']).default('POST'),
    url: z
      .string()
      .trim()
      .max(300)
      .url()
      .refine((u) => /^https?:\/\//i.test(u), 'http:// or https:// only')
      .refine((u) => !/^https?:\/\/[^/]*@/i.test(u), 'no user name or password in the URL'),
    expectedStatus: z.number().int().min(100).max(599).default(200),
    timeoutMs: timeoutMs.default(2000),
  }),
]);

/** How a serial-mode scanner ends a code: CR and/or LF, or a pause with no bytes. */
export const scannerFramings = ['line', 'pause'] as const;

/** A 2D scanner in USB virtual COM mode (Honeywell, Newland, Zebra): none, or its port and framing. */
export const scannerSettingsSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('none') }),
  z.strictObject({
    kind: z.literal('serial'),
    path: serialPath,
    baudRate: baudRate.default(9600),
    framing: z.enum(scannerFramings).default('line'),
    pauseMs: z.number().int().min(20).max(2000).default(80),
  }),
]);

/** Gate settings as stored and shown (defaults applied). */
export type GateSettings = z.output<typeof gateSettingsSchema>;
/** Scanner settings as stored and shown. */
export type ScannerSettings = z.output<typeof scannerSettingsSchema>;

/** A device's state in the status bar. */
export type DeviceState = 'off' | 'ready' | 'missing' | 'error';

/** The serial scanner and the gate as the status bar shows them (the camera's state is the page's own). */
export interface HardwareView {
  scanner: { state: DeviceState; message: string | null };
  gate: { state: DeviceState; message: string | null };
}

/** What happened to the gate for one use: opened, could not open (the use is voided), or no gate is fitted. */
export type GateOutcome =
  | { state: 'opened'; useId: string }
  | { state: 'failed'; useId: string; message: string; voided: boolean }
  | { state: 'already'; useId: string }
  | { state: 'none' };
