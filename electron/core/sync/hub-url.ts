import { err, ok, type Result } from '../../../shared/result.js';

/** Why a hub URL is refused. */
export interface HubUrlError {
  code: 'INVALID_URL' | 'INSECURE_HTTP';
  message: string;
}

/**
 * Whether `url` names this machine: `localhost`, 127.0.0.0/8 or [::1]. The WHATWG parser has
 * already lower-cased the host and written IPv4 in dotted form (`127.1`, `2130706433` →
 * `127.0.0.1`), so a name like `127.0.0.1.evil.com` or `localhost.evil.com` is compared whole
 * and is not loopback.
 */
export function isLoopbackHost(url: URL): boolean {
  const host = url.hostname;
  return host === 'localhost' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * Checks a hub URL before anything is sent to it: http or https, no user name or password
 * (`http://127.0.0.1@evil.example` is a host of evil.example), and plain HTTP only to this
 * machine (tests, the demo) unless the supervisor chose `allowInsecureHttp` — over plain HTTP
 * anyone on the path reads the uses uploaded and can feed the terminal stale answers.
 */
export function checkHubUrl(raw: string, allowInsecureHttp = false): Result<URL, HubUrlError> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return err({ code: 'INVALID_URL', message: 'not a URL (e.g. https://hub.example.gov.cn)' });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return err({ code: 'INVALID_URL', message: 'the hub URL must start with https:// (or http:// on this machine)' });
  if (url.username !== '' || url.password !== '') return err({ code: 'INVALID_URL', message: 'the hub URL must not carry a user name or password' });
  if (url.protocol === 'http:' && !isLoopbackHost(url) && !allowInsecureHttp) {
    return err({
      code: 'INSECURE_HTTP',
      message: `plain HTTP to ${url.host} is refused: anyone on the network could read the uses uploaded and answer for the hub; use https://, or pass --insecure-http if the bureau says this network is closed`,
    });
  }
  return ok(url);
}
