import type { Locale, Localized } from '../../shared/i18n/locale.js';

/** Every `jinka-hub` command, in the order `jinka-hub help` lists them; the table below must word each one. */
export const HUB_COMMAND_NAMES = [
  'init',
  'key',
  'rules',
  'issuer',
  'issue',
  'issue-batch',
  'revoke',
  'reissue',
  'card',
  'publish',
  'enrol-code',
  'terminal',
  'import-usage',
  'audit',
  'report',
  'serve',
  'demo',
  'staff',
  'migrate',
] as const;
/** One `jinka-hub` command. */
export type HubCommandName = (typeof HUB_COMMAND_NAMES)[number];

/** A command's usage: its synopsis lines (the same in every language) and what each does. */
interface CommandHelp {
  lines: readonly { synopsis: string; about: Localized }[];
}

/** `jinka-hub COMMAND --help`: usage per command, worded per language; a missing command fails to compile. */
export const HUB_COMMAND_HELP: Readonly<Record<HubCommandName, CommandHelp>> = {
  init: { lines: [{ synopsis: 'jinka-hub init [--rules FILE] [--bureau-name NAME]', about: { zh: '建立中心：信任密钥、首个签名密钥、规则第 1 版', en: 'create the hub: trust key, first signing key, rules version 1' } }] },
  key: {
    lines: [
      { synopsis: 'jinka-hub key create | rotate | rotate-trust | list [--json]', about: { zh: '新建或轮换签名密钥、轮换信任密钥、列出密钥', en: 'create or rotate the signing key, rotate the trust key, list keys' } },
      { synopsis: 'jinka-hub key retire KID | compromised KID [--json]', about: { zh: '提前停用旧密钥；密钥泄露时作废并重置终端计数', en: 'retire an older key early; drop a leaked key and reset terminals’ counters' } },
    ],
  },
  rules: { lines: [{ synopsis: 'jinka-hub rules set FILE | show', about: { zh: '发布下一版服务规则（第三十九条）或查看现行规则', en: 'publish the next rules version (Art. 39) or show the rules in force' } }] },
  issuer: {
    lines: [
      { synopsis: 'jinka-hub issuer add ISS --name NAME --keys FILE', about: { zh: '信任另一发卡机关的公钥', en: 'trust another issuer’s public keys' } },
      { synopsis: 'jinka-hub issuer relay BUNDLE_FILE', about: { zh: '转发其他机关签发的吊销名单', en: 'relay a revocation list another issuer signed' } },
    ],
  },
  issue: {
    lines: [
      {
        synopsis: 'jinka-hub issue --name NAME --id-number N --category 1-5 --from DATE --until DATE [--out DIR] [--font FILE] [--no-pdf]',
        about: { zh: '签发一张卡：令牌、二维码与打印页', en: 'issue one card: token, QR code and print sheet' },
      },
    ],
  },
  'issue-batch': {
    lines: [
      { synopsis: 'jinka-hub issue-batch ROSTER.csv --out DIR [--skip-bad] [--font FILE] [--no-pdf]', about: { zh: '按名册批量发卡；有错行时全部不发（--skip-bad 跳过错行）', en: 'issue a roster; nothing when a line is bad (--skip-bad issues the others)' } },
    ],
  },
  revoke: { lines: [{ synopsis: 'jinka-hub revoke SUB… --reason TEXT', about: { zh: '收回卡片，发布新的吊销名单（第三十四条）', en: 'revoke cards in one new revocation list (Art. 34)' } }] },
  reissue: {
    lines: [{ synopsis: 'jinka-hub reissue SUB | --id-number N [--reason TEXT] [--out DIR]', about: { zh: '补办：收回原卡并发新卡号', en: 're-issue: the old card revoked, a new card number' } }],
  },
  card: { lines: [{ synopsis: 'jinka-hub card show SUB | find --id-number N [--json]', about: { zh: '查看中心保存的卡片信息', en: 'what the hub keeps of a card' } }] },
  publish: { lines: [{ synopsis: 'jinka-hub publish --out DIR', about: { zh: '把现行数据包写成文件，供 U 盘带到终端', en: 'the current bundles as files for a USB stick' } }] },
  'enrol-code': {
    lines: [
      {
        synopsis: 'jinka-hub enrol-code --site NAME --service ID [--hours H] [--url HUB_URL [--qr FILE.png]] [--json]',
        about: { zh: '为一台终端生成一次性注册码；加 --url 同时给出注册二维码（--qr 写成图片）', en: 'a one-time enrolment code for one terminal; with --url also its enrolment QR (--qr writes it as an image)' },
      },
    ],
  },
  terminal: {
    lines: [{ synopsis: 'jinka-hub terminal list [--json] | disable ID [--reason TEXT]', about: { zh: '列出已注册终端，或停用一台终端', en: 'list enrolled terminals, or disable one' } }],
  },
  'import-usage': {
    lines: [{ synopsis: 'jinka-hub import-usage FILE [--ack FILE]', about: { zh: '导入终端 U 盘带来的使用记录（jinka sync export）', en: 'a terminal’s sync export from a USB stick (jinka sync export)' } }],
  },
  audit: {
    lines: [{ synopsis: 'jinka-hub audit verify [--json]', about: { zh: '检查数据库、各终端审计链与使用表；退出码 1 表示已损坏', en: 'check the database, every terminal’s chain and the uses table; exit 1 damaged' } }],
  },
  report: {
    lines: [
      {
        synopsis: 'jinka-hub report [--from DATE] [--until DATE] [--csv FILE] [--flags-csv FILE] [--flags N] [--json]',
        about: { zh: '使用情况报表与异常标记', en: 'the usage report and its flags' },
      },
    ],
  },
  serve: {
    lines: [
      {
        synopsis: 'jinka-hub serve [--port N] [--host ADDR] [--cert FILE --key FILE] [--trust-proxy ADDR,…] [--public-url URL] [--quiet]',
        about: {
          zh: '启动中心服务，供终端同步；位于反向代理之后时，用 --trust-proxy 给出代理地址，按来访者地址计数；--public-url 为终端访问中心的地址，控制台的登记二维码需要它',
          en: 'serve the hub for terminals to sync with; behind a reverse proxy, --trust-proxy names it so limits count the client’s address; --public-url is the hub’s address as terminals reach it, which the console’s enrolment QR needs',
        },
      },
    ],
  },
  migrate: {
    lines: [
      {
        synopsis: 'jinka-hub migrate --to postgres://… [--json]',
        about: { zh: '把数据目录中的 SQLite 中心复制到 PostgreSQL 并核对（可重复运行）', en: 'copy the data folder’s SQLite hub to PostgreSQL and verify it there (safe to run again)' },
      },
    ],
  },
  demo: {
    lines: [{ synopsis: 'jinka-hub demo [--dir DIR] [--port N] [--no-serve] [--font FILE]', about: { zh: '在 127.0.0.1 上运行演示中心（演示密钥）', en: 'a demo hub on 127.0.0.1 (DEMO keys)' } }],
  },
  staff: {
    lines: [
      {
        synopsis: 'jinka-hub staff add --id ID --name NAME --role admin|officer|auditor  (password on standard input) | list [--json]',
        about: { zh: '建立控制台工作人员账号（第一个管理员），或列出账号', en: 'make a console staff account (the first admin), or list the accounts' },
      },
      {
        synopsis: 'jinka-hub staff unlock --id ID | password --id ID  (password on standard input)',
        about: { zh: '解除某账号因输错密码而设的锁定；或为其设新密码（结束其全部会话）', en: 'lift the lock wrong guesses set on an id; or set its new password (ending its sessions)' },
      },
    ],
  },
};

const USAGE_WORD: Localized = { zh: '用法', en: 'usage' };

/** The options every command but demo takes, said once under each command's usage. */
const COMMON: Localized = {
  zh: '除 demo 外均可加 --data-dir DIR（默认 JINKA_HUB_DATA_DIR）或 --database postgres://…（默认 JINKA_HUB_DATABASE，数据存于 PostgreSQL）；口令取自 --passphrase-file FILE 或 JINKA_HUB_PASSPHRASE',
  en: 'every command but demo takes --data-dir DIR (default JINKA_HUB_DATA_DIR) or --database postgres://… (default JINKA_HUB_DATABASE: the hub in PostgreSQL); the passphrase comes from --passphrase-file FILE or JINKA_HUB_PASSPHRASE',
};

/** Whether NAME is a `jinka-hub` command. */
export const isHubCommandName = (name: string): name is HubCommandName => (HUB_COMMAND_NAMES as readonly string[]).includes(name);

/** The usage of one command in the chosen language (what `jinka-hub COMMAND --help` prints). */
export function hubCommandHelp(name: HubCommandName, locale: Locale): string {
  const lines = HUB_COMMAND_HELP[name].lines.flatMap((l) => [`  ${l.synopsis}`, `      ${l.about[locale]}`]);
  return [`${USAGE_WORD[locale]}:`, ...lines, '', COMMON[locale]].join('\n');
}

/** The synopsis of one command on one line, for a usage error. */
export function hubUsageLine(name: HubCommandName, locale: Locale): string {
  return `${USAGE_WORD[locale]}: ${HUB_COMMAND_HELP[name].lines.map((l) => l.synopsis).join(' | ')}`;
}

/** The overview of `jinka-hub help`: every command, then the shared options and exit codes. */
export function hubOverviewHelp(locale: Locale): string {
  const title = 'jinka-hub — 聊城市人才服务金卡 发卡与数据中心 (the bureau’s hub)';
  const lines = HUB_COMMAND_NAMES.flatMap((name) => HUB_COMMAND_HELP[name].lines.map((l) => `  ${l.synopsis}\n      ${l.about[locale]}`));
  const footer: Localized = {
    zh: `${COMMON.zh}。\n卡片文件：--font FILE（默认 Noto Sans CJK）、--no-pdf。退出码：0 完成，2 命令无法执行。\njinka-hub COMMAND --help 显示单个命令的用法；JINKA_LANG=en 切换为英文。`,
    en: `${COMMON.en}.\nCard files: --font FILE (default Noto Sans CJK), --no-pdf. Exit status: 0 done, 2 the command could not run.\njinka-hub COMMAND --help shows one command’s usage; JINKA_LANG=en for English.`,
  };
  return [title, '', ...lines, '', footer[locale]].join('\n');
}
