import type { RosterJobView } from '../../shared/console/card-api.js';
import { issueCards } from '../issue/card-issuer.js';
import type { HolderRequest } from '../issue/roster.js';
import type { Hub } from '../hub.js';
import type { StoredRosterJob } from '../store/hub-store.js';

/** Cards issued per step: each step is all-or-nothing and its progress is written after it. */
export const ROSTER_CHUNK = 50;
/** A running job not updated for this long was left by a process that ended: it is marked failed when read. */
export const ROSTER_JOB_STALE_MS = 5 * 60_000;
export const STALE_JOB_ERROR = 'the hub process issuing this roster stopped: the cards issued so far stay; import the remaining lines again';

export const rosterJobView = (j: StoredRosterJob): RosterJobView => ({
  id: j.id,
  staff: j.staffId,
  fileName: j.fileName,
  total: j.total,
  issued: j.issued,
  state: j.state,
  error: j.error,
  createdAt: j.createdMs,
  updatedAt: j.updatedMs,
  finishedAt: j.finishedMs,
});

/**
 * Issues a checked roster in steps of ROSTER_CHUNK (hub/issue/card-issuer.ts `issueCards`, which
 * checks each holder again), writing the job's progress and its cards after each step, so any
 * hub process reads how far it got. The holders live only in this process's memory. A step
 * refused (a holder given a card meanwhile) or failing ends the job as failed, with the cards
 * issued so far kept and listed.
 */
export async function runRosterJob(hub: Hub, jobId: string, holders: readonly HolderRequest[]): Promise<void> {
  try {
    for (let i = 0; i < holders.length; i += ROSTER_CHUNK) {
      const issued = await issueCards(hub, holders.slice(i, i + ROSTER_CHUNK));
      if (!issued.ok) {
        const why = issued.error.map((e) => `line ${e.line}: ${e.message}`).join('; ');
        await hub.store.rosterJobs.finish(jobId, 'failed', `stopped at line ${holders[i]?.line ?? 0}: ${why}`, hub.now());
        return;
      }
      if (!(await hub.store.rosterJobs.progress(jobId, issued.value.map((c) => c.sub), hub.now()))) return;
    }
    await hub.store.rosterJobs.finish(jobId, 'done', null, hub.now());
  } catch {
    // The error's text may name what it was given; the job says only that it stopped.
    await hub.store.rosterJobs.finish(jobId, 'failed', 'issuing stopped on an internal error: the cards issued so far stay; see the hub’s log', hub.now()).catch(() => undefined);
  }
}
