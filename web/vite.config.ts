/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// `npm run dev` proxies the API to a running `tangle dev` (TANGLE_DEV_ORIGIN, default its edge on :8084).
const origin = process.env.TANGLE_DEV_ORIGIN ?? 'http://127.0.0.1:8084';

export default defineConfig({
  plugins: [react()],
  build: { sourcemap: true, chunkSizeWarningLimit: 1500 },
  server: {
    proxy: {
      '/v1/ws': { target: origin.replace(/^http/, 'ws'), ws: true },
      '/v1': origin,
      '/.well-known': origin,
    },
  },
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    environment: 'node',
  },
});
