import { CODE_REFUSAL_TEXT, QR_PROBLEM_TEXT, TRUST_NOT_HELD_TEXT, TRUST_PROBLEM_TEXT, trustNotPinnedText } from '../../shared/i18n/enrol-text.js';
import type { Locale, Localized } from '../../shared/i18n/locale.js';
import { ok } from '../../shared/result.js';
import { enrolQrText } from '../../shared/sync/enrol-qr.js';
import { noticeReference } from '../../shared/sync/sync-status-codes.js';
import { enrolTerminal, type EnrolError } from '../core/sync/enrol.js';
import { enrolByQr } from '../core/sync/enrol-qr.js';
import type { ChannelHandlers, ServiceContext } from './service-context.js';

const OFFLINE: Localized = { zh: '无法连接管理平台，请检查网址和网络', en: 'The hub cannot be reached: check the URL and the network' };
const REFUSED: Localized = { zh: '管理平台拒绝了登记码（登记码错误、已用过，或与本终端的场所和服务不符）', en: 'The hub refused the code (wrong, already used, or issued for another site or service)' };

/** Why enrolment failed, in the counter's language, by its reason (a reason without words fails to compile); the hub's own words follow for support. */
const ENROL_FAILURE: { readonly [R in Exclude<EnrolError['reason'], 'INSECURE_HTTP'>]: (e: Extract<EnrolError, { reason: R }>, locale: Locale) => string } = {
  ALREADY_ENROLLED: (e, locale) =>
    locale === 'zh' ? `本终端已作为 ${e.terminalId} 在 ${e.hubUrl} 登记，如需重新登记请使用命令行 jinka enrol --force` : `This terminal is already enrolled as ${e.terminalId} at ${e.hubUrl}; to enrol again use jinka enrol --force`,
  BAD_HUB_URL: (e, locale) => (locale === 'zh' ? `管理平台网址无效（${e.detail}）` : `The hub URL is not valid (${e.detail})`),
  SERVICE_REQUIRED: (_e, locale) => (locale === 'zh' ? '管理平台没有说明本终端的服务项目：请升级管理平台，或使用命令行 jinka enrol --service' : 'The hub did not say which service this terminal is for: update the hub, or use jinka enrol --service'),
  UNKNOWN_SERVICE: (e, locale) => (locale === 'zh' ? `服务项目“${e.service}”不在目录中` : `The service "${e.service}" is not in the catalogue`),
  INVALID_FIELD: (e, locale) => (locale === 'zh' ? `${e.field} 无效（${e.detail}）` : `${e.field} is not valid (${e.detail})`),
  HUB: (e, locale) => `${(e.hub.kind === 'offline' ? OFFLINE : REFUSED)[locale]} (${noticeReference(e.hub.notice)})`,
  CODE_REFUSED: (e, locale) => CODE_REFUSAL_TEXT[e.refusal][locale],
  BAD_QR: (e, locale) => QR_PROBLEM_TEXT[e.problem][locale],
  TRUST_REFUSED: (e, locale) => TRUST_PROBLEM_TEXT[e.problem][locale],
  TRUST_NOT_HELD: (_e, locale) => TRUST_NOT_HELD_TEXT[locale],
  TRUST_NOT_PINNED: (e, locale) => trustNotPinnedText(e.detail)[locale],
};

function enrolFailure(error: Exclude<EnrolError, { code: 'INSECURE_HTTP' }>, locale: Locale): string {
  const words = ENROL_FAILURE[error.reason] as (e: typeof error, locale: Locale) => string;
  return words(error, locale);
}

/**
 * sync.enrol (supervisors): the settings screen's path to `jinka enrol` — the same
 * enrolment, with the terminal id of the counter settings in force; the site and service
 * are the code's, and the counter takes them. With the QR's trust-key thumbprint (the
 * supervisor scanned the enrolment QR) it is `jinka enrol --qr`: a terminal that trusts
 * nobody yet takes the hub's trust list, checked against the thumbprint. Then a sync round
 * at once. A failure changes nothing and answers ENROL_FAILED, or INSECURE_HUB_URL for plain
 * HTTP off this machine: the screen offers no override (the command line's `--insecure-http`
 * is the supervisor's deliberate way).
 */
export function enrolHandlers(ctx: ServiceContext): ChannelHandlers<'sync.enrol'> {
  return {
    'sync.enrol': async ({ hubUrl, code, trustThumbprint, trustMinVersion }) => {
      const settings = ctx.settings();
      const result =
        trustThumbprint === undefined
          ? await enrolTerminal(ctx.terminal, { hubUrl, code, terminalId: settings.terminalId })
          : await enrolByQr(
              { terminal: ctx.terminal, create: () => ctx.terminal },
              { qr: enrolQrText({ url: hubUrl, token: code, thumbprint: trustThumbprint, trustMinVersion }), terminalId: settings.terminalId, firstRound: () => ctx.sync.now().catch(() => ctx.sync.status()) },
            );
      if (!result.ok) {
        const error = result.error;
        return error.code === 'INSECURE_HTTP' ? ctx.fail('INSECURE_HUB_URL') : ctx.fail('ENROL_FAILED', enrolFailure(error, settings.language));
      }
      // Enrolled: the counter now verifies for the enrolment's service, under the bureau's name for the site.
      ctx.emit({ type: 'settings.changed', settings: ctx.settings() });
      return ok(trustThumbprint === undefined ? await ctx.sync.now().catch(() => ctx.sync.status()) : ctx.sync.status());
    },
  };
}
