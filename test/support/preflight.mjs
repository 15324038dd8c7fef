#!/usr/bin/env node
// Before `npm test` runs anything: the system tools the integration and browser tests need.
// When some are missing, one line says which and the one apt command that installs them, and
// the run stops (exit 1) rather than failing minutes later in the middle of the suite.
// .ci/run installs the same list. Plain JS: it runs before any build.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

const onPath = (command) => {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
};

/** Debian package → whether it is installed (what the tests look for, not dpkg's word). */
const needs = {
  chromium: () => onPath('chromium'), // browser tests (test/e2e, test/decode/decoder)
  ffmpeg: () => onPath('ffmpeg'), // the fake camera's video (test/e2e/camera-*)
  'fonts-noto-cjk': () => existsSync('/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc'), // the hub's PDF card sheets
  openssl: () => onPath('openssl'), // the hub's TLS test
  // the hub's PostgreSQL store: the tests start a private cluster with its initdb (test/support/pg-cluster.ts)
  postgresql: () =>
    (existsSync('/usr/lib/postgresql') && readdirSync('/usr/lib/postgresql').some((v) => existsSync(`/usr/lib/postgresql/${v}/bin/initdb`))) ||
    (process.env.JINKA_PG_BIN !== undefined && existsSync(`${process.env.JINKA_PG_BIN}/initdb`)) ||
    onPath('initdb'),
  socat: () => onPath('socat'), // pseudo-terminals for the serial scanner and gate tests
};

const missing = Object.entries(needs).filter(([, present]) => !present()).map(([name]) => name);
if (missing.length > 0) {
  process.stderr.write(`npm test: missing ${missing.join(', ')}; install with: sudo apt-get install -y --no-install-recommends ${missing.join(' ')}\n`);
  process.exit(1);
}
