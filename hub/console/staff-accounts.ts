import { addStaffRequestSchema, type StaffRole } from '../../shared/console/console-api.js';
import { err, ok, type Result } from '../../shared/result.js';
import type { Hub } from '../hub.js';
import { hashPassword } from './password.js';
import { logStaffAction } from './staff-log.js';

/** Why an account could not be made: a field fails its rule (with the words), or the id is taken. */
export type CreateStaffError = { code: 'INVALID'; message: string } | { code: 'EXISTS' };

/**
 * Makes a staff account outside the console (`jinka-hub staff add`, the demo): the same rules
 * as the console's add, and the same staff-log entry, made by `by` (for the command line, the
 * operating-system user's `cli:NAME`).
 */
export async function createStaff(
  hub: Hub,
  input: { id: string; name: string; role: StaffRole; password: string },
  by: { actor: string; address: string },
): Promise<Result<{ id: string }, CreateStaffError>> {
  const parsed = addStaffRequestSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return err({ code: 'INVALID', message: issue === undefined ? 'invalid account' : `${issue.path.join('.')}: ${issue.message}` });
  }
  const { id, name, role, password } = parsed.data;
  const passwordHash = await hashPassword(password);
  const added = await hub.store.transaction(async (tx) => {
    if (!(await tx.staff.add({ id, name, role, passwordHash, createdMs: hub.now() }))) return false;
    await logStaffAction(tx, { atMs: hub.now(), staffId: by.actor, address: by.address, action: 'staff.add', target: id, outcome: `ok:${role}` });
    return true;
  });
  return added ? ok({ id }) : err({ code: 'EXISTS' });
}
