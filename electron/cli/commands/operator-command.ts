import { parseArgs } from 'node:util';
import type { Role } from '../../../shared/api/api-types.js';
import { formatShanghai } from '../../../shared/time/shanghai-calendar.js';
import { addOperator, listOperators, MIN_PIN_DIGITS, operatorRole, pinAllowed, resetOperatorPin } from '../../core/operator-accounts.js';
import { t, type CliContext } from '../cli-context.js';
import { CliError, EXIT, type CliProblem } from '../cli-error.js';
import { withTerminal, withTerminalAsync } from '../open-terminal.js';

const ROLES: readonly Role[] = ['operator', 'supervisor'];

/** The PIN rule of a role, as an error. */
const pinRule = (role: Role): CliProblem => ({ code: 'PIN_RULE', role, min: MIN_PIN_DIGITS[role] });

/** The PIN from --pin, or from standard input for `--pin -` (keeps it out of the shell history). */
function readPin(ctx: CliContext, value: string | undefined): string {
  if (value === undefined) throw new CliError({ code: 'PIN_REQUIRED' });
  return value === '-' ? ctx.readStdin().trim() : value;
}

function required(value: string | undefined, flag: string): string {
  if (value === undefined || value.trim() === '') throw new CliError({ code: 'OPTION_REQUIRED', flag });
  return value;
}

/** `jinka operator add|pin|list`: the counter staff who sign in with a PIN (stored only as a salted scrypt hash). */
export async function operatorCommand(ctx: CliContext, argv: string[]): Promise<number> {
  const [action, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: {
      'data-dir': { type: 'string' },
      id: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      pin: { type: 'string' },
      json: { type: 'boolean' },
    },
    strict: true,
  });
  const dataDir = values['data-dir'];
  switch (action) {
    case 'add': {
      const id = required(values.id, '--id');
      const name = required(values.name, '--name');
      const role = values.role ?? 'operator';
      if (!ROLES.includes(role as Role)) throw new CliError({ code: 'ROLE_INVALID' });
      const pin = readPin(ctx, values.pin);
      const added = await withTerminalAsync(ctx, dataDir, (terminal) => addOperator(terminal, { id, name, role: role as Role, pin }));
      if (!added.ok) throw new CliError(added.error === 'INVALID_PIN' ? pinRule(role as Role) : { code: 'OPERATOR_REFUSED', reason: added.error });
      ctx.out(t(ctx, `已添加${role === 'supervisor' ? '主管' : '操作员'} ${id}（${added.value.name}）`, `Added ${role} ${id} (${added.value.name})`));
      return EXIT.ok;
    }
    case 'pin': {
      const id = required(values.id, '--id');
      const pin = readPin(ctx, values.pin);
      const reset = await withTerminalAsync(ctx, dataDir, async (terminal) => {
        // The owner of the terminal runs this: naming an unknown id is no leak here, unlike at sign-in.
        const role = operatorRole(terminal, id);
        if (role === undefined) throw new CliError({ code: 'NO_OPERATOR', id });
        if (!pinAllowed(role, pin)) throw new CliError(pinRule(role));
        return resetOperatorPin(terminal, id, pin);
      });
      if (!reset) throw new CliError({ code: 'NO_OPERATOR', id });
      ctx.out(t(ctx, `已为 ${id} 设置新密码并解除锁定`, `New PIN set for ${id}; any lockout lifted`));
      return EXIT.ok;
    }
    case 'list':
      return withTerminal(ctx, dataDir, (terminal) => {
        const now = terminal.now();
        const operators = listOperators(terminal).map((o) => ({
          id: o.id,
          name: o.name,
          role: o.role,
          lockedUntil: o.lockedUntilMs > now ? formatShanghai(o.lockedUntilMs) : null,
        }));
        if (values.json === true) ctx.out(JSON.stringify(operators));
        else if (operators.length === 0) ctx.out(t(ctx, '（尚无操作员：jinka operator add …）', '(no operators yet: jinka operator add …)'));
        for (const o of values.json === true ? [] : operators) {
          const locked = o.lockedUntil === null ? '' : t(ctx, `  锁定至 ${o.lockedUntil}`, `  locked until ${o.lockedUntil}`);
          ctx.out(`${o.id.padEnd(16)} ${o.role.padEnd(10)} ${o.name}${locked}`);
        }
        return EXIT.ok;
      });
    default:
      throw new CliError({ code: 'USAGE', command: 'operator' });
  }
}
