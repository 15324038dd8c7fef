import { formatShanghai } from '../../shared/time/shanghai-calendar.js';
import type { StoredFlag, UsageRow } from '../store/hub-store.js';
import type { HubReport, Tally } from './usage-report.js';

/** One CSV field: quoted when needed; a leading = + - @ is defused so a spreadsheet never runs it. */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const line = (fields: (string | number | null)[]): string => `${fields.map(csvField).join(',')}\r\n`;

/** Usage rows as CSV (UTF-8 with BOM, for spreadsheet programs), one row per day, site, service and tier. */
export function usageCsv(rows: readonly UsageRow[]): string {
  return `\uFEFF${line(['day', 'site', 'service', 'tier', 'uses', 'companions'])}${rows.map((r) => line([r.day, r.site, r.service, r.tier, r.uses, r.companions])).join('')}`;
}

/** Flags as CSV. */
export function flagsCsv(flags: readonly StoredFlag[]): string {
  const head = line(['id', 'kind', 'terminal', 'iss', 'card', 'use_id', 'audit_seq', 'at', 'flagged', 'detail']);
  const body = flags.map((f) =>
    line([f.id, f.kind, f.terminalId, f.iss ?? null, f.sub ?? null, f.useId ?? null, f.auditSeq ?? null, f.atMs == null ? null : formatShanghai(f.atMs), formatShanghai(f.createdMs), f.detail]),
  );
  return `\uFEFF${head}${body.join('')}`;
}

/** Columns a string takes in a terminal: CJK and full-width characters take two. */
function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/u.test(ch) ? 2 : 1;
  return width;
}

const pad = (text: string, width: number): string => text + ' '.repeat(Math.max(1, width - displayWidth(text)));

function section(title: string, tallies: Record<string, Tally>): string[] {
  const entries = Object.entries(tallies).sort(([a], [b]) => a.localeCompare(b));
  if (entries.length === 0) return [];
  return [title, ...entries.map(([name, t]) => `  ${pad(name, 28)}${String(t.uses).padStart(8)} uses  ${String(t.companions).padStart(6)} companions`)];
}

/** The report as text for the terminal of the bureau's staff. */
export function reportText(report: HubReport): string {
  const lines = [`Uses: ${report.totals.uses}, companions served: ${report.totals.companions}`];
  if (report.voided > 0) lines.push(`Voided (the gate never opened; in no count): ${report.voided}`);
  lines.push(...section('By service', report.byService), ...section('By site', report.bySite), ...section('By tier', report.byTier), ...section('By day (Asia/Shanghai)', report.byDay));
  const relations = Object.entries(report.companionsByRelation);
  if (relations.length > 0) lines.push('Companions by relation', ...relations.map(([r, n]) => `  ${pad(r, 28)}${String(n).padStart(8)}`));
  const kinds = Object.entries(report.flagCounts);
  lines.push(kinds.length === 0 ? 'Flags: none' : `Flags: ${kinds.map(([k, n]) => `${k} ${n}`).join(', ')}`);
  for (const f of report.flags) lines.push(`  #${f.id} ${f.kind.padEnd(13)} ${f.terminalId ?? '-'}  ${f.detail}`);
  if (report.terminals.length > 0) {
    lines.push('Terminals');
    for (const t of report.terminals) {
      const seen = t.lastSeenMs === null ? 'never synced' : `last seen ${formatShanghai(t.lastSeenMs)}`;
      const clock = t.clockOffsetMs === null ? '' : `, clock ${t.clockOffsetMs >= 0 ? '+' : ''}${Math.round(t.clockOffsetMs / 1000)} s`;
      lines.push(`  ${t.id.padEnd(16)} ${t.site} / ${t.service}${t.disabled ? ' [DISABLED]' : ''}: ${seen}${clock}, audit cursor ${t.cursor}`);
    }
  }
  return lines.join('\n');
}
