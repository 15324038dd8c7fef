import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * The terminal's normal data folder: JINKA_DATA_DIR when set, else the platform's
 * per-user application data folder (the same one Electron's userData uses).
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.JINKA_DATA_DIR) return env.JINKA_DATA_DIR;
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Jinka');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Jinka');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Jinka');
}
