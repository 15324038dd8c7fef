import { migration0001 } from './0001-init.js';
import { migration0002 } from './0002-refused-uses.js';
import { migration0003 } from './0003-key-roles.js';
import { migration0004 } from './0004-uses-by-site.js';
import { migration0005 } from './0005-card-validity.js';
import { migration0006 } from './0006-voided-uses.js';
import { migration0007 } from './0007-staff.js';
import { migration0008 } from './0008-roster-jobs.js';
import { migration0009 } from './0009-flag-resolution.js';
import { migration0010 } from './0010-token-ids.js';
import { migration0011 } from './0011-revocations-held.js';
import { migration0012 } from './0012-one-card-in-force.js';
import { migration0013 } from './0013-pending-uploads.js';

/** Numbered hub migrations; entry i brings the schema from version i to i + 1. Append only. */
export const HUB_MIGRATIONS: readonly string[] = [migration0001, migration0002, migration0003, migration0004, migration0005, migration0006, migration0007, migration0008, migration0009, migration0010, migration0011, migration0012, migration0013];
