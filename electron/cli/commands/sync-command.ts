import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { runSyncRound, type RoundReport } from '../../core/sync/sync-round.js';
import { syncDetails, type SyncDetails } from '../../core/sync/sync-status.js';
import { withheldNotice } from '../../core/sync/upload-batches.js';
import { exportPending } from '../../core/sync/usb-export.js';
import { t, type CliContext } from '../cli-context.js';
import { CliError, EXIT } from '../cli-error.js';
import { withTerminal, withTerminalAsync } from '../open-terminal.js';
import { syncNoticeText, syncNoticesText } from '../sync-notice-text.js';

const USAGE = { code: 'USAGE', command: 'sync' } as const;

const STATE_TEXT: Record<SyncDetails['view']['state'], { zh: string; en: string }> = {
  'not-enrolled': { zh: '未注册', en: 'not enrolled' },
  idle: { zh: '正常', en: 'idle' },
  syncing: { zh: '同步中', en: 'syncing' },
  offline: { zh: '无法连接中心', en: 'offline' },
  error: { zh: '出错', en: 'error' },
  disabled: { zh: '已被中心停用', en: 'disabled by the hub' },
};

/** The sync section shared by `jinka sync status` and `jinka status`. */
export function syncLines(ctx: CliContext, d: SyncDetails): string[] {
  const lines = [t(ctx, `同步：${STATE_TEXT[d.view.state].zh}`, `Sync: ${STATE_TEXT[d.view.state].en}`)];
  if (d.enrolment === null) {
    lines.push(t(ctx, '  尚未注册：jinka enrol --hub URL --code 注册码', '  Not enrolled: jinka enrol --hub URL --code CODE'));
  } else {
    const e = d.enrolment;
    lines.push(t(ctx, `  中心 ${e.hubUrl}  终端 ${e.terminalId}  场所 ${e.site}  服务 ${e.service}`, `  Hub ${e.hubUrl}  terminal ${e.terminalId}  site ${e.site}  service ${e.service}`));
    lines.push(t(ctx, `  上次成功 ${d.view.lastSuccess ?? '（从未）'}  上次尝试 ${d.lastAttempt ?? '（从未）'}`, `  Last success ${d.view.lastSuccess ?? '(never)'}  last attempt ${d.lastAttempt ?? '(never)'}`));
  }
  lines.push(t(ctx, `  待上传 ${d.pendingEntries} 条审计记录（其中使用 ${d.pendingUses} 次），已确认至第 ${d.uploadCursor} 条`, `  Pending upload: ${d.pendingEntries} audit entries (${d.pendingUses} uses); acknowledged through ${d.uploadCursor}`));
  if (d.enrolment !== null) lines.push(t(ctx, `  其他终端使用记录 ${d.remoteUses} 条`, `  Uses from other terminals: ${d.remoteUses}`));
  if (d.hubClock !== null) {
    const skew = d.hubClock.skewSeconds;
    const zhSkew = skew === 0 ? '与中心一致' : `${skew > 0 ? '快' : '慢'} ${Math.abs(skew)} 秒`;
    const enSkew = skew === 0 ? 'agrees with it' : `is ${Math.abs(skew)} s ${skew > 0 ? 'ahead' : 'behind'}`;
    lines.push(t(ctx, `  中心时间 ${d.hubClock.hubTime}，本机时钟${zhSkew}`, `  Hub time ${d.hubClock.hubTime}; this clock ${enSkew}`));
    for (const l of d.lists) lines.push(t(ctx, `  ${l.iss} 吊销名单按中心时间已 ${l.ageHours.toFixed(1)} 小时${l.stale ? '（已过期）' : ''}`, `  ${l.iss} revocation list is ${l.ageHours.toFixed(1)} h old in hub time${l.stale ? ' (stale)' : ''}`));
    // §6 LISTS_STALE: a trusted issuer without a list is stale too (shared/decision/list-freshness).
    for (const iss of d.listsMissing) lines.push(t(ctx, `  ${iss} 吊销名单未导入（已过期）`, `  ${iss} revocation list: none held (stale)`));
  }
  for (const notice of d.view.notices) {
    // Before enrolment the line above already says how to enrol.
    if (notice.code !== 'NOT_ENROLLED') lines.push(`  ⚠ ${syncNoticeText(notice, ctx.locale)}`);
  }
  return lines;
}

/**
 * The sync details as `--json` prints them: the view's notices and the clock warning as codes
 * with parameters, and beside them `message` and `warning` worded in the CLI's language (the
 * fields the output had before the codes).
 */
export function syncDetailsJson(ctx: CliContext, d: SyncDetails) {
  return {
    ...d,
    view: { ...d.view, message: syncNoticesText(d.view.notices, ctx.locale) },
    hubClock: d.hubClock === null ? null : { ...d.hubClock, warning: d.hubClock.warning === null ? null : syncNoticeText(d.hubClock.warning, ctx.locale), warningNotice: d.hubClock.warning },
  };
}

/** Most hub flags `sync now` prints in full; the rest are counted by kind (all of them are in --json and at the hub). */
const FLAGS_SHOWN = 3;
const FLAG_CHARS = 200;

/** The hub's flags as one bounded line: how many of each kind, and the first few. */
export function flagsLine(ctx: CliContext, flags: readonly string[]): string {
  const byKind = new Map<string, number>();
  for (const f of flags) {
    const kind = /^[A-Z_]+/.exec(f)?.[0] ?? '?';
    byKind.set(kind, (byKind.get(kind) ?? 0) + 1);
  }
  const shown = flags.slice(0, FLAGS_SHOWN).map((f) => (f.length > FLAG_CHARS ? `${f.slice(0, FLAG_CHARS)}…` : f));
  if (flags.length <= FLAGS_SHOWN) return t(ctx, `中心提示：${shown.join('；')}`, `Hub flags: ${shown.join('; ')}`);
  const kinds = [...byKind].map(([k, n]) => `${k} ${n}`).join(', ');
  return t(
    ctx,
    `中心提示 ${flags.length} 条（${kinds}）；前 ${FLAGS_SHOWN} 条：${shown.join('；')}；全部见 --json 或中心报表`,
    `Hub flags: ${flags.length} (${kinds}); first ${FLAGS_SHOWN}: ${shown.join('; ')}; all in --json and the hub's report`,
  );
}

function roundLines(ctx: CliContext, r: RoundReport): string[] {
  const u = r.upload;
  const d = r.download;
  const lines: string[] = [];
  if (u !== null) lines.push(t(ctx, `已上传 ${u.accepted} 条（中心已有 ${u.duplicates} 条），确认至第 ${u.cursor} 条`, `Uploaded ${u.accepted} entries (${u.duplicates} already at the hub); acknowledged through ${u.cursor}`));
  if (u !== null && u.flags.length > 0) lines.push(flagsLine(ctx, u.flags));
  if (d !== null) {
    lines.push(t(ctx, `已导入 ${d.imported.length} 个更新包，拒绝 ${d.refused.length} 个；其他终端使用记录新增 ${d.remoteUses} 条`, `Imported ${d.imported.length} bundles, refused ${d.refused.length}; ${d.remoteUses} new uses from other terminals`));
  }
  if (r.state === 'idle') for (const notice of r.notices) lines.push(`⚠ ${syncNoticeText(notice, ctx.locale)}`);
  return lines;
}

async function syncNow(ctx: CliContext, dataDir: string | undefined, json: boolean): Promise<number> {
  return withTerminalAsync(ctx, dataDir, async (terminal) => {
    const report = await runSyncRound(terminal);
    if (json) ctx.out(JSON.stringify({ ...report, message: syncNoticesText(report.notices, ctx.locale) }));
    else for (const line of roundLines(ctx, report)) ctx.out(line);
    if (report.state === 'idle') return EXIT.ok;
    if (report.state === 'not-enrolled') throw new CliError({ code: 'NOT_ENROLLED' });
    const why = syncNoticesText(report.notices, ctx.locale) ?? '';
    if (!json) ctx.err(t(ctx, `jinka: 同步未完成（${STATE_TEXT[report.state].zh}）：${why}；待上传记录保留在本机`, `jinka: sync incomplete (${report.state}): ${why}; pending entries stay queued here`));
    return EXIT.failed;
  });
}

/** `jinka sync now | status [--json] | export FILE`: sync with the hub at once, show the sync state, or write the queue for a USB stick. */
export async function syncCommand(ctx: CliContext, argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { 'data-dir': { type: 'string' }, json: { type: 'boolean' } },
    allowPositionals: true,
    strict: true,
  });
  const [sub, ...rest] = positionals;
  const json = values.json === true;
  switch (sub) {
    case 'now':
      if (rest.length > 0) throw new CliError(USAGE);
      return syncNow(ctx, values['data-dir'], json);
    case 'status':
      if (rest.length > 0) throw new CliError(USAGE);
      return withTerminal(ctx, values['data-dir'], (terminal) => {
        const details = syncDetails(terminal);
        if (json) ctx.out(JSON.stringify(syncDetailsJson(ctx, details)));
        else for (const line of syncLines(ctx, details)) ctx.out(line);
        return EXIT.ok;
      });
    case 'export': {
      if (rest.length !== 1) throw new CliError(USAGE);
      const file = resolve(rest[0] as string);
      return withTerminal(ctx, values['data-dir'], (terminal) => {
        const result = exportPending(terminal, file);
        if (!result.ok) {
          const e = result.error;
          if (e.code === 'NOT_ENROLLED') throw new CliError({ code: 'NOT_ENROLLED' });
          throw new CliError(e.code === 'KEY_MISSING' ? { code: 'SYNC_KEY_MISSING' } : { code: 'CANNOT_WRITE_FILE', file: e.file, detail: e.cause });
        }
        const s = result.value;
        if (json) ctx.out(JSON.stringify(s));
        else {
          ctx.out(t(ctx, `已写入 ${s.entries} 条审计记录（使用 ${s.uses} 次，${s.batches} 批）到 ${s.file}`, `Wrote ${s.entries} audit entries (${s.uses} uses, ${s.batches} batches) to ${s.file}`));
          const w = withheldNotice(s.withheld);
          if (w !== null) ctx.err(t(ctx, `jinka: 注意：${syncNoticeText(w, ctx.locale)}`, `jinka: warning: ${syncNoticeText(w, ctx.locale)}`));
          ctx.out(t(ctx, '请交中心导入：jinka-hub import-usage FILE；记录在中心确认前仍保留为待上传。', 'Take it to the bureau: jinka-hub import-usage FILE. The entries stay pending until the hub acknowledges them.'));
        }
        return EXIT.ok;
      });
    }
    default:
      throw new CliError(USAGE);
  }
}
