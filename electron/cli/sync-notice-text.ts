import type { Locale } from '../../shared/i18n/locale.js';
import type { SyncNotice, SyncNoticeCode, SyncNoticeOf } from '../../shared/sync/sync-status-codes.js';

/** A text with parameters, in every language. */
type Words<P> = Readonly<Record<Locale, (p: P) => string>>;

/** `（HTTP 403 CODE）`-style detail of a hub answer in Chinese: the status and the hub's code, not its English sentence. */
const zhHub = (status: number | null, hubCode: string | null): string => [status === null ? null : `HTTP ${status}`, hubCode].filter((p) => p !== null).join(' ');
const enHub = (status: number | null, hubCode: string | null, hubMessage: string | null): string =>
  [status === null ? null : `HTTP ${status}`, hubCode, hubMessage !== null && hubMessage !== hubCode ? hubMessage : null].filter((p) => p !== null).join(': ');

/**
 * What `jinka sync now | status` and `jinka status` say about the sync state, for every notice
 * code (shared/sync/sync-status-codes.ts) in zh and en; a code without words fails to compile.
 * The hub's English sentences are shown in English only; Chinese names the HTTP status and the
 * hub's code (`--json` carries everything).
 */
const SYNC_NOTICE_TEXT: { readonly [C in SyncNoticeCode]: Words<SyncNoticeOf<C>> } = {
  NOT_ENROLLED: { zh: () => '尚未注册到中心：jinka enrol --hub URL --code 注册码', en: () => 'not enrolled at the hub: jinka enrol --hub URL --code CODE' },
  KEY_MISSING: {
    zh: () => '数据目录中缺少终端密钥：请重新注册（jinka enrol --force）',
    en: () => 'the terminal key is missing from the data folder: enrol again (jinka enrol --force)',
  },
  HUB_URL_REFUSED: {
    zh: (p) => (p.reason === 'INSECURE_HTTP' ? '登记的中心网址是明文 HTTP，已拒绝连接：请用 https:// 重新注册' : '登记的中心网址无效：请重新注册（jinka enrol --force）'),
    en: (p) => (p.reason === 'INSECURE_HTTP' ? 'the hub URL enrolled is plain HTTP and is refused: enrol again with https://' : 'the hub URL enrolled is not valid: enrol again (jinka enrol --force)'),
  },
  HUB_UNREACHABLE: {
    zh: (p) => `无法连接中心${p.cause === null ? '' : `（${p.cause}）`}：请检查网络，记录保留待上传`,
    en: (p) => `hub unreachable${p.cause === null ? '' : ` (${p.cause})`}: check the network; entries stay queued`,
  },
  HUB_TIMEOUT: { zh: () => '中心未及时应答：请检查网络，记录保留待上传', en: () => 'the hub did not answer in time: check the network; entries stay queued' },
  HUB_UNAVAILABLE: { zh: (p) => `中心暂时不可用（HTTP ${p.status}）：稍后自动重试`, en: (p) => `the hub is unavailable for now (HTTP ${p.status}): the next round tries again` },
  HUB_UNAUTHORIZED: {
    zh: (p) => `中心不接受本终端的签名（${zhHub(401, p.hubCode)}）：请检查系统时钟，或重新注册（jinka enrol --force）`,
    en: (p) => `the hub does not accept this terminal's signature (${enHub(401, p.hubCode, p.hubMessage)}): check the system clock, or enrol again (jinka enrol --force)`,
  },
  TERMINAL_DISABLED: {
    zh: () => '本终端已被中心停用：请联系主管部门',
    en: (p) => `this terminal was disabled at the hub${p.hubMessage === null ? '' : ` (${p.hubMessage})`}: contact the bureau`,
  },
  HUB_REFUSED: { zh: (p) => `中心拒绝了请求（${zhHub(p.status, p.hubCode)}）`, en: (p) => `the hub refused the request (${enHub(p.status, p.hubCode, p.hubMessage)})` },
  HUB_ANSWER_TOO_LARGE: { zh: (p) => `中心应答超过 ${p.maxBytes} 字节，未读取`, en: (p) => `the hub's answer is larger than ${p.maxBytes} bytes: not read` },
  HUB_ANSWER_NOT_JSON: { zh: (p) => `中心应答不是 JSON（HTTP ${p.status}）：请检查中心网址`, en: (p) => `the hub's answer is not JSON (HTTP ${p.status}): check the hub URL` },
  HUB_ANSWER_UNEXPECTED: { zh: (p) => `中心应答格式不符（${p.path}）：中心与终端版本可能不一致`, en: (p) => `unexpected hub answer (${p.path}): the hub and this terminal may be different versions` },
  UPLOAD_STALLED: {
    zh: (p) => `上传第 ${p.from}–${p.last} 条后中心只确认到第 ${p.acknowledged} 条，上传无法继续${p.flags.length > 0 ? `（${p.flags.join('；')}）` : ''}`,
    en: (p) => `the hub acknowledged up to ${p.acknowledged} after a batch of ${p.from}–${p.last}; the upload cannot go on${p.flags.length > 0 ? ` (${p.flags.join('; ')})` : ''}`,
  },
  ROUND_FAILED: { zh: () => '同步时本终端内部出错：jinka sync now --json 可查看详情，请报告', en: (p) => `sync failed inside this terminal: ${p.detail}` },
  BUNDLES_REFUSED: {
    zh: (p) => `拒绝了 ${p.total} 个更新包，终端保留原有数据：${p.bundles.map((b) => b.code).join('，')}`,
    en: (p) => `${p.total} bundle(s) refused, the terminal keeps what it had: ${p.bundles.map((b) => `${b.code} ${b.detail}`).join('; ')}`,
  },
  ENTRIES_WITHHELD: {
    zh: (p) =>
      `${p.count === 1 ? `第 ${p.seq} 条记录（${p.kind}，${p.length} 个字符）` : `${p.count} 条记录（首条第 ${p.seq} 条，${p.kind}）`}超出中心的限制（${p.path}）：已以替代记录上传并由中心标记，其余记录照常上传；完整记录保留在本终端审计日志中`,
    en: (p) =>
      `${p.count === 1 ? `entry ${p.seq} (${p.kind}, ${p.length} characters)` : `${p.count} entries (first ${p.seq}, ${p.kind})`} exceeded the hub's limits (${p.path}): sent as a stand-in the hub flags, the rest of the queue went on; the full entry stays in this terminal's audit log`,
  },
  CLOCK_SKEW: {
    zh: (p) => `本机时钟比中心${p.direction === 'behind' ? '慢' : '快'} ${p.minutes} 分钟：请校正系统时钟`,
    en: (p) => `this terminal's clock is ${p.minutes} min ${p.direction === 'behind' ? 'behind' : 'ahead of'} the hub's: correct the system clock`,
  },
};

/** One sync notice in the CLI's language. */
export function syncNoticeText(notice: SyncNotice, locale: Locale): string {
  // The table is indexed by the notice's own code, so its parameters are the notice's.
  const words = SYNC_NOTICE_TEXT[notice.code] as Words<SyncNotice>;
  return words[locale](notice);
}

/** The notices as one line in the CLI's language, null when there are none (the `message` of `--json`). */
export function syncNoticesText(notices: readonly SyncNotice[], locale: Locale): string | null {
  return notices.length === 0 ? null : notices.map((n) => syncNoticeText(n, locale)).join(locale === 'zh' ? '；' : '; ');
}
