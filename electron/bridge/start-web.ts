import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { openCounter } from '../counter/open-counter.js';
import { ensureDemo } from '../demo/ensure-demo.js';
import { startHttpBridge, type HttpBridge } from './http-bridge.js';

/** The built renderer next to this compiled file: dist/electron/bridge → dist/renderer. */
export const DEFAULT_RENDERER_DIR = fileURLToPath(new URL('../../renderer/', import.meta.url));

/** What `npm run start:web` runs on. */
export interface WebOptions {
  /** A terminal data folder; without it the demo in `demoDir` (created when missing). */
  dataDir?: string;
  demoDir: string;
  port: number;
  rendererDir: string;
}

/** A running browser mode: the bridge, and how to stop it (closes the terminal too). */
export interface WebTerminal {
  bridge: HttpBridge;
  stop(): Promise<void>;
}

/** Opens the terminal (on the demo unless a data folder is given) and serves it over the HTTP bridge. */
export async function startWeb(options: WebOptions): Promise<WebTerminal> {
  const dataDir = options.dataDir ?? (await ensureDemo(options.demoDir)).dataDir;
  // Browser mode syncs with the hub and drives the devices as the Electron main does.
  const { terminal, loop, hardware, service } = openCounter(dataDir);
  try {
    const bridge = await startHttpBridge({ handle: service.handle, rendererDir: options.rendererDir, port: options.port });
    loop.start();
    return {
      bridge,
      stop: async () => {
        await loop.stop();
        await hardware.close();
        await bridge.close();
        terminal.close();
      },
    };
  } catch (error) {
    terminal.close();
    throw error;
  }
}

/** Reads `--data-dir`, `--demo-dir`, `--port` (or JINKA_PORT) and `--renderer-dir`. */
export function webOptions(argv: string[], env: NodeJS.ProcessEnv): WebOptions {
  const { values } = parseArgs({
    args: argv,
    options: { 'data-dir': { type: 'string' }, 'demo-dir': { type: 'string' }, port: { type: 'string' }, 'renderer-dir': { type: 'string' } },
    strict: true,
  });
  const portText = values.port ?? env.JINKA_PORT ?? '0';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`--port / JINKA_PORT: "${portText}" is not a port number`);
  return {
    ...(values['data-dir'] === undefined ? {} : { dataDir: resolve(values['data-dir']) }),
    demoDir: resolve(values['demo-dir'] ?? '.jinka-demo'),
    port,
    rendererDir: resolve(values['renderer-dir'] ?? DEFAULT_RENDERER_DIR),
  };
}

async function main(): Promise<void> {
  const options = webOptions(process.argv.slice(2), process.env);
  if (!existsSync(join(options.rendererDir, 'index.html'))) {
    process.stderr.write(`jinka: the renderer is not built in ${options.rendererDir} (npm run build:renderer); the API still answers\n`);
  }
  const web = await startWeb(options);
  // One line, and nothing opened: on a headless machine the URL is the whole interface.
  process.stdout.write(`Jinka 浏览器模式 (browser mode): ${web.bridge.pageUrl}\n`);
  const stop = () => {
    web.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((error: unknown) => {
    process.stderr.write(`jinka: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  });
}
