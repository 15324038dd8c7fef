import type { ConsoleErrorCode } from '../../../shared/console/console-api.js';
import type { Localized } from '../../../shared/i18n/locale.js';

/** What the console says for each refusal code of its API (every code, or this does not compile). */
export const CONSOLE_ERROR_TEXT: { readonly [C in ConsoleErrorCode | 'NETWORK' | 'BAD_ANSWER']: Localized } = {
  SIGN_IN_FAILED: { zh: '账号或密码不对。', en: 'The account or password is wrong.' },
  LOCKED_OUT: { zh: '登录失败次数过多，此账号已暂时锁定。', en: 'Too many failed sign-ins: this account is locked for a while.' },
  TOTP_REQUIRED: { zh: '请输入验证器上的六位动态码。', en: 'Enter the six-digit code your authenticator shows.' },
  RATE_LIMITED: { zh: '此地址登录尝试过多，请一分钟后再试。', en: 'Too many attempts from this address: wait a minute.' },
  NOT_SIGNED_IN: { zh: '登录已过期，请重新登录。', en: 'Your session has ended: sign in again.' },
  CSRF: { zh: '请求未通过来源校验，请刷新页面后重试。', en: 'The request failed its origin check: reload the page and try again.' },
  FORBIDDEN: { zh: '您的角色无权执行此操作。', en: 'Your role may not do this.' },
  TOTP_SETUP_REQUIRED: { zh: '请先设置验证器。', en: 'Set up your authenticator first.' },
  BAD_REQUEST: { zh: '填写的内容不符合要求。', en: 'Something you entered is not accepted.' },
  NOT_FOUND: { zh: '没有找到。', en: 'Not found.' },
  EXISTS: { zh: '已经存在。', en: 'It exists already.' },
  LAST_ADMIN: { zh: '控制台必须保留至少一名有效的管理员。', en: 'The console must keep at least one active admin.' },
  HOLDER_INVALID: { zh: '持卡人信息未通过检查。', en: 'The holder’s details fail a check.' },
  HOLDER_HAS_CARD: { zh: '此人已有有效金卡。', en: 'This person has a card in force already.' },
  ROSTER_INVALID: { zh: '名单文件有错误行。', en: 'The roster has bad lines.' },
  ROSTER_TOO_LARGE: { zh: '名单文件过大。', en: 'The roster is too large.' },
  CONFIRMATION_MISMATCH: { zh: '确认内容与卡号不符。', en: 'The confirmation does not match the card number.' },
  ALREADY_REVOKED: { zh: '此卡已注销。', en: 'This card is revoked already.' },
  EXPIRED: { zh: '此卡已过期。', en: 'This card has expired.' },
  CARD_NOT_IN_FORCE: { zh: '此卡已注销、已换发或已过期，不再提供卡片页、二维码和令牌。', en: 'This card is revoked, replaced or expired: its sheet, QR code and token are no longer handed out.' },
  FONT_MISSING: { zh: '服务器缺少中文字体，无法生成卡片页。', en: 'The hub has no Chinese font for card sheets.' },
  UNKNOWN_SERVICE: { zh: '现行规则中没有此服务项目。', en: 'The rules in force have no such service.' },
  PUBLIC_URL_UNSET: { zh: '中心启动时未设置公开地址，无法生成登记二维码：请管理员用 jinka-hub serve --public-url 重新启动。', en: 'The hub was started without its public URL: an administrator restarts it with jinka-hub serve --public-url.' },
  NO_TRUST_ANCHOR: { zh: '没有可供新终端固定的信任列表，请用 U 盘配置。', en: 'There is no trust list a new terminal could pin: provision it by USB.' },
  ALREADY_DISABLED: { zh: '此终端已停用。', en: 'This terminal is disabled already.' },
  ALREADY_RESOLVED: { zh: '此提示已处理。', en: 'This flag is resolved already.' },
  RULES_INVALID: { zh: '上传的规则文件格式不正确。', en: 'The uploaded rules are not valid.' },
  PREVIEW_MISMATCH: { zh: '预览已失效或与文件不符，请重新预览。', en: 'The preview does not match this file or expired: preview again.' },
  PREVIEW_STALE: { zh: '预览后又发布了新版本，请重新预览。', en: 'Another version was published since the preview: preview again.' },
  RULES_UNCHANGED: { zh: '上传的规则与现行版本相同。', en: 'The uploaded rules are the same as the version in force.' },
  WRONG_PASSPHRASE: { zh: '服务器口令不对。', en: 'The hub passphrase is wrong.' },
  PASSPHRASE_TRIES: { zh: '服务器口令尝试次数过多，请 15 分钟后再试。', en: 'Too many passphrase tries: wait 15 minutes.' },
  KEY_NOT_RETIRABLE: { zh: '此密钥正在使用或已退役，不能退役。', en: 'This key is in use or retired already: it cannot be retired.' },
  ISSUER_KEYS_REFUSED: { zh: '公钥文件不能使用。', en: 'The keys file cannot be used.' },
  ISSUER_NOT_FOREIGN: { zh: '这是本局自己的发卡方或密钥，不能作为其他发卡方登记。', en: 'That is the bureau’s own issuer or key: it cannot be registered as another issuer’s.' },
  RELAY_REFUSED: { zh: '注销名单未通过核验，未转发。', en: 'The revocation list failed its checks and was not relayed.' },
  NETWORK: { zh: '无法连接服务器，请检查网络后重试。', en: 'The hub cannot be reached: check the network and try again.' },
  BAD_ANSWER: { zh: '服务器的回答无法识别。', en: 'The hub’s answer was not understood.' },
};

/**
 * The sentence for an error: the table's words for its code, and for a bad request the hub's
 * detail (which field). A code the table lacks (a newer hub's, a proxy's) reads as an answer
 * not understood: the page must show a refusal, never fail on one.
 */
export function errorText(error: { code: ConsoleErrorCode | 'NETWORK' | 'BAD_ANSWER'; message: string }, locale: 'zh' | 'en'): string {
  const code = Object.hasOwn(CONSOLE_ERROR_TEXT, error.code) ? error.code : 'BAD_ANSWER';
  const words = CONSOLE_ERROR_TEXT[code][locale];
  return error.code === 'BAD_REQUEST' || error.code === 'HOLDER_INVALID' ? `${words} (${error.message})` : words;
}
