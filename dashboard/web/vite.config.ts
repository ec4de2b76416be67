import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: __dirname,
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    // Libraries in their own chunks: cached across releases, Chart.js only for pages with charts.
    rollupOptions: {
      output: {
        manualChunks: (id) =>
          id.includes('node_modules/chart.js') || id.includes('node_modules/@kurkle')
            ? 'chart'
            : id.includes('node_modules/react') || id.includes('node_modules/scheduler')
              ? 'react'
              : undefined,
      },
    },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
});
