import type { SyncView } from '../../../shared/api/api-types.js';
import { storesOf, type Terminal } from '../terminal.js';
import type { SyncLoop } from './sync-loop.js';
import { runSyncRound } from './sync-round.js';
import type { SyncOptions } from './sync-session.js';
import { syncStatus } from './sync-status.js';

/** The sync as the terminal API sees it (`sync.status`, `sync.now`, the status bar); the API's SyncPort has this shape. */
export interface SyncControl {
  status(): SyncView;
  now(): Promise<SyncView>;
}

/**
 * The sync without a background loop (the browser bridge, tests): the state the last round
 * left in the database, and a full round on demand. Before enrolment `notEnrolled` answers
 * (the API's own text), when given.
 */
export function storedSync(terminal: Terminal, notEnrolled?: SyncControl, options: SyncOptions = {}): SyncControl {
  const enrolled = () => storesOf(terminal).sync.enrolment() !== undefined;
  return {
    status: () => (!enrolled() && notEnrolled ? notEnrolled.status() : syncStatus(terminal)),
    now: async () => {
      if (!enrolled() && notEnrolled) return notEnrolled.now();
      await runSyncRound(terminal, options);
      return syncStatus(terminal);
    },
  };
}

/** The sync of a running SyncLoop (the Electron main process): `syncing` while a round runs. */
export function loopSync(loop: SyncLoop, notEnrolled?: SyncControl): SyncControl {
  return {
    status: () => {
      const view = loop.view();
      return view.state === 'not-enrolled' && notEnrolled ? notEnrolled.status() : view;
    },
    now: () => loop.syncNow(),
  };
}
