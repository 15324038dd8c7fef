import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { enrolTerminal } from '../../electron/core/sync/enrol.js';
import { runSyncRound } from '../../electron/core/sync/sync-round.js';
import type { Terminal } from '../../electron/core/terminal.js';
import { voidUse } from '../../electron/core/use-void.js';
import { readXlsxRows } from '../../hub/console/roster-xlsx.js';
import { createEnrolCode } from '../../hub/terminals/enrolment.js';
import type { Companions } from '../../shared/relations.js';
import { DEFAULT_RULES } from '../../shared/rules/default-rules.js';
import { holder, idNumber, issue, terminalFromHub } from '../hub/hub-fixtures.js';
import { useConsoleHub, type ConsolePage } from './console-page.js';

/** One use as a terminal recorded it. */
interface Recorded {
  id: string;
  terminal: Terminal;
  site: string;
  service: string;
  companions: number;
}

/** The uses each group should count, from what was recorded. */
const countBy = (uses: readonly Recorded[], key: (u: Recorded) => string): Map<string, number> => {
  const out = new Map<string, number>();
  for (const u of uses) out.set(key(u), (out.get(key(u)) ?? 0) + 1);
  return out;
};

/** What the page's table rows are read as (the tests have no DOM types). */
interface RowElement {
  dataset: Record<string, string | undefined>;
  querySelector(selector: string): { textContent: string | null } | null;
}

/** A group table of the page as label → uses. */
async function groupTable(c: ConsolePage, testId: string): Promise<Map<string, number>> {
  const rows = await c.tid(testId).locator('tbody tr').evaluateAll((trs: RowElement[]) =>
    trs.map((tr) => [tr.querySelector('th')?.textContent ?? '', tr.querySelector('[data-col="uses"]')?.textContent ?? ''] as const),
  );
  return new Map(rows.map(([label, uses]) => [label, Number(uses)]));
}

/**
 * The console's usage and flags pages in Chromium (issue 11): uses recorded at two real terminal
 * cores, enrolled and synced through the hub's /v1 API, are what the page counts by service and
 * by site; the .xlsx downloaded from the page says the same; a flag resolved with a note through
 * the page shows resolved with the note and is in the staff log; an auditor exports but resolves
 * nothing.
 */
describe('the bureau console: usage and flags', () => {
  const consoleHub = useConsoleHub({
    staff: [
      { id: 'officer', role: 'officer', name: '李经办' },
      { id: 'auditor', role: 'auditor', name: '赵审计' },
    ],
    clock: Date.now,
    // Tiers A (category 2), B (3) and C (4).
    seed: (hub) => issue(hub, [holder(1), holder(2, '王小红', 3), holder(3, '李大伟', 4)]).then(() => undefined),
  });
  const terminals: (() => void)[] = [];
  afterAll(() => terminals.forEach((close) => close()));

  let recording: Promise<Recorded[]> | undefined;
  /** Two terminals at two sites record uses, then sync through /v1 (once for the file); answers what they recorded. */
  const recorded = (): Promise<Recorded[]> => (recording ??= recordAtTwoTerminals());

  async function recordAtTwoTerminals(): Promise<Recorded[]> {
    const hub = consoleHub.hub;
    const cards = await hub.store.cards.list({ limit: 10, offset: 0 });
    const token = (tier: string) => cards.find((c) => c.tier === tier)?.token ?? '';
    const venue = async (id: string, site: string, service: string): Promise<Terminal> => {
      const { terminal, cleanup } = await terminalFromHub(hub, Date.now);
      terminals.push(cleanup);
      const { code } = await createEnrolCode(hub, { site, service });
      const enrolled = await enrolTerminal(terminal, { hubUrl: consoleHub.url, code, terminalId: id, site, service });
      if (!enrolled.ok) throw new Error(JSON.stringify(enrolled.error));
      return terminal;
    };
    const cinema = await venue('CINEMA-1', '东昌府影城', 'cinema');
    const park = await venue('PARK-1', '江北水城景区', 'scenic');
    const uses: Recorded[] = [];
    const use = (terminal: Terminal, site: string, service: string, tier: string, companions: Companions) => {
      const verified = terminal.verify({ token: token(tier), service, atMs: Date.now(), companions });
      if (verified.decision.decision !== 'accept') throw new Error(`not accepted: ${verified.decision.reasons.join(',')}`);
      const made = terminal.record(verified.id);
      if (!made.ok) throw new Error(made.error);
      uses.push({ id: made.value.use.id, terminal, site, service, companions: Object.values(companions).reduce((n, k) => n + (k ?? 0), 0) });
    };
    use(cinema, '东昌府影城', 'cinema', 'A', {});
    use(cinema, '东昌府影城', 'cinema', 'B', {});
    // The tier A card at the park minutes after the cinema: the hub flags two sites (Art. 33).
    use(park, '江北水城景区', 'scenic', 'A', { spouse: 1, child: 1 });
    use(park, '江北水城景区', 'scenic', 'C', { parent: 2 });
    for (const t of [cinema, park]) {
      const round = await runSyncRound(t);
      expect(round.state).toBe('idle');
    }
    return uses;
  }

  it("shows an officer this month's totals by service and site equal to the uses two terminals recorded and synced, and the .xlsx downloaded from the page says the same", async () => {
    const uses = await recorded();
    await consoleHub.signedIn('officer', async (c) => {
      await c.tid('nav-usage').click();
      await expect.poll(() => c.tid('usage-total-uses').locator('.tile-value').textContent()).toBe(String(uses.length));
      expect(await c.tid('usage-total-companions').locator('.tile-value').textContent()).toBe(String(uses.reduce((n, u) => n + u.companions, 0)));
      // Services as the rules catalogue names them in Chinese, never their codes.
      const zhName = (code: string) => DEFAULT_RULES.services.find((s) => s.id === code)?.name.zh ?? code;
      await expect.poll(() => groupTable(c, 'usage-by-service')).toEqual(new Map([...countBy(uses, (u) => u.service)].map(([code, n]) => [zhName(code), n])));
      expect(await groupTable(c, 'usage-by-site')).toEqual(countBy(uses, (u) => u.site));
      expect(await c.tid('usage-by-service').textContent()).not.toContain('cinema');
      // Companions by relation, named as the counter names them.
      const relations = await c.tid('usage-companions').locator('tbody tr').allTextContents();
      expect(relations).toEqual(['未成年子女1', '父母2', '配偶1']);
      expect(await c.tid('usage-voided').textContent()).toContain('没有被终端作废');
      await c.screenshots('usage-this-month');

      // The .xlsx of the same range, downloaded as a clerk would, parsed back: the page's detail rows.
      const pageRows = await c.tid('usage-detail').locator('tbody tr').evaluateAll((trs: RowElement[]) =>
        trs.map((tr) => {
          const d = tr.dataset;
          return [d.day ?? '', d.site ?? '', d.service ?? '', d.tier ?? '', tr.querySelector('[data-col="uses"]')?.textContent ?? '', tr.querySelector('[data-col="companions"]')?.textContent ?? ''];
        }),
      );
      const [download] = await Promise.all([c.page.waitForEvent('download'), c.tid('usage-xlsx').click()]);
      expect(download.suggestedFilename()).toMatch(/^usage-\d{4}-\d{2}-01-\d{4}-\d{2}-\d{2}\.xlsx$/);
      const sheet = readXlsxRows(new Uint8Array(readFileSync(await download.path())));
      expect(sheet[0]).toEqual(['day', 'site', 'service', 'tier', 'uses', 'companions']);
      expect(sheet.slice(1)).toEqual(pageRows);
      expect(sheet.slice(1).reduce((n, r) => n + Number(r[4]), 0)).toBe(uses.length);
      const exported = (await consoleHub.hub.store.staffLog.list(0, 500)).filter((e) => e.action === 'usage.export-xlsx');
      expect(exported).toMatchObject([{ staffId: 'officer', outcome: 'ok' }]);
      expect(exported[0]?.target).toMatch(/^\d{4}-\d{2}-01\.\.\d{4}-\d{2}-\d{2}$/);

      // Last month holds none of them; a range ending before it starts is said in words and never asked for.
      await c.tid('usage-pick-lastMonth').click();
      await expect.poll(() => c.tid('usage-total-uses').locator('.tile-value').textContent()).toBe('0');
      await c.tid('usage-from').fill('2026-06-10');
      await c.tid('usage-to').fill('2026-06-01');
      await expect.poll(() => c.tid('usage-range-problem').textContent()).toBe('开始日期不能晚于结束日期，请重新选择。');
      expect(await c.tid('usage-show').isEnabled()).toBe(false);
      await c.screenshots('usage-bad-range');
      await c.tid('usage-pick-thisMonth').click();
      await expect.poll(() => c.tid('usage-total-uses').locator('.tile-value').textContent()).toBe(String(uses.length));

      // The cinema's gate never opened for its first use: the terminal voids it and syncs; the page counts it apart, in one sentence.
      const voided = uses[0];
      if (voided === undefined) throw new Error('no use');
      expect(voidUse(voided.terminal, voided.id, 'gate did not open')).toBeGreaterThan(0);
      expect((await runSyncRound(voided.terminal)).state).toBe('idle');
      await c.tid('usage-pick-lastMonth').click();
      // The page keeps whichever report answers last: let last month's land before asking for this month again.
      await expect.poll(() => c.tid('usage-total-uses').locator('.tile-value').textContent()).toBe('0');
      await c.tid('usage-pick-thisMonth').click();
      await expect.poll(() => c.tid('usage-total-uses').locator('.tile-value').textContent()).toBe(String(uses.length - 1));
      expect(await c.tid('usage-voided').locator('.tile-value').textContent()).toBe('1');
      expect(await c.tid('usage-voided').locator('.tile-detail').textContent()).toBe('另有 1 次使用因闸机未打开已由终端作废，不计入以上合计。');
      expect(await groupTable(c, 'usage-by-site')).toEqual(countBy(uses.slice(1), (u) => u.site));
      await c.screenshots('usage-voided');

      // The overview's month panel (the report's panel, in the overview's words) counts the same uses by service.
      await c.tid('nav-overview').click();
      await expect.poll(() => groupTable(c, 'overview-uses-month')).toEqual(new Map([...countBy(uses.slice(1), (u) => u.service)].map(([code, n]) => [zhName(code), n])));
    });
  });

  it('resolves a flag through the page with a note behind a confirmation: it shows resolved with the note, and the staff log has it; no ID number is shown', async () => {
    await recorded();
    const hub = consoleHub.hub;
    // A flag whose detail quotes a terminal's unreadable key, an ID number: the page must not show it.
    const id18 = idNumber(9);
    await hub.store.flags.add([{ kind: 'BAD_USE', terminalId: 'PARK-1', auditSeq: 99, detail: `seq 99: use body: Unrecognized key: "${id18}"` }], Date.now());
    await consoleHub.signedIn('officer', async (c) => {
      // The overview's open-flags tile names each kind as the flags page does, not by its code.
      await c.tid('nav-overview').click();
      const tile = c.tid('overview-open-flags');
      await tile.waitFor();
      expect(await tile.textContent()).toContain('两地使用');
      expect(await tile.textContent()).not.toMatch(/TWO_SITES|BAD_USE/);
      await c.tid('nav-flags').click();
      const twoSites = c.page.locator('[data-testid="flag"][data-kind="TWO_SITES"]');
      await twoSites.waitFor();
      expect(await twoSites.textContent()).toContain('同一张卡在短时间内先后出现在两个相距较远的场所');
      expect(await c.tid('flags-open-by-kind').textContent()).toContain('两地使用');
      expect(await c.page.content()).not.toContain(id18);
      for (const holderName of ['张三明', '王小红', '李大伟']) expect(await c.page.content()).not.toContain(holderName);
      await c.screenshots('flags-open');

      const id = Number(await twoSites.getAttribute('data-flag'));
      await twoSites.getByTestId('flag-resolve').click();
      // Keyboard first: the note has the focus once the form opens, Enter asks for the confirmation, which then has the focus.
      await expect.poll(() => c.tid('resolve-note').evaluate((el: { ownerDocument: { activeElement: unknown } }) => el.ownerDocument.activeElement === el)).toBe(true);
      expect(await c.tid('resolve-next').isEnabled()).toBe(false);
      await c.page.keyboard.type('已电话核实：持卡人本人先看电影后游园');
      await c.page.keyboard.press('Enter');
      await c.tid('resolve-confirm').waitFor();
      await expect.poll(() => c.tid('resolve-confirm').evaluate((el: { ownerDocument: { activeElement: unknown } }) => el.ownerDocument.activeElement === el)).toBe(true);
      expect(await c.tid('resolve-quote').textContent()).toBe('已电话核实：持卡人本人先看电影后游园');
      await c.screenshots('flags-resolve-confirm');
      await c.tid('resolve-confirm').focus();
      await c.page.keyboard.press('Enter');
      await expect.poll(() => c.tid('flags-done').textContent()).toBe(`提示 #${id} 已标记为已处理。`);
      // The open list is read again after the answer: the flag leaves it.
      await expect.poll(() => c.page.locator(`[data-flag="${id}"]`).count()).toBe(0);

      await c.tid('flags-state').selectOption('resolved');
      const resolved = c.page.locator(`[data-testid="flag"][data-flag="${id}"]`);
      await resolved.waitFor();
      expect(await resolved.getByTestId('flag-note').textContent()).toBe('已电话核实：持卡人本人先看电影后游园');
      expect(await resolved.getByTestId('flag-resolved-by').textContent()).toContain('officer');
      expect(await resolved.getByTestId('flag-resolve').count()).toBe(0);
      await c.screenshots('flags-resolved');
      const logged = (await hub.store.staffLog.list(0, 500)).filter((e) => e.action === 'flag.resolve');
      expect(logged).toMatchObject([{ staffId: 'officer', target: String(id), outcome: 'ok' }]);
    });
  });

  it('lets an auditor export (in the staff log) but shows no resolve button, and the API refuses a resolve from the page', async () => {
    await recorded();
    await consoleHub.signedIn('auditor', async (c) => {
      await c.tid('nav-usage').click();
      await c.tid('usage-total-uses').waitFor();
      const [download] = await Promise.all([c.page.waitForEvent('download'), c.tid('usage-csv').click()]);
      const csv = readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '');
      expect(csv.split('\r\n')[0]).toBe('day,site,service,tier,uses,companions');
      expect((await consoleHub.hub.store.staffLog.list(0, 500)).filter((e) => e.action === 'usage.export-csv')).toMatchObject([{ staffId: 'auditor', outcome: 'ok' }]);

      await c.tid('nav-flags').click();
      await c.tid('flags-state').selectOption('all');
      await c.tid('flag').first().waitFor();
      expect(await c.tid('flag').count()).toBeGreaterThan(0);
      expect(await c.tid('flag-resolve').count()).toBe(0);
      const open = await c.page.locator('[data-testid="flag"].open').first().getAttribute('data-flag');
      expect(await c.postFromPage(`/flags/${open ?? 0}/resolve`, { note: '审计员不能处理' })).toEqual({ status: 403, error: 'FORBIDDEN' });
      await c.screenshots('flags-auditor');

      // Paging with `before`: 55 more flags; the first page holds the newest 50, the next the rest, older.
      const hub = consoleHub.hub;
      await hub.store.flags.add(
        Array.from({ length: 55 }, (_, i) => ({ kind: 'CLOCK_OFF' as const, terminalId: 'CINEMA-1', detail: `clock check ${i}` })),
        Date.now(),
      );
      const total = (await hub.store.flags.list({ limit: 500, state: 'all' })).length;
      // The list is read again when a filter changes: wait for the read of every kind.
      const reread = c.page.waitForResponse((r) => r.url().includes('/console/api/flags?') && !r.url().includes('kind='));
      await c.tid('flags-kind').selectOption('CLOCK_OFF');
      await c.tid('flags-kind').selectOption('');
      await reread;
      await expect.poll(() => c.tid('flag').count()).toBe(50);
      const firstPage = (await c.tid('flag').evaluateAll((items: RowElement[]) => items.map((x) => Number(x.dataset.flag))));
      await c.tid('flags-next').click();
      await expect.poll(() => c.tid('flag').count()).toBe(total - 50);
      const secondPage = (await c.tid('flag').evaluateAll((items: RowElement[]) => items.map((x) => Number(x.dataset.flag))));
      expect(Math.max(...secondPage)).toBeLessThan(Math.min(...firstPage));
      expect(await c.tid('flags-next').count()).toBe(0);
      await c.tid('flags-first').click();
      await expect.poll(() => c.tid('flag').first().getAttribute('data-flag')).toBe(String(firstPage[0]));
    });
  });
});
