import type { Plugin } from 'vite';

/**
 * What `vite build` leaves in dist/renderer and dist/console is what ships, so it is React's
 * production build whoever runs it. Vite takes production from NODE_ENV when it is set, above
 * `mode` (a shell, vitest's NODE_ENV=test, an npm script inheriting either would build React's
 * development build: jsxDEV, owner stacks, about half again the script). Vite reads NODE_ENV
 * after loading the config, where its own warning says to set it; the plugin then refuses to
 * go on should a Vite ever decide otherwise. `vite` (the dev server) is left as it is.
 */
export function shippedBuild(command: 'build' | 'serve'): Plugin {
  if (command === 'build') process.env.NODE_ENV = 'production';
  return {
    name: 'jinka-shipped-build',
    apply: 'build',
    configResolved(config) {
      if (!config.isProduction) throw new Error(`jinka: vite build must make the production build (NODE_ENV=${process.env.NODE_ENV ?? ''})`);
    },
  };
}
