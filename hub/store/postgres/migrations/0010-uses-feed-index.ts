/**
 * The quota feed (pg-use-repo.ts `feed`) asks for one service's uses past a cursor. With only
 * the primary key on the cursor, the planner's choice rests on the table's statistics: on a
 * table not yet analyzed (a hub just migrated, or just after a burst of uploads, before
 * autovacuum's first ANALYZE) it took a sequential scan of every use, about 10 ms at 60,000
 * uses, on every idle sync. An index on (service, cursor) answers the feed from the rows it
 * returns, whatever the statistics say. Additive.
 */
export const pgMigration0010 = `
CREATE INDEX uses_feed ON uses(service, cursor);
`;
