import { describe, expect, it } from 'vitest';
import { generateSigningKey } from '../../../node/crypto/keys.js';
import type { Hub } from '../../../hub/hub.js';
import { putForeignIssuer } from '../../../hub/publish/foreign-issuers.js';
import { TerminalKeys } from '../../../hub/terminals/terminal-auth.js';
import { ingestUpload } from '../../../hub/usage/ingest-upload.js';
import type { AuditEntry } from '../../../shared/sync/sync-protocol.js';
import { auditEntries, cleanupAfterEach, enrol, holder, issue, recordUse, terminalFromHub, testClock, testHub, type EnrolledTerminal } from '../hub-fixtures.js';
import { ForgedLog } from './forged-log.js';

const DAY = 86_400_000;
const YEAR = 366 * DAY;

describe("the province's cards: the hub bounds a use by the card's nbf and exp the terminal uploads (Art. 5 (1))", () => {
  const later = cleanupAfterEach();
  const keys = new TerminalKeys();
  const upload = async (hub: Hub, t: EnrolledTerminal, entries: AuditEntry[]) => {
    const stored = await hub.store.terminals.get(t.id);
    const result = await ingestUpload(hub, t.batch(entries, hub.now()), keys, stored);
    if (!result.ok) throw new Error(result.error.message);
    return result.value;
  };
  const setup = async () => {
    const clock = testClock();
    const made = await testHub(clock);
    later(made.cleanup);
    await putForeignIssuer(made.hub, { iss: 'sd-hrss', name: '山东省人力资源和社会保障厅', keys: [generateSigningKey('sd-1').publicJwk] });
    const gym = await enrol(made.hub, 'T-GYM', '体育中心', 'gym');
    const cinema = await enrol(made.hub, 'T-CIN', '影城', 'cinema');
    // A Huicai card valid from 30 days ago for 5 years.
    const nbf = Math.floor((clock() - 30 * DAY) / 1000);
    const exp = nbf + Math.floor((5 * YEAR) / 1000);
    return { hub: made.hub, clock, gym, cinema, nbf, exp };
  };
  const huicai = { iss: 'sd-hrss', sub: 'SD-VICTIM' };

  it('refuses a use stamped years before the card was valid, so it cannot end the benefit hub-wide', async () => {
    const { hub, clock, gym, cinema, nbf, exp } = await setup();
    const backdated = await upload(hub, gym, new ForgedLog(clock()).use({ ...huicai, service: 'gym', nbf, exp, atMs: clock() - 4 * YEAR }).take());
    expect(backdated.flags).toEqual([expect.stringMatching(/^INVALID_USE: NOT_VALID: SD-VICTIM gym: used at .*, valid /) as unknown as string]);
    const honest = await upload(hub, cinema, new ForgedLog(clock()).use({ ...huicai, nbf, exp, atMs: clock() }).take());
    expect(honest.flags).toEqual([]);
  });

  it('refuses a use after the card expired', async () => {
    const { hub, clock, cinema, nbf, exp } = await setup();
    const late = await upload(hub, cinema, new ForgedLog(clock()).use({ ...huicai, nbf, exp, atMs: exp * 1000 + DAY }).take());
    expect(late.flags).toEqual([expect.stringMatching(/^INVALID_USE: NOT_VALID: /) as unknown as string]);
  });

  it('refuses and flags a use whose nbf differs from the one first reported for the card (a forged earlier nbf)', async () => {
    const { hub, clock, gym, cinema, nbf, exp } = await setup();
    const cinemaLog = new ForgedLog(clock());
    expect((await upload(hub, cinema, cinemaLog.use({ ...huicai, nbf, exp, atMs: clock() }).take())).flags).toEqual([]);
    const forged = nbf - Math.floor((4 * YEAR) / 1000);
    const backdated = await upload(hub, gym, new ForgedLog(clock()).use({ ...huicai, service: 'gym', nbf: forged, exp, atMs: clock() - 4 * YEAR + DAY }).take());
    expect(backdated.flags).toEqual([`INVALID_USE: NOT_VALID: SD-VICTIM gym: the card's nbf ${forged} differs from ${nbf}, first reported for it`]);
    const honest = await upload(hub, cinema, cinemaLog.use({ ...huicai, nbf, exp, atMs: clock() + DAY }).take());
    expect(honest.flags).toEqual([]);
  });

  it('an old terminal that sends no nbf: a use stamped before its enrolment is refused', async () => {
    const { hub, clock, gym, cinema } = await setup();
    const backdated = await upload(hub, gym, new ForgedLog(clock()).use({ ...huicai, service: 'gym', atMs: clock() - 4 * YEAR }).take());
    expect(backdated.flags).toEqual([expect.stringMatching(/^INVALID_USE: NOT_VALID: SD-VICTIM gym: stamped .* before terminal T-GYM was enrolled/) as unknown as string]);
    expect((await upload(hub, cinema, new ForgedLog(clock()).use({ ...huicai, atMs: clock() }).take())).flags).toEqual([]);
  });

  it('an old terminal that sends no nbf: a use stamped before the issuer was registered at the hub is refused', async () => {
    const clock = testClock();
    const made = await testHub(clock);
    later(made.cleanup);
    const gym = await enrol(made.hub, 'T-GYM', '体育中心', 'gym');
    clock.advance(10 * DAY);
    await putForeignIssuer(made.hub, { iss: 'sd-hrss', name: '山东省', keys: [generateSigningKey('sd-1').publicJwk] });
    const early = await upload(made.hub, gym, new ForgedLog(clock()).use({ ...huicai, service: 'gym', atMs: clock() - 5 * DAY }).take());
    expect(early.flags).toEqual([expect.stringMatching(/^INVALID_USE: NOT_VALID: SD-VICTIM gym: stamped .* before issuer sd-hrss was registered at this hub/) as unknown as string]);
  });

  it('a real terminal uploads the token nbf and exp with each use', async () => {
    const clock = testClock();
    const made = await testHub(clock);
    later(made.cleanup);
    const [card] = await issue(made.hub, [holder(1)]);
    if (card === undefined) throw new Error('no card');
    const { terminal, cleanup } = await terminalFromHub(made.hub, clock);
    later(cleanup);
    recordUse(terminal, card.token, 'cinema', clock());
    const use = auditEntries(terminal).find((e) => e.kind === 'use');
    expect(JSON.parse(use?.body ?? '{}')).toMatchObject({ sub: card.sub, nbf: card.nbf, exp: card.exp });
  });
});
