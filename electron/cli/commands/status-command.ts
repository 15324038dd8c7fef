import { parseArgs } from 'node:util';
import { assertNever } from '../../../shared/assert.js';
import { hubClockVerdict } from '../../core/clock-guard.js';
import { syncDetails } from '../../core/sync/sync-status.js';
import { terminalStatus } from '../../core/terminal-reports.js';
import { t, type CliContext } from '../cli-context.js';
import { EXIT } from '../cli-error.js';
import { withTerminal } from '../open-terminal.js';
import { syncDetailsJson, syncLines } from './sync-command.js';

/**
 * What to do about CLOCK_SUSPECT (§6). Only a clock the hub says is off is called wrong;
 * one the hub confirms is right is never to be "corrected"; without the hub, both causes are named.
 */
function clockSuspectLine(ctx: CliContext, latestSeen: string, hub: ReturnType<typeof hubClockVerdict>): string {
  switch (hub) {
    case 'disagrees':
      return t(ctx, `⚠ 系统时钟早于已见过的最新时间 ${latestSeen}，且与管理平台时间不符：请校正系统时钟`, `⚠ The clock is behind the latest time seen, ${latestSeen}, and disagrees with the hub's: correct the system clock`);
    case 'agrees':
      return t(ctx, `⚠ 已见过的最新时间 ${latestSeen} 晚于管理平台时间，本机时钟与平台一致，无需校正：下次同步（jinka sync now）自动清除，或由主管执行 jinka clock reset --reason 原因`, `⚠ The latest time seen, ${latestSeen}, is ahead of the hub's time, which this clock agrees with (no need to correct it): the next sync (jinka sync now) clears it, or a supervisor runs jinka clock reset --reason TEXT`);
    case 'unknown':
      return t(ctx, `⚠ 系统时钟早于已见过的最新时间 ${latestSeen}：若时钟有误请校正；若时钟正确（曾在时钟偏快时登记使用），请主管执行 jinka clock reset --reason 原因`, `⚠ The clock is behind the latest time seen, ${latestSeen}: if the clock is wrong, correct it; if it is right (a use was recorded while it ran ahead), a supervisor clears this with jinka clock reset --reason TEXT`);
    default:
      return assertNever(hub);
  }
}

/** `jinka status`: issuers and key ids, revocation sequence and age, rules version, clock guard. */
export function statusCommand(ctx: CliContext, argv: string[]): number {
  const { values } = parseArgs({ args: argv, options: { 'data-dir': { type: 'string' }, json: { type: 'boolean' } }, strict: true });
  return withTerminal(ctx, values['data-dir'], (terminal) => {
    const s = terminalStatus(terminal);
    const sync = syncDetails(terminal);
    const clockHub = hubClockVerdict(terminal);
    if (values.json === true) {
      ctx.out(JSON.stringify({ ...s, clockHub, sync: syncDetailsJson(ctx, sync) }));
      return EXIT.ok;
    }
    ctx.out(t(ctx, '信任的发卡机关：', 'Trusted issuers:'));
    if (s.issuers.length === 0) ctx.out(t(ctx, '  （无）请导入信任文件', '  (none) import a trust file'));
    for (const i of s.issuers) ctx.out(`  ${i.iss}  ${i.name}  kid: ${i.kids.join(', ')}`);
    ctx.out(t(ctx, '吊销名单：', 'Revocation lists:'));
    if (s.revocationLists.length === 0 && s.listsMissing.length === 0) ctx.out(t(ctx, '  （无）', '  (none)'));
    // §6 LISTS_STALE: a trusted issuer without a list is stale, as the counter says.
    for (const iss of s.listsMissing) ctx.out(t(ctx, `  ${iss}  未导入  ⚠ 已过期，请同步`, `  ${iss}  none held  ⚠ stale, sync now`));
    for (const l of s.revocationLists) {
      const age = l.ageHours.toFixed(1);
      const stale = l.stale ? t(ctx, '  ⚠ 已过期，请同步', '  ⚠ stale, sync now') : '';
      ctx.out(t(ctx, `  ${l.iss}  序号 ${l.seq}  签发 ${l.issuedAt}（${age} 小时前）  ${l.revoked} 张${stale}`, `  ${l.iss}  seq ${l.seq}  issued ${l.issuedAt} (${age} h ago)  ${l.revoked} cards${stale}`));
    }
    const source = s.rules.source === 'built-in' ? t(ctx, '内置默认', 'built-in') : t(ctx, `签发于 ${s.rules.issuedAt ?? ''}`, `issued ${s.rules.issuedAt ?? ''}`);
    ctx.out(t(ctx, `服务规则：版本 ${s.rules.version}（${source}）`, `Rules: version ${s.rules.version} (${source})`));
    ctx.out(t(ctx, `信任列表版本：${s.trustVersion}`, `Trust list version: ${s.trustVersion}`));
    ctx.out(t(ctx, `已登记使用：${s.usageRecorded} 次`, `Uses recorded: ${s.usageRecorded}`));
    for (const line of syncLines(ctx, sync)) ctx.out(line);
    if (s.clockSuspect) ctx.out(clockSuspectLine(ctx, s.latestSeen ?? '', clockHub));
    return EXIT.ok;
  });
}
