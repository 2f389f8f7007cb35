import { vitePlugin as remix } from '@remix-run/dev';
import { defineConfig } from 'vite';
import remixConfig from './remix.config';

export default defineConfig({
  plugins: [remix(remixConfig)],
  resolve: { dedupe: ['yjs', 'react', 'react-dom'] },
  ssr: { noExternal: ['react-big-calendar'] },
  server: { hmr: true },
});
