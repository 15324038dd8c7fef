import { ok } from '../../shared/result.js';
import { saveTerminalSettings } from '../core/terminal-settings.js';
import type { ChannelHandlers, ServiceContext } from './service-context.js';

/** Terminal settings (a supervisor changes them) and the service catalogue of the rules in force. */
export function settingsHandlers(ctx: ServiceContext): ChannelHandlers<'settings.get' | 'settings.set' | 'catalogue.list'> {
  return {
    'settings.get': () => ok(ctx.settings()),
    'settings.set': (patch) => {
      const saved = saveTerminalSettings(ctx.terminal, patch);
      if (!saved.ok) {
        if (saved.error === 'UNKNOWN_SERVICE') return ctx.fail('UNKNOWN_SERVICE', patch.service);
        const zh = ctx.settings().language === 'zh';
        return ctx.fail('INVALID_INPUT', zh ? '无人值守闸机模式不能用于需要车票号或补贴对象的服务' : 'gate mode cannot serve a service that needs a ticket or a parent');
      }
      ctx.emit({ type: 'settings.changed', settings: saved.value });
      return ok(saved.value);
    },
    // Art. 39: the catalogue is data; a rules bundle may add services, usable at once.
    'catalogue.list': () => ok(ctx.terminal.rules().rules.services.map((s) => ({ id: s.id, article: s.article, name: { ...s.name } }))),
  };
}
