import { migration0001 } from './0001-init.js';
import { migration0002 } from './0002-operators.js';
import { migration0003 } from './0003-sync.js';
import { migration0004 } from './0004-sign-in-attempts.js';
import { migration0005 } from './0005-gate-and-voids.js';

/** Numbered migrations; entry i brings the schema from version i to i + 1. Append only. */
export const MIGRATIONS: readonly string[] = [migration0001, migration0002, migration0003, migration0004, migration0005];
