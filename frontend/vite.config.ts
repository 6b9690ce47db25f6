/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';

// The API the dev server proxies to (`npm run dev`): a mockupAWS started with ./mvnw spring-boot:run or java -jar.
const api = process.env.MOCKUPAWS_API ?? 'http://localhost:8080';

export default defineConfig({
  plugins: [react(), tailwindcss()],
  server: {
    port: 5173,
    proxy: {
      // '/api/' with its slash: the dashboard's own /api-keys page is not the API
      '^/api/': { target: api, changeOrigin: true },
      '/ingest': { target: api, changeOrigin: true },
      '/v1/logs': { target: api, changeOrigin: true },
    },
  },
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    sourcemap: false,
    chunkSizeWarningLimit: 600,
  },
  test: {
    environment: 'jsdom',
    setupFiles: ['./src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    css: false,
  },
});
