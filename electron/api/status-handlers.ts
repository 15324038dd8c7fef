import { ok } from '../../shared/result.js';
import { formatShanghai } from '../../shared/time/shanghai-calendar.js';
import { terminalStatus } from '../core/terminal-reports.js';
import type { ChannelHandlers, ServiceContext } from './service-context.js';

/** The status bar, and the hub sync (through the service's sync port). */
export function statusHandlers(ctx: ServiceContext): ChannelHandlers<'status.get' | 'sync.status' | 'sync.now'> {
  return {
    'status.get': () => {
      const settings = ctx.settings();
      const status = terminalStatus(ctx.terminal);
      const lists = status.revocationLists.map((l) => ({ iss: l.iss, seq: l.seq, ageHours: l.ageHours, stale: l.stale }));
      return ok({
        terminalId: settings.terminalId,
        siteName: settings.siteName,
        operator: ctx.operator(),
        rulesVersion: status.rules.version,
        rulesSource: status.rules.source,
        lists,
        // §6 LISTS_STALE: a trusted issuer without any list counts as stale too (one rule, shared/decision/list-freshness).
        listsStale: status.listsStale,
        listsMissing: status.listsMissing,
        clockSuspect: status.clockSuspect,
        trustedIssuers: status.issuers.map((i) => i.iss),
        sync: ctx.sync.status(),
        hardware: ctx.hardware.view(),
        now: formatShanghai(ctx.terminal.now()),
      });
    },
    'sync.status': () => ok(ctx.sync.status()),
    'sync.now': async () => ok(await ctx.sync.now()),
  };
}
