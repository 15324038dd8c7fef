import { userInfo } from 'node:os';
import { PASSWORD_MAX, PASSWORD_MIN, staffRoleSchema } from '../../../shared/console/console-api.js';
import { createStaff } from '../../console/staff-accounts.js';
import { HUB_EXIT, HubCliError, parseCommand, t, withHub, type HubCliContext } from '../hub-cli.js';

/** Reads all of standard input (the password is piped in, never given on the command line where `ps` shows it). */
async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) return '';
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString('utf8');
}

/** Who made a change from the command line, as the staff log names them. */
const cliActor = (): string => {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return 'cli';
  }
};

/**
 * `staff add --id ID --name NAME --role admin|officer|auditor` (the password: the first line of
 * standard input) and `staff list [--json]`. `add` makes the first admin; the console manages
 * the rest. The account is written to the staff log as made by `cli:USER` from `local`.
 */
export async function staffCommand(ctx: HubCliContext, argv: string[], stdin: () => Promise<string> = readStdin): Promise<number> {
  const [action, ...rest] = argv;
  const { values } = parseCommand(rest, { id: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' }, json: { type: 'boolean' } });
  if (action === 'add') {
    if (values.id === undefined || values.name === undefined || values.role === undefined) {
      throw new HubCliError(t(ctx, '用法：jinka-hub staff add --id ID --name 姓名 --role admin|officer|auditor（密码从标准输入读取）', 'usage: jinka-hub staff add --id ID --name NAME --role admin|officer|auditor (password on standard input)'));
    }
    const role = staffRoleSchema.safeParse(values.role);
    if (!role.success) throw new HubCliError(t(ctx, `--role 须为 admin、officer 或 auditor，不是 ${values.role}`, `--role must be admin, officer or auditor, not ${values.role}`));
    const password = (await stdin()).split(/\r?\n/)[0] ?? '';
    if (password.length < PASSWORD_MIN || password.length > PASSWORD_MAX) {
      throw new HubCliError(
        t(
          ctx,
          `请从标准输入给出密码（${PASSWORD_MIN}–${PASSWORD_MAX} 个字符，第一行），例如：read -rs P && printf '%s\\n' "$P" | jinka-hub staff add …`,
          `give the password on standard input (${PASSWORD_MIN}-${PASSWORD_MAX} characters, first line), e.g. read -rs P && printf '%s\\n' "$P" | jinka-hub staff add …`,
        ),
      );
    }
    return withHub(ctx, values, async (hub) => {
      const made = await createStaff(hub, { id: values.id ?? '', name: values.name ?? '', role: role.data, password }, { actor: cliActor(), address: 'local' });
      if (!made.ok) {
        throw new HubCliError(
          made.error.code === 'EXISTS'
            ? t(ctx, `工作人员账号 ${values.id ?? ''} 已存在：未作更改`, `staff account ${values.id ?? ''} exists already: nothing was changed`)
            : t(ctx, `账号不合要求：${made.error.message}`, `the account was refused: ${made.error.message}`),
        );
      }
      ctx.out(t(ctx, `已建立工作人员账号 ${made.value.id}（${role.data}），可登录 /console/`, `Staff account ${made.value.id} (${role.data}) created: it can sign in at /console/`));
      return HUB_EXIT.ok;
    });
  }
  if (action === 'list') {
    return withHub(ctx, values, async (hub) => {
      const staff = await hub.store.staff.list();
      const rows = staff.map((s) => ({ id: s.id, name: s.name, role: s.role, disabled: s.disabledMs !== null, totp: s.totpSealed !== null }));
      if (values.json === true) ctx.out(JSON.stringify(rows));
      else if (rows.length === 0) ctx.out(t(ctx, '尚无工作人员账号：用 jinka-hub staff add 建立第一个管理员', 'No staff account yet: make the first admin with jinka-hub staff add'));
      else for (const r of rows) ctx.out(`${r.id.padEnd(20)} ${r.role.padEnd(8)} ${r.name}${r.disabled ? t(ctx, '  已停用', '  DISABLED') : ''}${r.totp ? '  TOTP' : ''}`);
      return HUB_EXIT.ok;
    });
  }
  throw new HubCliError(t(ctx, '用法：jinka-hub staff add --id ID --name 姓名 --role 角色 | staff list [--json]', 'usage: jinka-hub staff add --id ID --name NAME --role ROLE | staff list [--json]'));
}
