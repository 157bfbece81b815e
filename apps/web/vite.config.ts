import { defineConfig } from 'vite';

/**
 * The storefront, seller portal and dashboard as one SPA. `npm run build` puts it in dist/web,
 * which the API serves at `/`; in development `npm run dev:web` proxies /api to a running API.
 */
export default defineConfig({
  root: import.meta.dirname,
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    sourcemap: true,
    // React, react-router and i18next are most of the one bundle: about 135 kB gzipped in all.
    chunkSizeWarningLimit: 500,
    rollupOptions: {
      // react-router marks its modules 'use client' for server components; a SPA bundle ignores it.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  server: { proxy: { '/api': process.env.API_URL ?? 'http://localhost:3000' } },
});
