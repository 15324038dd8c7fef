import { verifyHubFolder, type HubAuditFinding, type HubAuditReport } from '../../audit/verify-hub-audit.js';
import { HUB_EXIT, HubCliError, hubDatabaseUrl, hubDataDir, parseCommand, t, type HubCliContext } from '../hub-cli.js';

/** Exit status of `audit verify` when it finds damage. */
const DAMAGED = 1;

/** Where a finding is, in words; the field that differs in brackets. */
function where(ctx: HubCliContext, f: HubAuditFinding): string {
  const parts: string[] = [];
  if (f.terminal !== undefined) {
    const range = f.seq === undefined ? '' : f.to !== undefined && f.to !== f.seq ? ` ${f.seq}–${f.to}` : ` ${f.seq}`;
    parts.push(t(ctx, `终端 ${f.terminal} 第${range} 条`, `terminal ${f.terminal} entr${f.to !== undefined && f.to !== f.seq ? 'ies' : 'y'}${range}`) + (f.field === undefined ? '' : ` (${f.field})`));
  }
  if (f.useId !== undefined) parts.push(t(ctx, `使用记录 ${f.useId}`, `use ${f.useId}`) + (f.terminal === undefined && f.field !== undefined ? ` (${f.field})` : ''));
  if (f.detail !== undefined) parts.push(f.detail);
  return parts.join(', ');
}

/** What each kind means, for the one line it gets. */
const MEANING: Record<string, [zh: string, en: string]> = {
  'terminal-unknown': ['未登记终端的审计条目', 'entries of a terminal not enrolled here'],
  hash: ['审计条目与其哈希不符（被修改）', 'stored audit entries no longer match their hash (edited)'],
  prev_hash: ['审计链断开', 'links of the chain broken'],
  missing: ['已确认收到的审计条目缺失（被删除）', 'entries the hub acknowledged are gone (deleted)'],
  'use-missing': ['使用条目没有对应的使用记录（配额被重新填满）', 'use entries with no use row (a quota filled again)'],
  'use-differs': ['使用记录与其审计条目不符', 'use rows that differ from their entry'],
  'use-unaudited': ['使用记录没有对应的审计条目', 'use rows no audit entry accounts for'],
  'use-refusal': ['拒绝标记与当时的标记记录不符', 'refused markers that disagree with the refusal flags'],
  'carry-missing': ['补发新卡后未转入新卡的使用记录（第三十四条）', 'uses not carried to the re-issued card (Art. 34)'],
  'carry-differs': ['转入新卡的使用记录与原记录不符', 'carried copies that differ from the use they repeat'],
  pending: ['终端尚未上传的条目', 'not uploaded yet'],
  'broken-at-upload': ['上传时已断开的审计链（当时已标记 CHAIN_BREAK）', 'entries that arrived with a broken chain (flagged CHAIN_BREAK then)'],
  redacted: ['已去除身份证号的使用条目，哈希无法复核（当时已标记 BAD_USE）', 'use entries stored without the ID number they carried, so their hash cannot be re-checked (flagged BAD_USE then)'],
  conflict: ['同一序号的第二个版本带来的使用记录（当时已标记 CONFLICT）', 'uses from a second version of an entry (flagged CONFLICT then)'],
  duplicate: ['使用记录已由另一条目存储（当时已标记 DUPLICATE_USE）', 'entries whose use was already stored (flagged DUPLICATE_USE then)'],
};

/** One line per kind: how many, what it means, and the first. */
function kindLines(ctx: HubCliContext, report: HubAuditReport, findings: readonly HubAuditFinding[]): string[] {
  const lines: string[] = [];
  const seen = new Set<string>();
  for (const f of findings) {
    if (seen.has(f.kind)) continue;
    seen.add(f.kind);
    const n = report.counts[f.kind as keyof HubAuditReport['counts']] ?? 1;
    if (f.kind === 'pending') {
      const more = n > 1 ? t(ctx, `，另有 ${n - 1} 段`, ` and ${n - 1} more ranges`) : '';
      lines.push(t(ctx, `pending: ${where(ctx, f)} 尚未上传${more}`, `pending: ${where(ctx, f)} not uploaded yet${more}`));
      continue;
    }
    const [zh, en] = MEANING[f.kind] ?? [f.kind, f.kind];
    lines.push(`${f.kind}: ${n} ${t(ctx, `— ${zh}（首个：${where(ctx, f)}）`, `— ${en} (first: ${where(ctx, f)})`)}`);
  }
  return lines;
}

/** The report as text: a summary line, one line per kind of problem, then one per kind of note. */
function reportLines(ctx: HubCliContext, report: HubAuditReport): string[] {
  const damaged = report.problems.find((p) => p.kind === 'damaged');
  if (damaged !== undefined) {
    return [
      t(
        ctx,
        `数据中心数据库已损坏（SQLite quick_check：${damaged.detail ?? ''}）：配额和报表读到的数据不可信。请从备份恢复数据目录并报告主管。`,
        `The hub database is damaged (SQLite quick_check: ${damaged.detail ?? ''}): quotas and reports cannot be trusted. Restore the data folder from a backup and report to the supervisor.`,
      ),
    ];
  }
  const counted = t(ctx, `${report.terminals} 台终端，${report.entries} 条审计条目，${report.uses} 条使用记录`, `${report.terminals} terminals, ${report.entries} entries, ${report.uses} uses`);
  const head = report.ok
    ? t(ctx, `数据中心审计完好：${counted}`, `Hub audit intact: ${counted}`)
    : t(
        ctx,
        `数据中心审计发现问题（${counted}）：报表、配额下发和超额统计读到的使用记录被修改或删除，请报告主管。`,
        `Hub audit found damage (${counted}): the uses reports, the quota feed and OVER_QUOTA counting read were edited or deleted. Report to the supervisor.`,
      );
  return [head, ...kindLines(ctx, report, report.problems), ...kindLines(ctx, report, report.notes)];
}

/**
 * `jinka-hub audit verify [--json]`: SQLite's quick_check, every terminal's stored chain, and the
 * uses table against the chain's use entries (hub/audit/verify-hub-audit.ts). Exit 0 intact,
 * 1 damaged, 2 could not run. Opens read-only and needs no passphrase: a write-protected
 * backup can be audited by whoever holds it.
 */
export async function auditCommand(ctx: HubCliContext, argv: string[]): Promise<number> {
  const { values, positionals } = parseCommand(argv, { json: { type: 'boolean' } }, 1);
  if (positionals[0] !== 'verify') throw new HubCliError({ code: 'USAGE', command: 'audit' });
  // It reads the SQLite file; given a PostgreSQL database it must not check the folder instead and say "intact".
  if (hubDatabaseUrl(values.database, ctx.env) !== undefined) throw new HubCliError({ code: 'AUDIT_SQLITE_ONLY' });
  const report = verifyHubFolder(hubDataDir(values['data-dir'], ctx.env));
  if (values.json === true) ctx.out(JSON.stringify(report));
  else for (const line of reportLines(ctx, report)) ctx.out(line);
  return Promise.resolve(report.ok ? HUB_EXIT.ok : DAMAGED);
}
