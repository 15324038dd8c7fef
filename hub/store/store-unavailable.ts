/**
 * The hub's database cannot be reached (a server database that is down, restarting, refusing
 * connections or too slow to answer). Commands word it as one line and exit 2; the server
 * answers 503 so terminals keep their uploads and retry (nothing is lost: ingest is idempotent).
 * `where` names the server (host:port/database), never a password.
 */
export class HubStoreUnavailableError extends Error {
  constructor(
    readonly where: string,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`the hub database at ${where} cannot be reached: ${reason}`, options);
  }
}
