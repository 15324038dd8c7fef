import { ok } from '../../shared/result.js';
import type { ChannelHandlers, ServiceContext } from './service-context.js';

/** The supervisor's "test the gate", and the serial scanner's codes for the page (long-poll). */
export function hardwareHandlers(ctx: ServiceContext): ChannelHandlers<'gate.test' | 'scanner.next'> {
  return {
    'gate.test': async () => ok(await ctx.hardware.test()),
    'scanner.next': async (input) => ok(await ctx.hardware.nextScan(input.after, input.waitMs)),
  };
}
