import { describe, expect, it } from 'vitest';
import { REASON_TEXT } from '../../shared/i18n/reason-text.js';
import type { ReasonCode } from '../../shared/reason-codes.js';
import { useE2eTerminal } from './support/e2e-hooks.js';
import type { DemoCardName } from './support/e2e-terminal.js';
import { foreignAuthorityCard } from './support/foreign-card.js';

/** A card the cinema counter must refuse, how it reaches the counter, and why. */
interface RejectCase {
  reason: ReasonCode;
  what: string;
  token: (cards: Record<DemoCardName, string>) => string;
  via: 'paste' | 'wedge';
}

const CINEMA_REJECTS: RejectCase[] = [
  // A product bar code scanned by mistake: the scanner types it like any code.
  { reason: 'MALFORMED', what: 'a product bar code from the scanner', token: () => '6901234567892', via: 'wedge' },
  { reason: 'MALFORMED', what: 'pasted text that is no card', token: () => 'hello, this is not a card', via: 'paste' },
  { reason: 'BAD_SIGNATURE', what: 'the forged card', token: (c) => c.forged, via: 'paste' },
  { reason: 'REVOKED', what: 'the revoked card', token: (c) => c.revoked, via: 'wedge' },
  { reason: 'EXPIRED', what: 'the expired card', token: (c) => c.expired, via: 'paste' },
  { reason: 'NOT_YET_VALID', what: 'the card not valid yet', token: (c) => c['not-yet-valid'], via: 'paste' },
  { reason: 'NOT_ENTITLED', what: 'gold card C at the cinema (Art. 21 is not in tier C)', token: (c) => c['gold-c'], via: 'paste' },
  { reason: 'UNKNOWN_ISSUER', what: 'a card from an authority this terminal does not trust', token: (c) => foreignAuthorityCard(c['gold-a']), via: 'paste' },
];

describe('the counter refusing cards, one reason each', () => {
  const file = useE2eTerminal();

  it.each(CINEMA_REJECTS)('shows 拒绝 with the reason $reason for $what ($via)', async ({ reason, token, via }) => {
    const e2e = file.terminal;
    const counter = await file.openCounter();
    await counter.signIn('op1');
    await counter.waitForScanFocus();
    const text = token(e2e.cards);
    const burst = via === 'wedge' ? await counter.wedge(text, { enter: true }) : undefined;
    if (via === 'paste') await counter.paste(text);

    expect(await counter.verdict(), counter.scanReport(burst)).toEqual({ verdict: 'reject', reason, warnings: [] });
    await expect(counter.tid('verdict').textContent()).resolves.toBe('拒绝');
    // The reason in plain Chinese: what it means and what to tell the holder.
    const block = await counter.tid('reason').textContent();
    expect(block).toContain(REASON_TEXT[reason].title.zh);
    expect(block).toContain(REASON_TEXT[reason].action.zh);
    // A refusal cannot be recorded: no confirm, only back to scanning.
    await expect(counter.tid('confirm').count()).resolves.toBe(0);
    await expect(counter.tid('cancel').textContent()).resolves.toContain('返回扫描');
    if (reason === 'REVOKED') await counter.screenshot('04-verdict-reject');
    await counter.backToScan();

    const [latest] = await e2e.value('history.list', { limit: 1 });
    expect(latest).toMatchObject({ decision: 'reject', reason, recorded: false });
  });

  it('refuses a second free library card (QUOTA_EXHAUSTED) after the first was recorded', async () => {
    const e2e = file.terminal;
    const admin = await file.openCounter();
    await admin.signIn('admin');
    await admin.saveSettings({ service: 'library' });
    await admin.paste(e2e.cards['gold-a']);
    expect(await admin.verdict()).toEqual({ verdict: 'accept', reason: null, warnings: [] });
    await expect(admin.tid('quota').textContent()).resolves.toContain('已用 0/1');
    await admin.tid('id-check').check();
    await admin.tid('confirm').click();
    await admin.page.getByText('已登记：张*明').waitFor();

    await admin.paste(e2e.cards['gold-a']);
    expect(await admin.verdict()).toMatchObject({ verdict: 'reject', reason: 'QUOTA_EXHAUSTED' });
    await expect(admin.tid('quota').textContent()).resolves.toContain('已用 1/1');
    await admin.backToScan();

    const library = await e2e.value('history.list', { service: 'library' });
    expect(library.map((h) => [h.decision, h.reason, h.recorded])).toEqual([
      ['reject', 'QUOTA_EXHAUSTED', false],
      ['accept', null, true],
    ]);
  });

  it('refuses too many companions (COMPANIONS_EXCEEDED) through the API, which the steppers never send', async () => {
    // The UI's steppers stop at each limit (companions test), so this reason is only reachable by a direct call.
    const e2e = file.terminal;
    await e2e.value('session.signIn', { operatorId: 'admin', pin: '999999' });
    await e2e.value('settings.set', { service: 'bus' });
    // A supervisor only sets the terminal up; an operator verifies and records cards.
    await e2e.value('session.signIn', { operatorId: 'op1', pin: '1234' });

    const tooMany = await e2e.value('card.verify', { token: e2e.cards['gold-b'], companions: { child: 4 } });
    expect(tooMany.decision).toMatchObject({ decision: 'reject', reasons: ['COMPANIONS_EXCEEDED'] });
    expect(tooMany.companionLimits.child).toBe(3);

    const accepted = await e2e.value('card.verify', { token: e2e.cards['gold-b'] });
    expect(accepted.decision.decision).toBe('accept');
    const overRecord = await e2e.api.call('card.record', { decisionId: accepted.id, companions: { escort: 2 }, ticket: 'K1234', idChecked: true });
    expect(overRecord).toMatchObject({ ok: false, error: { code: 'COMPANIONS_EXCEEDED' } });

    const bus = await e2e.value('history.list', { service: 'bus' });
    expect(bus.every((h) => !h.recorded)).toBe(true);
    const summary = await e2e.value('history.summary', {});
    expect(summary.rejectionsByReason).toMatchObject({
      MALFORMED: 2,
      BAD_SIGNATURE: 1,
      REVOKED: 1,
      EXPIRED: 1,
      NOT_YET_VALID: 1,
      NOT_ENTITLED: 1,
      UNKNOWN_ISSUER: 1,
      QUOTA_EXHAUSTED: 1,
      COMPANIONS_EXCEEDED: 1,
    });
  });
});
