import { existsSync } from 'node:fs';
import type { SerialPort } from 'serialport';
import type { DeviceState, ScannerSettings } from '../../../shared/hardware/hardware-settings.js';
import { loadSerialPort } from '../serial-port-loader.js';
import { CodeFramer } from './code-framer.js';

type SerialScannerSettings = Extract<ScannerSettings, { kind: 'serial' }>;

/** How often a missing or failed scanner port is tried again. */
export const RECONNECT_MS = 1_000;

/** The scanner's state for the status bar. */
export interface ScannerStatus {
  state: DeviceState;
  message: string | null;
}

/**
 * A 2D scanner in USB virtual COM mode: reads codes from its port, framed by CR/LF or a
 * pause, and keeps trying the port while it is missing, so a scanner unplugged and plugged
 * back in reads again by itself.
 */
export class SerialScanner {
  private port: SerialPort | undefined;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  private current: ScannerStatus = { state: 'missing', message: null };
  private readonly framer: CodeFramer;

  constructor(
    private readonly settings: SerialScannerSettings,
    onCode: (code: string) => void,
    private readonly reconnectMs = RECONNECT_MS,
  ) {
    this.framer = new CodeFramer(settings.framing, settings.pauseMs, onCode);
    this.connect();
  }

  status(): ScannerStatus {
    return this.current;
  }

  /** Closes the port and stops reconnecting. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    this.framer.reset();
    const port = this.port;
    this.port = undefined;
    if (port?.isOpen === true) await new Promise<void>((done) => port.close(() => done()));
  }

  private connect(): void {
    if (this.closed) return;
    const { path } = this.settings;
    if (!existsSync(path)) {
      this.current = { state: 'missing', message: path };
      this.retry();
      return;
    }
    loadSerialPort().then(
      (SerialPortClass) => {
        if (this.closed) return;
        const port = new SerialPortClass({ path, baudRate: this.settings.baudRate, autoOpen: false });
        port.on('data', (chunk: Buffer) => this.framer.push(chunk));
        port.on('close', () => this.lost(port, null));
        port.on('error', (error: Error) => this.lost(port, error.message));
        port.open((error) => {
          if (error) return this.lost(port, error.message);
          if (this.closed) {
            port.close();
            return;
          }
          this.port = port;
          this.current = { state: 'ready', message: null };
        });
      },
      () => {
        this.current = { state: 'error', message: 'serial support (serialport) is not installed' };
      },
    );
  }

  private lost(port: SerialPort, message: string | null): void {
    if (this.closed) return;
    if (this.port === port) this.port = undefined;
    if (port.isOpen) port.close();
    this.framer.reset();
    this.current = existsSync(this.settings.path) ? { state: 'error', message } : { state: 'missing', message: this.settings.path };
    this.retry();
  }

  private retry(): void {
    clearTimeout(this.timer);
    if (!this.closed) this.timer = setTimeout(() => this.connect(), this.reconnectMs);
  }
}
