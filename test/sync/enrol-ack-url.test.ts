import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { enrolByQr } from '../../electron/core/sync/enrol-qr.js';
import { Terminal } from '../../electron/core/terminal.js';
import { syncDetails } from '../../electron/core/sync/sync-status.js';
import { startHubServer } from '../../hub/server/hub-server.js';
import { createEnrolCode, enrolQrFor } from '../../hub/terminals/enrolment.js';
import { cleanupAfterEach, tempDir, testHub } from '../hub/hub-fixtures.js';

/** A free local port, so the hub's public URL can name it before the hub starts. */
async function freePort(): Promise<number> {
  return new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
}

/**
 * The signed enrolment answer (`jinka/enrol-ack`) names the hub's public URL (`serve
 * --public-url`) when the hub has one, and a terminal enrolling by QR keeps that URL rather than
 * the one the QR was printed with (README "One scan to set up a terminal"): the bureau's word,
 * signed with a key of the trust list the terminal just checked.
 */
describe('the enrolment answer names the hub’s public URL', () => {
  const later = cleanupAfterEach();

  const enrolAt = async (publicUrl: ((port: number) => string) | undefined, relay?: typeof fetch) => {
    const made = await testHub(Date.now);
    later(made.cleanup);
    const port = await freePort();
    const server = await startHubServer(made.hub, { port, ...(publicUrl !== undefined && { console: { publicUrl: publicUrl(port) } }) });
    later(() => server.close());
    const { code } = await createEnrolCode(made.hub, { site: '东昌影城', service: 'cinema' });
    // The QR printed by hand with another of the hub's addresses (`jinka-hub enrol-code --url`).
    const printed = `http://127.0.0.1:${port}`;
    const qr = await enrolQrFor(made.hub, printed, code);
    const { dir, cleanup } = tempDir('jinka-terminal-');
    let terminal: Terminal | undefined;
    later(() => {
      terminal?.close();
      cleanup();
    });
    const result = await enrolByQr({ terminal: undefined, create: () => (terminal = Terminal.create(join(dir, 'terminal'))) }, { qr, terminalId: 'CINEMA-1', fetch: relay });
    if (!result.ok) return { port, printed, refused: result.error, made: terminal !== undefined };
    if (terminal === undefined) throw new Error('no terminal made');
    return { port, printed, result: result.value, stored: syncDetails(terminal).enrolment };
  };
  const enrolled = async (publicUrl: ((port: number) => string) | undefined) => {
    const done = await enrolAt(publicUrl);
    if (done.result === undefined) throw new Error(JSON.stringify(done.refused));
    return { ...done, result: done.result };
  };

  it('keeps the published URL, and its first sync round reaches the hub there', async () => {
    const { port, result, stored } = await enrolled((p) => `http://localhost:${p}`);
    expect(result.enrolment.hubUrl).toBe(`http://localhost:${port}`);
    expect(stored?.hubUrl).toBe(`http://localhost:${port}`);
    expect(result.round.state).toBe('idle');
  });

  it('keeps the QR’s URL when the hub has no public URL (and so names none)', async () => {
    const { printed, result, stored } = await enrolled(undefined);
    expect(result.enrolment.hubUrl).toBe(printed);
    expect(stored?.hubUrl).toBe(printed);
  });

  it('does not take a published URL this terminal may not use (plain HTTP to another machine without --insecure-http): the QR’s URL stays', async () => {
    const { printed, result } = await enrolled(() => 'http://hub.example.cn:8080');
    expect(result.enrolment.hubUrl).toBe(printed);
    expect(result.enrolment.insecureHttp).toBeUndefined();
    expect(result.round.state).toBe('idle');
  });

  it('refuses an answer whose URL a relay rewrote (the signature no longer holds): nothing is made', async () => {
    // A relay between the terminal and the hub points the terminal at a host of its own.
    const relay: typeof fetch = async (input, init) => {
      const answer = await fetch(input, init);
      if (!String(input instanceof Request ? input.url : input).endsWith('/v1/enrol')) return answer;
      const body = (await answer.json()) as { ack?: string };
      const [header = '', payload = '', signature = ''] = (body.ack ?? '').split('.');
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
      const forged = Buffer.from(JSON.stringify({ ...claims, url: 'https://relay.example.cn' })).toString('base64url');
      return new Response(JSON.stringify({ ...body, ack: `${header}.${forged}.${signature}` }), { status: answer.status, headers: { 'content-type': 'application/json' } });
    };
    const { refused, made } = await enrolAt((p) => `http://localhost:${p}`, relay);
    expect(refused).toMatchObject({ code: 'TRUST', reason: 'TRUST_REFUSED', problem: 'NOT_ACKED' });
    expect(made).toBe(false);
  });
});

/**
 * The published URL never weakens the QR's: a QR printed with https:// keeps an https hub even
 * when the hub's `--public-url` is plain HTTP (with or without --insecure-http, which was meant
 * for an http QR), and a published loopback URL is not taken over a QR that named another machine.
 */
describe('the published URL never downgrades the QR’s', () => {
  const later = cleanupAfterEach();
  const enrolBehindTls = async (publicUrl: string, insecureHttp: boolean) => {
    const made = await testHub(Date.now);
    later(made.cleanup);
    const server = await startHubServer(made.hub, { port: 0, console: { publicUrl } });
    later(() => server.close());
    const { code } = await createEnrolCode(made.hub, { site: '东昌影城', service: 'cinema' });
    const qr = await enrolQrFor(made.hub, 'https://hub.bureau.example', code);
    // The https hub is the local server here (a TLS front end stands in front of it in a deployment).
    const viaTls: typeof fetch = (input, init) => fetch(String(input instanceof Request ? input.url : input).replace('https://hub.bureau.example', server.url.replace(/\/$/, '')), init);
    const { dir, cleanup } = tempDir('jinka-terminal-');
    let terminal: Terminal | undefined;
    later(() => {
      terminal?.close();
      cleanup();
    });
    const result = await enrolByQr(
      { terminal: undefined, create: () => (terminal = Terminal.create(join(dir, 'terminal'))) },
      { qr, terminalId: 'CINEMA-1', fetch: viaTls, insecureHttp, firstRound: () => Promise.resolve({ state: 'idle' as const }) },
    );
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    return result.value.enrolment;
  };

  it('keeps the https QR’s URL when the hub publishes plain HTTP to another machine, even with --insecure-http', async () => {
    const e = await enrolBehindTls('http://hub.lan:8080', true);
    expect(e.hubUrl).toBe('https://hub.bureau.example');
    expect(e.insecureHttp).toBeUndefined();
  });

  it('keeps the https QR’s URL when the hub publishes a loopback address', async () => {
    expect((await enrolBehindTls('http://localhost:8080', false)).hubUrl).toBe('https://hub.bureau.example');
    expect((await enrolBehindTls('https://localhost:8443', false)).hubUrl).toBe('https://hub.bureau.example');
  });

  it('takes a published https URL over the QR’s https one', async () => {
    expect((await enrolBehindTls('https://jinka.bureau.example', false)).hubUrl).toBe('https://jinka.bureau.example');
  });
});
