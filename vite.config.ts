import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'src/web',
  plugins: [react()],
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    // `npm run dev` serves the API on 3000; `npx vite` serves the web on 5173 and forwards to it.
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
});
