import { pgMigration0001, pgMigration0001Staff } from './0001-init.js';
import { pgMigration0002 } from './0002-entry-bodies-as-bytes.js';
import { pgMigration0003 } from './0003-roster-jobs.js';
import { pgMigration0004 } from './0004-flag-resolution.js';
import { pgMigration0005 } from './0005-token-ids.js';
import { pgMigration0006 } from './0006-revocations-held.js';
import { pgMigration0007 } from './0007-one-card-in-force.js';
import { pgMigration0008 } from './0008-pending-uploads.js';
import { pgMigration0009 } from './0009-claim-token-id.js';
import { pgMigration0010 } from './0010-uses-feed-index.js';

/** Numbered PostgreSQL hub migrations; entry i brings the schema from version i to i + 1. Append only. */
export const PG_HUB_MIGRATIONS: readonly string[] = [pgMigration0001 + pgMigration0001Staff, pgMigration0002, pgMigration0003, pgMigration0004, pgMigration0005, pgMigration0006, pgMigration0007, pgMigration0008, pgMigration0009, pgMigration0010];
