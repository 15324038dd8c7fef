import { afterEach, describe, expect, it } from 'vitest';
import type { GateSettings } from '../../../shared/hardware/hardware-settings.js';
import { Terminal } from '../../../electron/core/terminal.js';
import { createCounterHardware, type CounterHardware } from '../../../electron/hardware/counter-hardware.js';
import { serviceFixture, type ServiceFixture } from '../../electron/api/service-fixture.js';
import { at } from '../../support/fixtures.js';
import { freePort, httpPartner, modbusPartner, type HttpPartner } from '../support/gate-partners.js';
import { eventually, openFarEnd, ptyPair } from '../support/pty-pair.js';
import { openStores } from '../../support/stores.js';
import { verifyAudit } from '../../../electron/core/terminal-reports.js';

let f: ServiceFixture;
let hardware: CounterHardware | undefined;
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
  await hardware?.close();
  f.cleanup();
});

/** A cinema gate (12 films a card-year, Art. 21) with the given gate output, an operator signed in. */
async function cinemaGate(gate: GateSettings): Promise<void> {
  f = await serviceFixture({ hardware: (terminal) => (hardware = createCounterHardware(terminal)) });
  await f.signIn('supervisor');
  await f.value('settings.set', { service: 'cinema', gateMode: true, gate });
  await f.signIn('operator');
}

const auditKinds = (terminal: Terminal): { kind: string; body: string }[] =>
  openStores(terminal).db.prepare<[], { kind: string; body: string }>('SELECT kind, body FROM audit_log ORDER BY seq').all();

async function controller(status: number | null = 200): Promise<HttpPartner> {
  const partner = await httpPartner(status);
  closers.push(() => partner.close());
  return partner;
}

describe('gate mode with a gate output', () => {
  it('opens an HTTP gate once for an accepted, recorded use and stays shut on a reject', async () => {
    const gate = await controller(200);
    await cinemaGate({ kind: 'http', method: 'POST', url: gate.url, expectedStatus: 200, timeoutMs: 1000 });
    const view = await f.value('card.verify', { token: f.authority.card() });
    expect(view.decision.decision).toBe('accept');
    expect(view.gate).toEqual({ state: 'opened', useId: view.autoRecorded?.useId });
    expect(gate.requests).toHaveLength(1);
    const rejected = await f.value('card.verify', { token: f.authority.card({ sub: 'LC-A-REVOKED', exp: 1 }) });
    expect(rejected).toMatchObject({ decision: { decision: 'reject' }, autoRecorded: null, gate: null });
    expect(gate.requests).toHaveLength(1);
  });

  it('opens a Modbus TCP gate through its coil', async () => {
    const io = await modbusPartner();
    closers.push(() => io.close());
    await cinemaGate({ kind: 'modbus-tcp', host: '127.0.0.1', port: io.port, unitId: 1, coil: 2, pulseMs: 50, timeoutMs: 1000 });
    const view = await f.value('card.verify', { token: f.authority.card() });
    expect(view.gate).toMatchObject({ state: 'opened' });
    expect(io.writes.map((w) => [w.coil, w.value])).toEqual([
      [2, true],
      [2, false],
    ]);
  });

  it('opens a serial relay board (socat pseudo-terminal) with its frames', async () => {
    const { tempDir } = await import('../../support/fixtures.js');
    const tmp = tempDir('jinka-relay-');
    const pair = await ptyPair(tmp.dir);
    const board = await openFarEnd(pair.far);
    closers.push(async () => {
      await board.close();
      await pair.unplug();
      tmp.cleanup();
    });
    await cinemaGate({ kind: 'serial-relay', path: pair.near, baudRate: 9600, openFrame: 'A0 01 01 A2', closeFrame: 'A0 01 00 A1', pulseMs: 50, timeoutMs: 1000 });
    const view = await f.value('card.verify', { token: f.authority.card() });
    expect(view.gate).toMatchObject({ state: 'opened' });
    await eventually(() => board.received().length >= 8);
    expect(board.received().toString('hex')).toBe('a00101a2a00100a1');
  });

  it('voids the use with an audit entry when the gate cannot open (a 500), so the quota is not spent', async () => {
    const gate = await controller(500);
    await cinemaGate({ kind: 'http', method: 'POST', url: gate.url, expectedStatus: 200, timeoutMs: 1000 });
    const view = await f.value('card.verify', { token: f.authority.card() });
    expect(view.gate).toMatchObject({ state: 'failed', voided: true, message: expect.stringContaining('500') as string });
    const voids = auditKinds(f.terminal).filter((e) => e.kind === 'void');
    expect(voids).toHaveLength(1);
    expect(JSON.parse(voids[0]?.body ?? '{}')).toMatchObject({ use: view.autoRecorded?.useId, reason: expect.stringContaining('500') as string });
    // Appended, never rewritten: the chain and the usage rows still verify.
    expect(verifyAudit(f.terminal)).toMatchObject({ ok: true });
    // The next scan of the same card still has all 12 films (Art. 21): the voided use counts nowhere.
    gate.status = 200;
    const next = await f.value('card.verify', { token: f.authority.card() });
    expect(next.decision.quota).toMatchObject({ used: 0, remaining: 12 });
    const status = await f.value('status.get', {});
    expect(status.hardware.gate).toMatchObject({ state: 'ready' });
  });

  it('voids when no device answers (nothing listening) and shows the gate in error', async () => {
    const port = await freePort();
    await cinemaGate({ kind: 'http', method: 'POST', url: `http://127.0.0.1:${port}/open`, expectedStatus: 200, timeoutMs: 500 });
    const view = await f.value('card.verify', { token: f.authority.card() });
    expect(view.gate).toMatchObject({ state: 'failed', voided: true });
    expect((await f.value('status.get', {})).hardware.gate.state).toBe('error');
  });

  it('voids when the relay board is missing, and reports it missing', async () => {
    await cinemaGate({ kind: 'serial-relay', path: '/dev/ttyJINKA-NONE', baudRate: 9600, openFrame: 'A0 01 01 A2', closeFrame: 'A0 01 00 A1', pulseMs: 50, timeoutMs: 500 });
    expect((await f.value('status.get', {})).hardware.gate.state).toBe('missing');
    const view = await f.value('card.verify', { token: f.authority.card() });
    expect(view.gate).toMatchObject({ state: 'failed', voided: true });
  });
});

describe('one opening per use', () => {
  it('never opens twice for one use, not even after a restart, and never without a recorded use', async () => {
    const gate = await controller(200);
    await cinemaGate({ kind: 'http', method: 'POST', url: gate.url, expectedStatus: 200, timeoutMs: 1000 });
    const view = await f.value('card.verify', { token: f.authority.card() });
    const useId = view.autoRecorded?.useId ?? '';
    expect(gate.requests).toHaveLength(1);
    expect(await hardware?.openForUse(useId)).toEqual({ state: 'already', useId });
    // Recording the same decision again (a replayed call) opens nothing either.
    await f.value('card.record', { decisionId: view.id, idChecked: true });
    expect(await hardware?.openForUse('00000000-0000-4000-8000-000000000000')).toMatchObject({ state: 'failed', voided: false });
    const reopened = Terminal.open(f.dir, () => at('2026-06-01T10:00:00+08:00'));
    const again = createCounterHardware(reopened);
    try {
      expect(await again.openForUse(useId)).toEqual({ state: 'already', useId });
    } finally {
      await again.close();
      reopened.close();
    }
    expect(gate.requests).toHaveLength(1);
  });

  it('lets only a supervisor test the gate, which opens it once and voids nothing', async () => {
    const gate = await controller(200);
    await cinemaGate({ kind: 'http', method: 'POST', url: gate.url, expectedStatus: 200, timeoutMs: 1000 });
    expect(await f.service.call('gate.test', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(gate.requests).toHaveLength(0);
    await f.signIn('supervisor');
    expect(await f.value('gate.test', {})).toMatchObject({ state: 'opened' });
    expect(gate.requests).toHaveLength(1);
    const gates = auditKinds(f.terminal).filter((e) => e.kind === 'gate');
    expect(gates).toHaveLength(1);
    // The entry names the supervisor who pulsed the gate.
    const supervisor = await f.value('session.current', {});
    expect(JSON.parse(gates[0]?.body ?? '{}')).toMatchObject({ test: true, state: 'opened', operator: supervisor?.id });
    expect(supervisor?.id).toBeTruthy();
    expect(auditKinds(f.terminal).filter((e) => e.kind === 'void')).toHaveLength(0);
  });

  it('lets only a supervisor set the gate URL', async () => {
    const gate = await controller(200);
    await cinemaGate({ kind: 'none' });
    const changed = await f.service.call('settings.set', { gate: { kind: 'http', method: 'POST', url: gate.url, expectedStatus: 200, timeoutMs: 1000 } });
    expect(changed).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((await f.value('settings.get', {})).gate).toEqual({ kind: 'none' });
  });
});
