import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The example client area. It imports the typed client as an app would import the published
 * package, `strapi-plugin-multi-account/client`, resolved here to the source in this repo.
 * `STRAPI_URL` is where `vite dev` sends `/api`; the demo serves the build and does the same.
 */
export default defineConfig({
  root: __dirname,
  plugins: [react()],
  resolve: {
    alias: {
      'strapi-plugin-multi-account/client': path.resolve(__dirname, '../../client/index.ts'),
    },
  },
  server: {
    port: 3000,
    proxy: { '/api': process.env.STRAPI_URL ?? 'http://127.0.0.1:1337' },
  },
  build: { outDir: 'dist', emptyOutDir: true },
});
