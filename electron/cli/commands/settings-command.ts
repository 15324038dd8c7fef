import { parseArgs } from 'node:util';
import { sitePolicyOverrideSchema, type SitePolicyOverride } from '../../core/store/settings-store.js';
import { isWarningCode } from '../../../shared/reason-codes.js';
import { saveTerminalSettings, terminalSettings } from '../../core/terminal-settings.js';
import { t, type CliContext } from '../cli-context.js';
import { CliError, EXIT } from '../cli-error.js';
import { withTerminal } from '../open-terminal.js';
import { describeDevice, hardwareChanges, takeHardwarePair, type HardwareArgs } from './hardware-settings-args.js';

const NUMERIC = ['clockToleranceSeconds', 'duplicateWindowSeconds', 'listStaleHours'] as const;

function parseSetting(pair: string, hardware: HardwareArgs): SitePolicyOverride {
  const eq = pair.indexOf('=');
  if (eq < 1) throw new CliError({ code: 'SET_NOT_A_PAIR', pair });
  const key = pair.slice(0, eq);
  const value = pair.slice(eq + 1).trim();
  // The counter's devices (gate output, serial scanner): gate.kind=http gate.url=… and so on.
  if (takeHardwarePair(hardware, key, value)) return {};
  if ((NUMERIC as readonly string[]).includes(key)) {
    const parsed = sitePolicyOverrideSchema.safeParse({ [key]: Number(value) });
    if (!parsed.success || value === '') throw new CliError({ code: 'SET_OUT_OF_RANGE', key, value });
    return parsed.data;
  }
  if (key === 'escalate') {
    const codes = value === '' ? [] : value.split(',').map((s) => s.trim());
    const bad = codes.find((c) => !isWarningCode(c));
    if (bad !== undefined) throw new CliError({ code: 'SET_BAD_ESCALATE', value: bad });
    return sitePolicyOverrideSchema.parse({ escalate: codes });
  }
  throw new CliError({ code: 'SET_UNKNOWN', key, known: [...NUMERIC, 'escalate', 'gate.*', 'scanner.*'] });
}

/** `jinka settings [--set key=value …]`: shows, or changes, this site's policy (§6 tolerances, windows, escalation). */
export function settingsCommand(ctx: CliContext, argv: string[]): number {
  const { values } = parseArgs({
    args: argv,
    options: { 'data-dir': { type: 'string' }, json: { type: 'boolean' }, set: { type: 'string', multiple: true } },
    strict: true,
  });
  const hardwareArgs: HardwareArgs = { gate: {}, scanner: {} };
  const changes = (values.set ?? []).reduce<SitePolicyOverride>((acc, pair) => ({ ...acc, ...parseSetting(pair, hardwareArgs) }), {});
  return withTerminal(ctx, values['data-dir'], (terminal) => {
    const devices = hardwareChanges(hardwareArgs, terminalSettings(terminal));
    if (Object.keys(devices).length > 0) {
      const saved = saveTerminalSettings(terminal, devices);
      if (!saved.ok) throw new CliError({ code: 'SET_REFUSED', detail: saved.error });
    }
    if (Object.keys(changes).length > 0) terminal.setPolicy(changes);
    const policy = terminal.policy();
    const { gate, scanner } = terminalSettings(terminal);
    if (values.json === true) ctx.out(JSON.stringify({ ...policy, gate, scanner }));
    else {
      ctx.out(t(ctx, `时钟容差 clockToleranceSeconds = ${policy.clockToleranceSeconds} 秒`, `clockToleranceSeconds = ${policy.clockToleranceSeconds}`));
      ctx.out(t(ctx, `重复使用窗口 duplicateWindowSeconds = ${policy.duplicateWindowSeconds} 秒`, `duplicateWindowSeconds = ${policy.duplicateWindowSeconds}`));
      ctx.out(t(ctx, `名单过期 listStaleHours = ${policy.listStaleHours} 小时`, `listStaleHours = ${policy.listStaleHours}`));
      ctx.out(t(ctx, `升级为拒绝的提示 escalate = ${policy.escalate.join(',') || '（无）'}`, `escalate = ${policy.escalate.join(',') || '(none)'}`));
      ctx.out(t(ctx, `闸机输出 ${describeDevice('gate', gate)}`, describeDevice('gate', gate)));
      ctx.out(t(ctx, `串口扫码枪 ${describeDevice('scanner', scanner)}`, describeDevice('scanner', scanner)));
    }
    return EXIT.ok;
  });
}
