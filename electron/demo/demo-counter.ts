import { addOperator } from '../core/operator-accounts.js';
import type { Terminal } from '../core/terminal.js';
import { saveTerminalSettings } from '../core/terminal-settings.js';

/** Demo sign-ins (DEMO only): an operator and a supervisor with well-known PINs. */
export const DEMO_OPERATORS = [
  { id: 'op1', name: '演示收银员', role: 'operator', pin: '1234' },
  { id: 'admin', name: '演示主管', role: 'supervisor', pin: '999999' },
] as const;

/** Sets the demo terminal up as a cinema counter with its two demo sign-ins (existing ones are kept). */
export async function seedDemoCounter(terminal: Terminal): Promise<void> {
  for (const op of DEMO_OPERATORS) {
    const added = await addOperator(terminal, op);
    if (!added.ok && added.error !== 'EXISTS') throw new Error(`demo operator ${op.id}: ${added.error}`);
  }
  const saved = saveTerminalSettings(terminal, { siteName: '演示影院', service: 'cinema', terminalId: 'DEMO-T01' });
  if (!saved.ok) throw new Error(`demo settings: ${saved.error}`);
}
