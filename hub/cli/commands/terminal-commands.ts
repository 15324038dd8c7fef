import { formatShanghai } from '../../../shared/time/shanghai-calendar.js';
import { createEnrolCode, ENROL_CODE_HOURS, enrolQrFor } from '../../terminals/enrolment.js';
import { writeQrPng } from '../../issue/card-files.js';
import { importUsageFile, signAuditAck } from '../../usage/import-usage-file.js';
import { writeFileAtomic } from '../../publish/publish-files.js';
import { HUB_EXIT, HubCliError, parseCommand, readInput, t, withHub, type HubCliContext } from '../hub-cli.js';

/**
 * `enrol-code --site NAME --service ID [--hours H] [--url HUB_URL [--qr FILE.png]]`: a one-time code
 * for a terminal to enrol with. With `--url` (the address terminals reach this hub at) it also
 * prints the enrolment QR's text (shared/sync/enrol-qr.ts) and, with `--qr`, writes it as a
 * printable PNG: a new terminal scans it and sets itself up (README "One scan to set up a terminal").
 */
export async function enrolCodeCommand(ctx: HubCliContext, argv: string[]): Promise<number> {
  const { values } = parseCommand(argv, { site: { type: 'string' }, service: { type: 'string' }, hours: { type: 'string' }, url: { type: 'string' }, qr: { type: 'string' }, json: { type: 'boolean' } });
  if (values.site === undefined || values.service === undefined || (values.qr !== undefined && values.url === undefined)) throw new HubCliError({ code: 'USAGE', command: 'enrol-code' });
  const hours = values.hours === undefined ? ENROL_CODE_HOURS : Number(values.hours);
  if (!Number.isFinite(hours) || hours <= 0 || hours > 720) throw new HubCliError({ code: 'HOURS_RANGE', max: 720 });
  const hubUrl = values.url === undefined ? undefined : checkedHubUrl(values.url);
  return withHub(ctx, values, async (hub) => {
    const { code, expiresMs, site, service } = await createEnrolCode(hub, { site: values.site ?? '', service: values.service ?? '', hours });
    const qr = hubUrl === undefined ? undefined : await enrolQrFor(hub, hubUrl, code);
    if (qr !== undefined && values.qr !== undefined) await writeQrPng(values.qr, qr);
    if (values.json === true) ctx.out(JSON.stringify({ code, site, service, expires: formatShanghai(expiresMs), ...(qr !== undefined && { qr: JSON.parse(qr) as unknown }), ...(values.qr !== undefined && { qrPng: values.qr }) }));
    else {
      ctx.out(code);
      ctx.out(t(ctx, `一次性注册码，场所 ${site}，服务 ${service}，${formatShanghai(expiresMs)} 前有效`, `One-time enrolment code for ${site}, service ${service}, valid until ${formatShanghai(expiresMs)}`));
      if (qr !== undefined) ctx.out(t(ctx, `注册二维码内容（jinka enrol --qr）：${qr}`, `Enrolment QR (jinka enrol --qr): ${qr}`));
      if (values.qr !== undefined) ctx.out(t(ctx, `注册二维码图片：${values.qr}（打印后在终端设置页扫描）`, `Enrolment QR image: ${values.qr} (print it; scan it on the terminal's settings screen)`));
    }
    return HUB_EXIT.ok;
  });
}

/** The hub URL a QR names: http(s), no user or password, no query or fragment; what terminals will reach. */
function checkedHubUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new HubCliError({ code: 'URL_INVALID', problem: 'NOT_A_URL' });
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') {
    throw new HubCliError({ code: 'URL_INVALID', problem: 'NOT_PLAIN' });
  }
  const text = url.href.replace(/\/+$/, '');
  if (text.length > 300) throw new HubCliError({ code: 'URL_INVALID', problem: 'TOO_LONG' });
  return text;
}

/** `terminal list [--json] | disable ID [--reason TEXT]`. */
export async function terminalCommand(ctx: HubCliContext, argv: string[]): Promise<number> {
  const [action, ...rest] = argv;
  const { values, positionals } = parseCommand(rest, { json: { type: 'boolean' }, reason: { type: 'string' } }, action === 'disable' ? 1 : 0);
  return withHub(ctx, values, async (hub) => {
    if (action === 'list') {
      const terminals = await hub.store.terminals.list();
      if (values.json === true) ctx.out(JSON.stringify(terminals.map((x) => ({ ...x, publicJwk: undefined }))));
      else if (terminals.length === 0) ctx.out(t(ctx, '尚无已注册的终端', 'No terminal enrolled yet'));
      else {
        for (const x of terminals) {
          const state = x.disabledMs === null ? 'active' : `DISABLED ${formatShanghai(x.disabledMs)}${x.disabledReason ? ` (${x.disabledReason})` : ''}`;
          const seen = x.lastSeenMs === null ? 'never synced' : `last seen ${formatShanghai(x.lastSeenMs)}`;
          ctx.out(`${x.id.padEnd(16)} ${x.site} / ${x.service}  ${state}  ${seen}  audit cursor ${x.cursor}`);
        }
      }
      return HUB_EXIT.ok;
    }
    if (action === 'disable' && positionals[0] !== undefined) {
      const id = positionals[0];
      const reason = values.reason?.trim() || 'disabled by the bureau';
      if (!(await hub.store.terminals.disable(id, reason, hub.now()))) {
        const known = await hub.store.terminals.get(id);
        throw new HubCliError(known === undefined ? { code: 'NO_TERMINAL', id } : { code: 'TERMINAL_ALREADY_DISABLED', id });
      }
      ctx.out(t(ctx, `终端 ${id} 已停用：此后它的每个请求都被拒绝（403）`, `Terminal ${id} disabled: every request it makes is refused from now on (403)`));
      return HUB_EXIT.ok;
    }
    throw new HubCliError({ code: 'USAGE', command: 'terminal' });
  });
}

/**
 * `import-usage FILE [--ack FILE]`: a terminal's `jinka sync export` file from a USB stick;
 * idempotent. Writes a signed acknowledgement (default FILE.ack.jwt) for `jinka import` at
 * the terminal, so it stops carrying what the hub already has.
 */
export async function importUsageCommand(ctx: HubCliContext, argv: string[]): Promise<number> {
  const { values, positionals } = parseCommand(argv, { ack: { type: 'string' }, json: { type: 'boolean' } }, 1);
  const file = positionals[0];
  if (file === undefined) throw new HubCliError({ code: 'USAGE', command: 'import-usage' });
  const text = readInput(file);
  return withHub(ctx, values, async (hub) => {
    const outcome = await importUsageFile(hub, text);
    for (const r of outcome.refused) ctx.err(`jinka-hub: ${file} line ${r.line}: ${r.message}`);
    const terminals = Object.entries(outcome.cursors);
    const ackPath = values.ack ?? `${file}.ack.jwt`;
    if (terminals.length > 0) {
      const acks = await Promise.all(terminals.map(([terminal, cursor]) => signAuditAck(hub, terminal, cursor)));
      writeFileAtomic(ackPath, `${acks.join('\n')}\n`);
    }
    if (values.json === true) ctx.out(JSON.stringify({ ...outcome, ack: terminals.length > 0 ? ackPath : null }));
    else {
      ctx.out(t(ctx, `${outcome.batches} 批：新存 ${outcome.accepted} 条，重复 ${outcome.duplicates} 条，使用记录 ${outcome.uses} 条`, `${outcome.batches} batch(es): ${outcome.accepted} entries stored, ${outcome.duplicates} duplicates, ${outcome.uses} uses`));
      for (const flag of outcome.flags) ctx.out(`  ${flag}`);
      if (terminals.length > 0) ctx.out(t(ctx, `回执（在终端上 jinka import）：${ackPath}`, `Acknowledgement (jinka import it at the terminal): ${ackPath}`));
    }
    if (outcome.refused.length > 0) throw new HubCliError({ code: 'BATCHES_REFUSED', count: outcome.refused.length, file });
    return HUB_EXIT.ok;
  });
}
