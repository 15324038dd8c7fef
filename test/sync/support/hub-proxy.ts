import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { SYNC_PATHS } from '../../../shared/sync/sync-protocol.js';
import { closeLocal, listenLocal } from './local-server.js';

/**
 * A man in the middle between a terminal and the real hub, for what the hub itself never
 * does: cut the connection after the hub committed an upload, or change the bundles it sent
 * (tampered, replayed, out of order). Everything else passes through unchanged.
 */
export class HubProxy {
  /** Upload answers still to drop after the hub answered (the hub has committed). */
  cutUploadAnswers = 0;
  /** Rewrites the bundle list of GET /v1/bundles; undefined passes it through. */
  rewriteBundles: ((bundles: string[]) => string[]) | undefined;
  /** Every bundle list the hub answered, as the hub sent it. */
  readonly seenBundles: string[][] = [];
  url = '';
  private readonly server = createServer((req, res) => {
    this.forward(req, res).catch(() => res.socket?.destroy());
  });

  constructor(private readonly target: () => string) {}

  async start(): Promise<this> {
    this.url = await listenLocal(this.server);
    return this;
  }

  stop(): Promise<void> {
    return closeLocal(this.server);
  }

  private async forward(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers: Record<string, string> = {};
    for (const name of ['authorization', 'content-type', 'accept']) {
      const value = req.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    const method = req.method ?? 'GET';
    const answer = await fetch(this.target() + (req.url ?? '/'), { method, headers, ...(method === 'GET' ? {} : { body: Buffer.concat(chunks) }) });
    let text = await answer.text();
    const path = (req.url ?? '').split('?')[0];
    if (path === SYNC_PATHS.upload && this.cutUploadAnswers > 0) {
      this.cutUploadAnswers -= 1;
      req.socket.destroy();
      return;
    }
    if (path === SYNC_PATHS.bundles && answer.ok) {
      const body = JSON.parse(text) as { hubTime: number; bundles: string[] };
      this.seenBundles.push(body.bundles);
      if (this.rewriteBundles !== undefined) text = JSON.stringify({ ...body, bundles: this.rewriteBundles(body.bundles) });
    }
    res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
    res.end(text);
  }
}
