import { formatShanghai } from '../../../shared/time/shanghai-calendar.js';
import { createEnrolCode, ENROL_CODE_HOURS } from '../../terminals/enrolment.js';
import { importUsageFile, signAuditAck } from '../../usage/import-usage-file.js';
import { writeFileAtomic } from '../../publish/publish-files.js';
import { HUB_EXIT, HubCliError, parseCommand, readInput, t, withHub, type HubCliContext } from '../hub-cli.js';

/** `enrol-code --site NAME --service ID [--hours H]`: a one-time code for a terminal to enrol with. */
export async function enrolCodeCommand(ctx: HubCliContext, argv: string[]): Promise<number> {
  const { values } = parseCommand(argv, { site: { type: 'string' }, service: { type: 'string' }, hours: { type: 'string' }, json: { type: 'boolean' } });
  if (values.site === undefined || values.service === undefined) throw new HubCliError('usage: jinka-hub enrol-code --site NAME --service ID [--hours H]');
  const hours = values.hours === undefined ? ENROL_CODE_HOURS : Number(values.hours);
  if (!Number.isFinite(hours) || hours <= 0 || hours > 720) throw new HubCliError('--hours must be a number of hours between 0 and 720');
  return withHub(ctx, values, async (hub) => {
    const { code, expiresMs } = await createEnrolCode(hub, { site: values.site ?? '', service: values.service ?? '', hours });
    if (values.json === true) ctx.out(JSON.stringify({ code, site: values.site, service: values.service, expires: formatShanghai(expiresMs) }));
    else {
      ctx.out(code);
      ctx.out(t(ctx, `一次性注册码，场所 ${values.site}，服务 ${values.service}，${formatShanghai(expiresMs)} 前有效`, `One-time enrolment code for ${values.site}, service ${values.service}, valid until ${formatShanghai(expiresMs)}`));
    }
    return HUB_EXIT.ok;
  });
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
        throw new HubCliError(known === undefined ? `no terminal ${id}` : `terminal ${id} is already disabled`);
      }
      ctx.out(t(ctx, `终端 ${id} 已停用：此后它的每个请求都被拒绝（403）`, `Terminal ${id} disabled: every request it makes is refused from now on (403)`));
      return HUB_EXIT.ok;
    }
    throw new HubCliError('usage: jinka-hub terminal list [--json] | disable ID [--reason TEXT]');
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
  if (file === undefined) throw new HubCliError('usage: jinka-hub import-usage FILE [--ack FILE]');
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
    if (outcome.refused.length > 0) throw new HubCliError(`${outcome.refused.length} batch(es) of ${file} refused; the others were stored`);
    return HUB_EXIT.ok;
  });
}
