import type { Locale, Localized } from '../../shared/i18n/locale.js';
import { ok } from '../../shared/result.js';
import { enrolTerminal, type EnrolError } from '../core/sync/enrol.js';
import type { ChannelHandlers, ServiceContext } from './service-context.js';

const OFFLINE: Localized = { zh: '无法连接管理平台，请检查网址和网络', en: 'The hub cannot be reached: check the URL and the network' };
const REFUSED: Localized = { zh: '管理平台拒绝了登记码（登记码错误、已用过，或与本终端的场所和服务不符）', en: 'The hub refused the code (wrong, already used, or issued for another site or service)' };
const ALREADY: Localized = { zh: '本终端已登记，如需重新登记请使用命令行 jinka enrol --force', en: 'This terminal is already enrolled; to enrol again use jinka enrol --force' };

/** Why enrolment failed, in the counter's language, with the hub's own words for support. */
function enrolFailure(error: Exclude<EnrolError, { code: 'INSECURE_HTTP' }>, locale: Locale): string {
  if (error.code === 'ALREADY_ENROLLED') return `${ALREADY[locale]} (${error.message})`;
  if (error.code === 'INVALID_INPUT') return error.message;
  const text = error.hub.kind === 'offline' ? OFFLINE : REFUSED;
  return `${text[locale]} (${error.message})`;
}

/**
 * sync.enrol (supervisors): the settings screen's path to `jinka enrol` — the same
 * enrolment, with the terminal id, site and service of the counter settings in force;
 * then a sync round at once. A failure changes nothing and answers ENROL_FAILED, or
 * INSECURE_HUB_URL for plain HTTP off this machine: the screen offers no override (the
 * command line's `--insecure-http` is the supervisor's deliberate way).
 */
export function enrolHandlers(ctx: ServiceContext): ChannelHandlers<'sync.enrol'> {
  return {
    'sync.enrol': async ({ hubUrl, code }) => {
      const settings = ctx.settings();
      const result = await enrolTerminal(ctx.terminal, { hubUrl, code, terminalId: settings.terminalId, site: settings.siteName, service: settings.service });
      if (!result.ok) {
        const error = result.error;
        return error.code === 'INSECURE_HTTP' ? ctx.fail('INSECURE_HUB_URL') : ctx.fail('ENROL_FAILED', enrolFailure(error, settings.language));
      }
      // Enrolled: the first round's outcome (offline, refused…) shows in the sync state, not as a failure.
      return ok(await ctx.sync.now().catch(() => ctx.sync.status()));
    },
  };
}
