import { resolve } from 'node:path';
import { parseValidFrom, parseValidUntil } from '../../issue/validity.js';
import { publishToDir, writeFileAtomic } from '../../publish/publish-files.js';
import { flagsCsv, reportText, usageCsv } from '../../report/report-format.js';
import { buildReport } from '../../report/usage-report.js';
import { HUB_EXIT, HubCliError, parseCommand, t, withHub, type HubCliContext } from '../hub-cli.js';

/** `publish --out DIR`: the current bundles as files for a USB stick. */
export async function publishCommand(ctx: HubCliContext, argv: string[]): Promise<number> {
  const { values } = parseCommand(argv, { out: { type: 'string' } });
  if (values.out === undefined) throw new HubCliError({ code: 'USAGE', command: 'publish' });
  const outDir = resolve(values.out);
  return withHub(ctx, values, async (hub) => {
    const files = await publishToDir(hub, outDir);
    ctx.out(t(ctx, `${files.bundles} 个签名文件包：${files.bundlesFile}（在终端上 jinka import）`, `${files.bundles} signed bundles: ${files.bundlesFile} (jinka import it at a terminal)`));
    ctx.out(t(ctx, `新终端首次配置用的信任文件：${files.trustFile}（jinka init --trust）`, `Trust file for a new terminal's first provisioning: ${files.trustFile} (jinka init --trust)`));
    return HUB_EXIT.ok;
  });
}

/** `report [--from DATE] [--until DATE] [--csv FILE] [--flags-csv FILE] [--json]`: the bureau's usage report. */
export async function reportCommand(ctx: HubCliContext, argv: string[]): Promise<number> {
  const { values } = parseCommand(argv, {
    from: { type: 'string' },
    until: { type: 'string' },
    csv: { type: 'string' },
    'flags-csv': { type: 'string' },
    flags: { type: 'string' },
    json: { type: 'boolean' },
  });
  const fromMs = values.from === undefined ? undefined : parseValidFrom(values.from);
  const toMs = values.until === undefined ? undefined : parseValidUntil(values.until);
  if (values.from !== undefined && fromMs === undefined) throw new HubCliError({ code: 'NOT_A_DATE', flag: '--from', value: values.from ?? '' });
  if (values.until !== undefined && toMs === undefined) throw new HubCliError({ code: 'NOT_A_DATE', flag: '--until', value: values.until });
  const flagLimit = values.flags === undefined ? 50 : Number(values.flags);
  if (!Number.isInteger(flagLimit) || flagLimit < 0) throw new HubCliError({ code: 'NOT_A_WHOLE_NUMBER', flag: '--flags' });
  return withHub(ctx, values, async (hub) => {
    const range = { ...(fromMs === undefined ? {} : { fromMs }), ...(toMs === undefined ? {} : { toMs }) };
    const report = await buildReport(hub, range, values['flags-csv'] === undefined ? flagLimit : 1_000_000);
    if (values.csv !== undefined) writeFileAtomic(values.csv, usageCsv(report.rows));
    if (values['flags-csv'] !== undefined) writeFileAtomic(values['flags-csv'], flagsCsv(report.flags));
    if (values.json === true) ctx.out(JSON.stringify({ ...report, flags: report.flags.slice(0, flagLimit) }));
    else {
      ctx.out(reportText({ ...report, flags: report.flags.slice(0, flagLimit) }));
      if (values.csv !== undefined) ctx.out(t(ctx, `CSV 已写入 ${values.csv}`, `CSV written to ${values.csv}`));
      if (values['flags-csv'] !== undefined) ctx.out(t(ctx, `标记 CSV 已写入 ${values['flags-csv']}`, `Flags CSV written to ${values['flags-csv']}`));
    }
    return HUB_EXIT.ok;
  });
}
