import type { Result } from '../../../shared/result.js';
import type { ImportError, ImportOutcome } from '../bundles/import-errors.js';
import type { Terminal } from '../terminal.js';
import { importAuditAck, isAuditAck, type AckError, type AckOutcome } from './audit-ack-import.js';

/** What one item of a bundle file or a hub download changed. */
export type ItemOutcome = ImportOutcome | AckOutcome;

/** One item's result, in the order the items were given. */
export interface ItemResult {
  index: number;
  result: Result<ItemOutcome, ImportError | AckError>;
}

/**
 * Imports items in order, each verified before it is applied (§5) and each on its own: a
 * refused item changes nothing and does not stop the ones after it (a later full list
 * may still apply where a delta did not).
 */
export function importItems(terminal: Terminal, items: readonly string[]): ItemResult[] {
  return items.map((text, index) => {
    const result: ItemResult['result'] = isAuditAck(text) ? importAuditAck(terminal, text) : terminal.importText(text);
    return { index, result };
  });
}
