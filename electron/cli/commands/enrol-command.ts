import { parseArgs } from 'node:util';
import { enrolTerminal } from '../../core/sync/enrol.js';
import { t, type CliContext } from '../cli-context.js';
import { CliError, EXIT } from '../cli-error.js';
import { withTerminalAsync } from '../open-terminal.js';

/**
 * `jinka enrol --hub URL --code CODE [--terminal-id ID] [--site NAME] [--service ID] [--force] [--insecure-http]`:
 * makes this terminal's key pair and registers its public key at the hub with the bureau's one-time code.
 * Plain http:// is refused except to this machine, unless `--insecure-http` says otherwise.
 */
export async function enrolCommand(ctx: CliContext, argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      hub: { type: 'string' },
      code: { type: 'string' },
      'terminal-id': { type: 'string' },
      site: { type: 'string' },
      service: { type: 'string' },
      force: { type: 'boolean' },
      'insecure-http': { type: 'boolean' },
      json: { type: 'boolean' },
      'data-dir': { type: 'string' },
    },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length > 0) throw new CliError({ code: 'ENROL_EXTRA_ARGUMENT', argument: positionals[0] ?? '' });
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
    if (e.insecureHttp === true) {
      ctx.err(t(ctx, `jinka: 注意：按 --insecure-http 以明文 HTTP 连接 ${e.hubUrl}，网络上任何人都能读取上传内容；以后每次同步都如此，改用 https:// 请重新注册`, `jinka: warning: plain HTTP to ${e.hubUrl} as --insecure-http asked: anyone on the network can read what is uploaded; every later sync does the same until you enrol again with https://`));
    }
    if (values.json === true) ctx.out(JSON.stringify(e));
    else {
      ctx.out(t(ctx, `已在中心 ${e.hubUrl} 注册：终端 ${e.terminalId}，场所 ${e.site}，服务 ${e.service}`, `Enrolled at ${e.hubUrl}: terminal ${e.terminalId}, site ${e.site}, service ${e.service}`));
      ctx.out(t(ctx, '终端私钥保存在数据目录（terminal-key.pem），从不外传。运行 jinka sync now 立即同步。', 'The private key stays in the data folder (terminal-key.pem). Run jinka sync now to sync at once.'));
    }
    return EXIT.ok;
  });
}
