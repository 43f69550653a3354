import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const outDir = path.resolve('dist/web');
const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/**
 * Writes `<file>.br` and `<file>.gz` beside every text file of the build, compressed once at the
 * highest levels, which the server sends to browsers that accept them (@fastify/static's
 * preCompressed): a phone on a slow line gets the app in about a quarter of the bytes, and the
 * server spends no CPU compressing it per request.
 */
function precompress(): Plugin {
  return {
    name: 'sigap-precompress',
    apply: 'build',
    async closeBundle() {
      const files = await readdir(outDir, { recursive: true, withFileTypes: true });
      await Promise.all(
        files
          .filter((f) => f.isFile() && /\.(js|css|html|svg|json|txt|map)$/.test(f.name))
          .map(async (f) => {
            const file = path.join(f.parentPath, f.name);
            const content = await readFile(file);
            if (content.length < 1024) return;
            const br = await brotli(content, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: content.length } });
            await writeFile(`${file}.br`, br);
            await writeFile(`${file}.gz`, await gzip(content, { level: 9 }));
          }),
      );
    },
  };
}

export default defineConfig({
  root: 'src/web',
  plugins: [react(), precompress()],
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
