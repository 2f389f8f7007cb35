import type { VitePluginConfig } from '@remix-run/dev';

/** The Remix Vite plugin's options; vite.config.ts passes them to the plugin (it reads no config file itself). */
const remixConfig: VitePluginConfig = {
  appDirectory: 'app',
  buildDirectory: 'build',
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_singleFetch: true,
    v3_lazyRouteDiscovery: true,
    v3_routeConfig: true,
  },
};

export default remixConfig;
