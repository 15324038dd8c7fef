import { createServer, type Server } from 'node:http';
import { createServer as createTcpServer, type Server as TcpServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import ModbusSerial from 'modbus-serial';

/** A Modbus TCP I/O module on 127.0.0.1 that keeps every coil write. */
export interface ModbusPartner {
  port: number;
  writes: { coil: number; value: boolean; unit: number }[];
  close(): Promise<void>;
}

export async function modbusPartner(): Promise<ModbusPartner> {
  const writes: ModbusPartner['writes'] = [];
  const port = await freePort();
  const server = new ModbusSerial.ServerTCP(
    {
      setCoil: (addr: number, value: boolean, unit: number) => {
        writes.push({ coil: addr, value, unit });
      },
    },
    { host: '127.0.0.1', port, unitID: 1 },
  );
  await new Promise<void>((done) => server.on('initialized', () => done()));
  return { port, writes, close: () => new Promise<void>((done) => server.close(() => done())) };
}

/** A gate controller's web API on 127.0.0.1: answers each request with `status` (or never, when null). */
export interface HttpPartner {
  url: string;
  requests: { method: string; path: string; body: string }[];
  status: number | null;
  close(): Promise<void>;
}

export async function httpPartner(status: number | null = 200): Promise<HttpPartner> {
  const partner: HttpPartner = { url: '', requests: [], status, close: () => Promise.resolve() };
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      partner.requests.push({ method: req.method ?? '', path: req.url ?? '', body });
      if (partner.status === null) return;
      res.writeHead(partner.status).end('{}');
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()));
  partner.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/gate/open`;
  partner.close = () => {
    server.closeAllConnections();
    return new Promise<void>((done) => server.close(() => done()));
  };
  return partner;
}

/** A TCP server that accepts and never answers (a hung controller). */
export async function silentTcp(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: TcpServer = createTcpServer((s) => sockets.add(s));
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()));
  return {
    port: (server.address() as AddressInfo).port,
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise<void>((done) => server.close(() => done()));
    },
  };
}

/** A port nothing listens on right now. */
export async function freePort(): Promise<number> {
  const server = createTcpServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}
