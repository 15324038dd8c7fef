import { existsSync, readdirSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ENROL_QR_MAX_CHARS } from '../../../shared/sync/enrol-qr.js';
import { enrolTerminal } from '../../core/sync/enrol.js';
import { enrolByQr, type QrEnrolled } from '../../core/sync/enrol-qr.js';
import type { Enrolment } from '../../core/store/sync-store.js';
import type { Terminal } from '../../core/terminal.js';
import { t, type CliContext } from '../cli-context.js';
import { CliError, EXIT } from '../cli-error.js';
import { dataDirOf, openTerminal, withTerminalAsync } from '../open-terminal.js';

const OPTIONS = {
  hub: { type: 'string' },
  code: { type: 'string' },
  qr: { type: 'string' },
  'terminal-id': { type: 'string' },
  site: { type: 'string' },
  service: { type: 'string' },
  force: { type: 'boolean' },
  'insecure-http': { type: 'boolean' },
  json: { type: 'boolean' },
  'data-dir': { type: 'string' },
} as const;

function warnInsecure(ctx: CliContext, e: Enrolment): void {
  if (e.insecureHttp !== true) return;
  ctx.err(t(ctx, `jinka: 注意：按 --insecure-http 以明文 HTTP 连接 ${e.hubUrl}，网络上任何人都能读取上传内容；以后每次同步都如此，改用 https:// 请重新注册`, `jinka: warning: plain HTTP to ${e.hubUrl} as --insecure-http asked: anyone on the network can read what is uploaded; every later sync does the same until you enrol again with https://`));
}

/** Whether the folder holds anything (a terminal, or what is left of one: opening it says which); a missing or empty folder is a new terminal's. */
const folderInUse = (dir: string): boolean => existsSync(dir) && readdirSync(dir).length > 0;

/**
 * `jinka enrol --qr TEXT|-`: one scan sets the terminal up (core/sync/enrol-qr.ts). The data
 * folder is created only once the hub has accepted the code (provisioning by QR is first
 * provisioning, DESIGN.md §7); every refusal before that leaves the folder as it was, or absent.
 */
async function enrolFromQr(ctx: CliContext, values: { qr: string; 'terminal-id'?: string | undefined; service?: string | undefined; force?: boolean | undefined; 'insecure-http'?: boolean | undefined; json?: boolean | undefined; 'data-dir'?: string | undefined }): Promise<number> {
  const qr = values.qr === '-' ? ctx.readStdin(ENROL_QR_MAX_CHARS * 4, t(ctx, `注册二维码内容至多 ${ENROL_QR_MAX_CHARS} 个字符`, `an enrolment QR holds at most ${ENROL_QR_MAX_CHARS} characters`)) : values.qr;
  const dir = dataDirOf(ctx, values['data-dir']);
  let terminal: Terminal | undefined = folderInUse(dir) ? openTerminal(ctx, dir) : undefined;
  let done: QrEnrolled;
  try {
    const result = await enrolByQr(
      { terminal, create: () => (terminal = openTerminal(ctx, dir, 'create')) },
      { qr, terminalId: values['terminal-id'], service: values.service, force: values.force, insecureHttp: values['insecure-http'], now: ctx.now },
    );
    if (!result.ok) throw new CliError({ code: 'ENROL_FAILED', error: result.error });
    done = result.value;
  } finally {
    terminal?.close();
  }
  const { enrolment: e, round } = done;
  warnInsecure(ctx, e);
  const ready = round.state === 'idle';
  if (values.json === true) {
    ctx.out(JSON.stringify({ ...e, trustPinned: done.trustPinned, sync: round.state, ready }));
  } else {
    if (done.trustPinned) ctx.out(t(ctx, '已核对中心的信任列表（由二维码所指的信任密钥签名）并导入', 'Trust list checked (signed by the trust key the QR names) and pinned'));
    ctx.out(t(ctx, `已在中心 ${e.hubUrl} 注册：终端 ${e.terminalId}，场所 ${e.site}，服务 ${e.service}`, `Enrolled at ${e.hubUrl}: terminal ${e.terminalId}, site ${e.site}, service ${e.service}`));
    if (ready) ctx.out(t(ctx, '已同步规则和名单：可以开始核验。', 'Rules and lists synced: ready to verify cards.'));
  }
  if (!ready) {
    ctx.err(t(ctx, `jinka: 已注册，但首次同步未完成（${round.state}）：请检查网络后运行 jinka sync now`, `jinka: enrolled, but the first sync did not complete (${round.state}): check the network, then run jinka sync now`));
    return EXIT.failed;
  }
  return EXIT.ok;
}

/**
 * `jinka enrol --hub URL --code CODE [--terminal-id ID] [--site NAME] [--service ID] [--force] [--insecure-http]`
 * or `jinka enrol --qr TEXT|- [--terminal-id ID] [--service ID] [--force] [--insecure-http]`:
 * makes this terminal's key pair and registers its public key at the hub with the bureau's one-time code.
 * The code binds the site and service: `--service`, when given, must be the code's.
 * Plain http:// is refused except to this machine, unless `--insecure-http` says otherwise.
 */
export async function enrolCommand(ctx: CliContext, argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  if (positionals.length > 0) throw new CliError({ code: 'ENROL_EXTRA_ARGUMENT', argument: positionals[0] ?? '' });
  if (values.qr !== undefined) {
    // The QR names the hub and the code; the code names the site.
    if (values.hub !== undefined || values.code !== undefined || values.site !== undefined) throw new CliError({ code: 'USAGE', command: 'enrol' });
    return enrolFromQr(ctx, { ...values, qr: values.qr });
  }
  if (values.hub === undefined || values.code === undefined) throw new CliError({ code: 'USAGE', command: 'enrol' });
  const { hub, code } = values;
  return withTerminalAsync(ctx, values['data-dir'], async (terminal) => {
    const result = await enrolTerminal(terminal, {
      hubUrl: hub,
      code,
      terminalId: values['terminal-id'],
      site: values.site,
      service: values.service,
      force: values.force,
      insecureHttp: values['insecure-http'],
    });
    if (!result.ok) throw new CliError({ code: 'ENROL_FAILED', error: result.error });
    const e = result.value;
    warnInsecure(ctx, e);
    if (values.json === true) ctx.out(JSON.stringify(e));
    else {
      ctx.out(t(ctx, `已在中心 ${e.hubUrl} 注册：终端 ${e.terminalId}，场所 ${e.site}，服务 ${e.service}`, `Enrolled at ${e.hubUrl}: terminal ${e.terminalId}, site ${e.site}, service ${e.service}`));
      ctx.out(t(ctx, '终端私钥保存在数据目录（terminal-key.pem），从不外传。运行 jinka sync now 立即同步。', 'The private key stays in the data folder (terminal-key.pem). Run jinka sync now to sync at once.'));
    }
    return EXIT.ok;
  });
}
