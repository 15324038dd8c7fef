import type { ApiError } from './api-types.js';
import { API_INPUTS, type ApiChannel, type ApiInput, type ApiResult, type JinkaApi } from './terminal-api.js';

/** The part of `fetch` the client uses (the browser's and Node's both fit). */
export type FetchLike = (
  url: string,
  init: { method: 'POST'; headers: Record<string, string>; body: string },
) => Promise<{ status: number; json(): Promise<unknown> }>;

/** Path of a call on the HTTP bridge: POST /api/<channel>. */
export function httpApiPath(channel: ApiChannel): string {
  return `/api/${channel}`;
}

/** Reads the bridge token from the page's URL fragment (`#token=…`); null when absent. */
export function tokenFromFragment(hash: string): string | null {
  const params = new URLSearchParams(hash.startsWith('#') ? hash.slice(1) : hash);
  const token = params.get('token');
  return token === null || token === '' ? null : token;
}

const failure = (message: string): { ok: false; error: ApiError } => ({ ok: false, error: { code: 'INTERNAL', message } });

const isResult = (body: unknown): body is ApiResult<ApiChannel> =>
  typeof body === 'object' && body !== null && typeof (body as { ok?: unknown }).ok === 'boolean';

/**
 * The terminal API over the local HTTP bridge, for the UI in a plain browser. It only
 * carries calls: the bridge validates and answers; a transport failure is a Result too.
 */
export function createHttpApi(baseUrl: string, token: string, fetchImpl: FetchLike = (url, init) => fetch(url, init)): JinkaApi {
  const base = baseUrl.replace(/\/+$/, '');
  const call = async <C extends ApiChannel>(channel: C, input: ApiInput<C>): Promise<ApiResult<C>> => {
    if (!Object.hasOwn(API_INPUTS, channel)) return failure(`unknown call ${String(channel)}`);
    let response: Awaited<ReturnType<FetchLike>>;
    try {
      response = await fetchImpl(`${base}${httpApiPath(channel)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(input ?? {}),
      });
    } catch {
      return failure('终端服务无法连接（the terminal service cannot be reached）');
    }
    if (response.status === 401) return failure('访问令牌无效：请重新打开启动时显示的网址（bridge token refused: reopen the printed URL）');
    const body = await response.json().catch(() => undefined);
    return isResult(body) ? (body as ApiResult<C>) : failure(`终端服务应答异常（HTTP ${response.status}）`);
  };
  return { call };
}
