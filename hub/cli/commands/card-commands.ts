import { join, resolve } from 'node:path';
import { lastShanghaiDate, shanghaiDate, validDays } from '../../../shared/time/shanghai-calendar.js';
import { writeCardFiles, type CardFiles } from '../../issue/card-files.js';
import { cardForIdNumber, issueCards, reissueCard, revokeCards } from '../../issue/card-issuer.js';
import { checkFont, DEFAULT_CJK_FONT, type SheetFont } from '../../issue/card-sheet-pdf.js';
import { idNumberProblem, normalizeIdNumber } from '../../issue/holder-data.js';
import { checkHolder, parseRoster, type RosterError } from '../../issue/roster.js';
import { csvField } from '../../report/report-format.js';
import { writeFileAtomic } from '../../publish/publish-files.js';
import type { StoredCard } from '../../store/hub-store.js';
import type { Hub } from '../../hub.js';
import { HUB_EXIT, HubCliError, parseCommand, readInput, t, withHub, type HubCliContext } from '../hub-cli.js';

const OUTPUT_OPTIONS = {
  out: { type: 'string' },
  font: { type: 'string' },
  'font-face': { type: 'string' },
  'no-pdf': { type: 'boolean' },
  json: { type: 'boolean' },
} as const;

type OutputValues = { out?: string; font?: string; 'font-face'?: string; 'no-pdf'?: boolean; json?: boolean };

/** The font for the PDF sheet, checked before any card is issued; undefined with --no-pdf. */
function sheetFont(values: OutputValues, env: NodeJS.ProcessEnv): SheetFont | undefined {
  if (values['no-pdf'] === true) return undefined;
  const face = values['font-face'];
  const font: SheetFont = { path: values.font ?? env.JINKA_HUB_FONT ?? DEFAULT_CJK_FONT, ...(face === undefined ? {} : { face }) };
  checkFont(font);
  return font;
}

const validity = (c: StoredCard): string => validDays(c.nbf * 1000, c.exp * 1000);

/** A card as printed or shown: never more than the token itself holds. */
const cardView = (c: StoredCard) => ({
  sub: c.sub,
  tier: c.tier,
  cat: c.cat,
  name: c.maskedName,
  idt: c.idt,
  valid_from: shanghaiDate(c.nbf * 1000),
  valid_until: lastShanghaiDate(c.exp * 1000),
  kid: c.kid,
  replaces: c.replaces,
  replaced_by: c.replacedBy,
  revoked: c.revokedMs === null ? null : { at: new Date(c.revokedMs).toISOString(), reason: c.revokeReason },
});

/** A list of the cards written (no full names, no ID numbers), for tracking the print run. */
function manifestCsv(cards: readonly StoredCard[]): string {
  const rows = cards.map((c) => [c.sub, c.tier, c.cat, c.maskedName, c.idt, shanghaiDate(c.nbf * 1000), lastShanghaiDate(c.exp * 1000)].map(csvField).join(','));
  return `\uFEFFcard,tier,category,name,idt,valid_from,valid_until\r\n${rows.map((r) => `${r}\r\n`).join('')}`;
}

async function writeOutputs(hub: Hub, ctx: HubCliContext, values: OutputValues, cards: StoredCard[], font: SheetFont | undefined): Promise<CardFiles> {
  const outDir = resolve(values.out ?? 'cards');
  const files = await writeCardFiles(outDir, cards, font, hub.settings.demo);
  writeFileAtomic(join(outDir, 'cards.csv'), manifestCsv(cards));
  if (values.json === true) ctx.out(JSON.stringify({ cards: cards.map(cardView), out: outDir, pdf: files.pdf ?? null }));
  else {
    for (const c of cards) ctx.out(`${c.sub}  ${c.tier}  ${c.maskedName}  ${validity(c)}`);
    ctx.out(t(ctx, `令牌与二维码已写入 ${outDir}${files.pdf ? `；打印页 ${files.pdf}` : ''}`, `Tokens and QR codes written to ${outDir}${files.pdf ? `; print sheet ${files.pdf}` : ''}`));
  }
  return files;
}

function refuseLines(ctx: HubCliContext, source: string, errors: readonly RosterError[]): void {
  for (const e of errors) ctx.err(`jinka-hub: ${source} line ${e.line}: ${e.message}`);
}

/** `issue --name --id-number --category --from --until [--out DIR]`: one card. */
export async function issueCommand(ctx: HubCliContext, argv: string[]): Promise<number> {
  const { values } = parseCommand(argv, {
    ...OUTPUT_OPTIONS,
    name: { type: 'string' },
    'id-number': { type: 'string' },
    category: { type: 'string' },
    from: { type: 'string' },
    until: { type: 'string' },
  });
  const missing = (['name', 'id-number', 'category', 'from', 'until'] as const).filter((k) => values[k] === undefined);
  if (missing.length > 0) throw new HubCliError({ code: 'OPTIONS_REQUIRED', command: 'issue', flags: missing.map((m) => `--${m}`) });
  const checked = checkHolder(1, { name: values.name ?? '', idNumber: values['id-number'] ?? '', category: values.category ?? '', validFrom: values.from ?? '', validUntil: values.until ?? '' });
  if (!checked.ok) throw new HubCliError({ code: 'CARD_INPUT_REFUSED', detail: checked.errors.map((e) => e.message).join('; ') });
  const font = sheetFont(values, ctx.env);
  return withHub(ctx, values, async (hub) => {
    const issued = await issueCards(hub, [checked.holder]);
    if (!issued.ok) throw new HubCliError({ code: 'NOTHING_ISSUED', detail: issued.error.map((e) => e.message).join('; ') });
    await writeOutputs(hub, ctx, values, issued.value, font);
    return HUB_EXIT.ok;
  });
}

/** `issue-batch ROSTER.csv --out DIR [--skip-bad]`: every card of a roster, or none when a line is bad. */
export async function issueBatchCommand(ctx: HubCliContext, argv: string[]): Promise<number> {
  const { values, positionals } = parseCommand(argv, { ...OUTPUT_OPTIONS, 'skip-bad': { type: 'boolean' } }, 1);
  const roster = positionals[0];
  if (roster === undefined || values.out === undefined) throw new HubCliError({ code: 'USAGE', command: 'issue-batch' });
  const { holders, errors } = parseRoster(readInput(roster));
  const skipBad = values['skip-bad'] === true;
  if (errors.length > 0 && !skipBad) {
    refuseLines(ctx, roster, errors);
    throw new HubCliError({ code: 'ROSTER_PROBLEMS', count: errors.length, file: roster, skipBad: false });
  }
  const font = sheetFont(values, ctx.env);
  return withHub(ctx, values, async (hub) => {
    let toIssue = holders;
    if (errors.length > 0) refuseLines(ctx, roster, errors);
    let issued = await issueCards(hub, toIssue);
    if (!issued.ok && skipBad) {
      refuseLines(ctx, roster, issued.error);
      const bad = new Set(issued.error.map((e) => e.line));
      toIssue = toIssue.filter((h) => !bad.has(h.line));
      issued = await issueCards(hub, toIssue);
    }
    if (!issued.ok) {
      refuseLines(ctx, roster, issued.error);
      throw new HubCliError({ code: 'ROSTER_PROBLEMS', count: issued.error.length, file: roster, skipBad: true });
    }
    await writeOutputs(hub, ctx, values, issued.value, font);
    if (values.json !== true) ctx.out(t(ctx, `已发卡 ${issued.value.length} 张`, `Issued ${issued.value.length} card(s)`));
    return HUB_EXIT.ok;
  });
}

/** `revoke SUB… --reason TEXT` (Art. 34): one new revocation sequence. */
export async function revokeCommand(ctx: HubCliContext, argv: string[]): Promise<number> {
  const { values, positionals } = parseCommand(argv, { reason: { type: 'string' } }, 1000);
  if (positionals.length === 0 || values.reason === undefined || values.reason.trim() === '') throw new HubCliError({ code: 'USAGE', command: 'revoke' });
  const reason = values.reason.trim();
  return withHub(ctx, values, async (hub) => {
    const result = await revokeCards(hub, positionals, reason);
    if (!result.ok) throw new HubCliError({ code: 'NOTHING_REVOKED', detail: result.error.message });
    ctx.out(t(ctx, `已收回 ${positionals.join(', ')}；收回列表序号 ${result.value.seq}`, `Revoked ${positionals.join(', ')}; revocation sequence ${result.value.seq}`));
    return HUB_EXIT.ok;
  });
}

/** `reissue SUB | --id-number N [--reason] --out DIR`: a new card number, the old card revoked in the same step. */
export async function reissueCommand(ctx: HubCliContext, argv: string[]): Promise<number> {
  const { values, positionals } = parseCommand(argv, { ...OUTPUT_OPTIONS, reason: { type: 'string' }, 'id-number': { type: 'string' } }, 1);
  if ((positionals[0] === undefined) === (values['id-number'] === undefined)) throw new HubCliError({ code: 'USAGE', command: 'reissue' });
  const idIssue = values['id-number'] === undefined ? undefined : idNumberProblem(values['id-number']);
  if (idIssue) throw new HubCliError({ code: 'CARD_INPUT_REFUSED', detail: idIssue });
  const font = sheetFont(values, ctx.env);
  return withHub(ctx, values, async (hub) => {
    let sub = positionals[0];
    if (sub === undefined) {
      const current = await cardForIdNumber(hub, normalizeIdNumber(values['id-number'] ?? ''));
      if (current === undefined) throw new HubCliError({ code: 'NO_CARD_FOR_ID_NUMBER' });
      sub = current.sub;
    }
    const result = await reissueCard(hub, sub, values.reason?.trim() || '补办：原卡收回（第三十四条）');
    if (!result.ok) throw new HubCliError({ code: 'NOTHING_REISSUED', detail: result.error.message });
    ctx.out(t(ctx, `${result.value.replaced.sub} 已收回，补发 ${result.value.card.sub}；收回列表序号 ${result.value.seq}`, `${result.value.replaced.sub} revoked, re-issued as ${result.value.card.sub}; revocation sequence ${result.value.seq}`));
    await writeOutputs(hub, ctx, values, [result.value.card], font);
    return HUB_EXIT.ok;
  });
}

/** `card show SUB | find --id-number N [--json]`: what the hub keeps of a card. */
export async function cardCommand(ctx: HubCliContext, argv: string[]): Promise<number> {
  const [action, ...rest] = argv;
  const { values, positionals } = parseCommand(rest, { 'id-number': { type: 'string' }, json: { type: 'boolean' } }, 1);
  return withHub(ctx, values, async (hub) => {
    let card: StoredCard | undefined;
    if (action === 'show' && positionals[0] !== undefined) card = await hub.store.cards.get(positionals[0]);
    else if (action === 'find' && values['id-number'] !== undefined) card = await cardForIdNumber(hub, normalizeIdNumber(values['id-number']));
    else throw new HubCliError({ code: 'USAGE', command: 'card' });
    if (card === undefined) throw new HubCliError(action === 'show' ? { code: 'NO_CARD', sub: positionals[0] ?? '' } : { code: 'NO_CARD_FOR_ID_NUMBER' });
    const view = cardView(card);
    ctx.out(values.json === true ? JSON.stringify(view) : Object.entries(view).map(([k, v]) => `${k.padEnd(12)} ${typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v)}`).join('\n'));
    return HUB_EXIT.ok;
  });
}
