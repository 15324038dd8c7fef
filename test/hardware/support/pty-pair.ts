import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { SerialPort } from 'serialport';

/** Two linked pseudo-terminals made by socat: what one end writes the other reads, like a serial cable. */
export interface PtyPair {
  /** The device the code under test opens (the "board" or "scanner" side is `far`). */
  near: string;
  far: string;
  /** Unplugs the cable: socat exits and both devices disappear. */
  unplug(): Promise<void>;
}

/** Starts `socat` with two raw ptys linked into `dir` under `name`-near / `name`-far. */
export async function ptyPair(dir: string, name = 'tty'): Promise<PtyPair> {
  const near = join(dir, `${name}-near`);
  const far = join(dir, `${name}-far`);
  const child: ChildProcess = spawn('socat', [`pty,raw,echo=0,link=${near}`, `pty,raw,echo=0,link=${far}`], { stdio: 'ignore' });
  const deadline = Date.now() + 5000;
  while (!(existsSync(near) && existsSync(far))) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error('socat did not make the pty pair (is socat installed?)');
    await new Promise((done) => setTimeout(done, 20));
  }
  return {
    near,
    far,
    unplug: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** The far end of a pair, opened: everything received so far, and a way to write as a scanner would. */
export interface FarEnd {
  received(): Buffer;
  write(bytes: string | Buffer): Promise<void>;
  close(): Promise<void>;
}

/** Opens a pty as the partner device (relay board or scanner). */
export async function openFarEnd(path: string, baudRate = 9600): Promise<FarEnd> {
  const port = new SerialPort({ path, baudRate, autoOpen: false });
  await new Promise<void>((done, fail) => port.open((e) => (e ? fail(e) : done())));
  const chunks: Buffer[] = [];
  port.on('data', (chunk: Buffer) => chunks.push(chunk));
  port.on('error', () => undefined);
  return {
    received: () => Buffer.concat(chunks),
    write: (bytes) => new Promise<void>((done, fail) => port.write(bytes, (e) => (e ? fail(e) : port.drain(() => done())))),
    close: () => new Promise<void>((done) => (port.isOpen ? port.close(() => done()) : done())),
  };
}

/** Waits until `check` holds (polling), failing after `ms`. */
export async function eventually(check: () => boolean, ms = 3000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((done) => setTimeout(done, 10));
  }
}
