import type { SerialPort } from 'serialport';

/** The serialport module's constructor. */
export type SerialPortClass = typeof SerialPort;

let loaded: Promise<SerialPortClass> | undefined;

/**
 * Loads serialport on first use only, so a counter without it (or without its native
 * binding for this platform) still starts; the device then reports itself as in error.
 */
export function loadSerialPort(): Promise<SerialPortClass> {
  loaded ??= import('serialport').then((m) => m.SerialPort);
  return loaded;
}
