import { vitePlugin as remix } from '@remix-run/dev';
import tailwindcss from '@tailwindcss/vite';
import { defineConfig } from 'vite';
import remixConfig from './remix.config';

export default defineConfig({
  // Tailwind turns app/styles.css (the one stylesheet, with the design tokens) into the page's CSS (ADR 033).
  plugins: [tailwindcss(), remix(remixConfig)],
  resolve: { dedupe: ['yjs', 'react', 'react-dom'] },
  ssr: { noExternal: ['react-big-calendar'] },
  server: { hmr: true },
});
