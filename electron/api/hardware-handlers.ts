import { ok } from '../../shared/result.js';
import type { ChannelHandlers, ServiceContext } from './service-context.js';

/** The supervisor's "test the gate", and the serial scanner's codes for the page (long-poll). */
export function hardwareHandlers(ctx: ServiceContext): ChannelHandlers<'gate.test' | 'scanner.next'> {
  return {
    // Who pulsed the gate is kept in its audit entry, as a use keeps who confirmed it.
    'gate.test': async () => ok(await ctx.hardware.test(ctx.operator()?.id)),
    'scanner.next': async (input) => ok(await ctx.hardware.nextScan(input.after, input.waitMs)),
  };
}
