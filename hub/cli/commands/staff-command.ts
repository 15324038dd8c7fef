import { userInfo } from 'node:os';
import { PASSWORD_MAX, PASSWORD_MIN, staffRoleSchema } from '../../../shared/console/console-api.js';
import { hashPassword } from '../../console/password.js';
import { createStaff } from '../../console/staff-accounts.js';
import { logStaffAction } from '../../console/staff-log.js';
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

/** The password on the first line of standard input, within the console's bounds. */
async function passwordFrom(ctx: HubCliContext, stdin: () => Promise<string>, command: string): Promise<string> {
  const password = (await stdin()).split(/\r?\n/)[0] ?? '';
  if (password.length < PASSWORD_MIN || password.length > PASSWORD_MAX) {
    throw new HubCliError(
      t(
        ctx,
        `请从标准输入给出密码（${PASSWORD_MIN}–${PASSWORD_MAX} 个字符，第一行），例如：read -rs P && printf '%s\\n' "$P" | jinka-hub staff ${command} …`,
        `give the password on standard input (${PASSWORD_MIN}-${PASSWORD_MAX} characters, first line), e.g. read -rs P && printf '%s\\n' "$P" | jinka-hub staff ${command} …`,
      ),
    );
  }
  return password;
}

/**
 * `staff add --id ID --name NAME --role admin|officer|auditor` (the password: the first line of
 * standard input), `staff list [--json]`, and the way back in for a locked-out bureau (the
 * console itself may have no admin able to sign in): `staff unlock --id ID` lifts the lock wrong
 * guesses set on an id, `staff password --id ID` sets a new password (standard input) and ends
 * the account's sessions. `add` makes the first admin; the console manages the rest. Every change
 * is written to the staff log as made by `cli:USER` from `local`.
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
    const password = await passwordFrom(ctx, stdin, 'add');
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
  if (action === 'unlock' || action === 'password') {
    const id = values.id;
    if (id === undefined) throw new HubCliError(t(ctx, `用法：jinka-hub staff ${action} --id ID`, `usage: jinka-hub staff ${action} --id ID`));
    // The slow hash is made before the unit, the password read before the hub is opened.
    const hash = action === 'password' ? await hashPassword(await passwordFrom(ctx, stdin, 'password')) : undefined;
    return withHub(ctx, values, async (hub) => {
      const known = await hub.store.transaction(async (tx) => {
        if ((await tx.staff.get(id)) === undefined) return false;
        if (hash === undefined) await tx.staff.unlock(id);
        else {
          await tx.staff.setPassword(id, hash);
          await tx.staffSessions.endAllOf(id);
        }
        const logged = hash === undefined ? 'staff.unlock' : 'staff.reset-password';
        await logStaffAction(tx, { atMs: hub.now(), staffId: cliActor(), address: 'local', action: logged, target: id, outcome: 'ok' });
        return true;
      });
      if (!known) throw new HubCliError({ code: 'STAFF_UNKNOWN', id });
      ctx.out(
        hash === undefined
          ? t(ctx, `已解除 ${id} 的登录锁定`, `Sign-in lock of ${id} lifted`)
          : t(ctx, `已为 ${id} 设置新密码，其会话均已结束`, `New password set for ${id}; its sessions have ended`),
      );
      return HUB_EXIT.ok;
    });
  }
  throw new HubCliError(
    t(
      ctx,
      '用法：jinka-hub staff add --id ID --name 姓名 --role 角色 | list [--json] | unlock --id ID | password --id ID',
      'usage: jinka-hub staff add --id ID --name NAME --role ROLE | list [--json] | unlock --id ID | password --id ID',
    ),
  );
}
