import type { Locale, Localized } from '../../shared/i18n/locale.js';

/** Every `jinka` command; the help table below must word each one. */
export const COMMAND_NAMES = ['import', 'verify', 'init', 'status', 'history', 'audit', 'export', 'settings', 'operator', 'demo', 'enrol', 'sync', 'clock'] as const;
/** One `jinka` command. */
export type CommandName = (typeof COMMAND_NAMES)[number];

/** A command's usage: its synopsis lines (the same in every language) and what each does. */
interface CommandHelp {
  lines: readonly { synopsis: string; about: Localized }[];
}

const DIR = '[--data-dir DIR]';

/** `jinka COMMAND --help`: usage per command, worded per language; a missing command fails to compile. */
export const COMMAND_HELP: Readonly<Record<CommandName, CommandHelp>> = {
  import: {
    lines: [{ synopsis: `jinka import FILE|DIR [--json] ${DIR}`, about: { zh: '导入信任文件、签名数据包（每行一个）或中心回执', en: 'trust file, signed bundle(s) one per line, or hub acknowledgement' } }],
  },
  verify: {
    lines: [
      {
        synopsis: `jinka verify TOKEN|- --service ID [--at ISO-8601] [--companions spouse=1,parent=2] [--beneficiary father|mother] [--ticket NUMBER] [--record] [--json] ${DIR}`,
        about: { zh: '核验一张卡（- 从标准输入读取）；--record 登记这次使用。退出码 0 通过，1 不通过', en: 'check one card (- reads it from standard input); --record records the use. Exit 0 accept, 1 reject' },
      },
    ],
  },
  init: { lines: [{ synopsis: `jinka init [--trust FILE] ${DIR}`, about: { zh: '建立终端数据目录', en: 'create the terminal data folder' } }] },
  status: { lines: [{ synopsis: `jinka status [--json] ${DIR}`, about: { zh: '终端状态：信任列表、吊销名单、同步', en: 'terminal state: trust list, revocation lists, sync' } }] },
  history: { lines: [{ synopsis: `jinka history [--limit N] [--json] ${DIR}`, about: { zh: '最近的核验与登记', en: 'recent checks and recorded uses' } }] },
  audit: { lines: [{ synopsis: `jinka audit verify [--json] ${DIR}`, about: { zh: '检查审计链是否完整；退出码 1 表示已损坏', en: 'check the audit chain; exit 1 when it is broken' } }] },
  export: { lines: [{ synopsis: `jinka export [--out FILE] ${DIR}`, about: { zh: '以 CSV 导出已登记的使用', en: 'recorded uses as CSV' } }] },
  settings: { lines: [{ synopsis: `jinka settings [--set key=value]… [--json] ${DIR}`, about: { zh: '查看或修改本场所的核验策略与设备', en: 'show or change this site’s policy and devices' } }] },
  operator: {
    lines: [
      { synopsis: `jinka operator add --id ID --name NAME --role operator|supervisor --pin PIN|- ${DIR}`, about: { zh: '新增操作员（--pin - 从标准输入读取密码）', en: 'add an operator (--pin - reads the PIN from standard input)' } },
      { synopsis: `jinka operator pin --id ID --pin PIN|- ${DIR}`, about: { zh: '设置新密码并解除锁定', en: 'new PIN, lifts a lockout' } },
      { synopsis: `jinka operator list [--json] ${DIR}`, about: { zh: '列出操作员', en: 'list the operators' } },
    ],
  },
  demo: { lines: [{ synopsis: 'jinka demo [--out DIR]', about: { zh: '演示用发卡机关、卡片与二维码', en: 'demo authority, cards and QR codes' } }] },
  enrol: {
    lines: [
      {
        synopsis: `jinka enrol --hub URL --code CODE [--terminal-id ID] [--site NAME] [--service ID] [--force] [--insecure-http] [--json] ${DIR}`,
        about: { zh: '凭中心发放的一次性登记码把本终端注册到管理平台', en: 'enrol this terminal at the hub with the bureau’s one-time code' },
      },
      {
        synopsis: `jinka enrol --qr TEXT|- [--terminal-id ID] [--service ID] [--force] [--insecure-http] [--json] ${DIR}`,
        about: {
          zh: '凭中心的注册二维码内容一步设置本终端：核对并导入信任列表、注册、同步规则和名单（新终端无需 U 盘）',
          en: 'set this terminal up from the hub’s enrolment QR: check and pin the trust list, enrol, sync rules and lists (no USB stick needed)',
        },
      },
    ],
  },
  sync: {
    lines: [
      { synopsis: `jinka sync now [--json] ${DIR}`, about: { zh: '上传待传记录，下载数据包和其他场所的使用', en: 'upload the queue, download bundles and other venues’ uses' } },
      { synopsis: `jinka sync status [--json] ${DIR}`, about: { zh: '同步状态', en: 'the sync state' } },
      { synopsis: `jinka sync export FILE ${DIR}`, about: { zh: '把待上传记录写成签名批次，供 U 盘带到中心', en: 'pending uploads as signed batches, for a USB stick' } },
    ],
  },
  clock: {
    lines: [
      {
        synopsis: 'jinka clock reset --reason TEXT [--json] [--data-dir DIR]',
        about: { zh: '主管：清除时钟走快后留下的“终端时钟可疑”', en: 'supervisor: clear CLOCK_SUSPECT left by a clock that ran ahead' },
      },
    ],
  },
};

const USAGE_WORD: Localized = { zh: '用法', en: 'usage' };

/** The usage of one command in the chosen language (what `jinka COMMAND --help` prints). */
export function commandHelp(name: CommandName, locale: Locale): string {
  return [`${USAGE_WORD[locale]}:`, ...COMMAND_HELP[name].lines.flatMap((l) => [`  ${l.synopsis}`, `      ${l.about[locale]}`])].join('\n');
}

/** The synopsis of one command on one line, for a usage error. */
export function usageLine(name: CommandName, locale: Locale): string {
  return `${USAGE_WORD[locale]}: ${COMMAND_HELP[name].lines.map((l) => l.synopsis).join(' | ')}`;
}

/** Whether NAME is a `jinka` command. */
export const isCommandName = (name: string): name is CommandName => (COMMAND_NAMES as readonly string[]).includes(name);

/** The overview of `jinka help`: every command, then exit codes and environment. */
export function overviewHelp(locale: Locale): string {
  const title = 'jinka — 聊城市人才服务金卡核验终端 (Liaocheng talent gold card terminal)';
  const lines = COMMAND_NAMES.flatMap((name) => COMMAND_HELP[name].lines.map((l) => `  ${l.synopsis}\n      ${l.about[locale]}`));
  const footer: Localized = {
    zh: '退出码：0 通过/完成，1 不通过/审计链损坏，2 命令无法执行。\njinka COMMAND --help 显示单个命令的用法。JINKA_LANG=en 切换为英文；JINKA_DATA_DIR 设置默认数据目录。',
    en: 'Exit status: 0 accept / done, 1 reject / audit broken, 2 the command could not run.\njinka COMMAND --help shows one command’s usage. JINKA_LANG=en for English; JINKA_DATA_DIR sets the default data folder.',
  };
  return [title, '', ...lines, '', footer[locale]].join('\n');
}
