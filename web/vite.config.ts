import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/*
 * The web interface's build: web/ → dist/web, served by the API server at `/` (src/server/plugins/web.ts).
 * No inline script or style anywhere (the server's CSP allows same-origin files only). Each page is its
 * own chunk (React.lazy in src/app/routes.tsx); the first page — the entry chunk with what it imports,
 * plus the largest page — must stay under FIRST_PAGE_BUDGET gzipped, or the build fails.
 */

const FIRST_PAGE_BUDGET = 300 * 1024;

interface Chunk {
  type: 'chunk';
  code: string;
  isEntry: boolean;
  imports: string[];
  dynamicImports: string[];
  fileName: string;
}

function firstPageBudget(limit: number): Plugin {
  return {
    name: 'secure5g-first-page-budget',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks = Object.values(bundle).filter((c): c is Chunk & (typeof bundle)[string] => c.type === 'chunk') as unknown as Chunk[];
      const byName = new Map(chunks.map((c) => [c.fileName, c]));
      const gz = new Map(chunks.map((c) => [c.fileName, gzipSync(c.code).length]));
      const closure = (name: string, into = new Set<string>()) => {
        if (into.has(name)) return into;
        into.add(name);
        for (const i of byName.get(name)?.imports ?? []) closure(i, into);
        return into;
      };
      const size = (names: Iterable<string>) => [...names].reduce((s, n) => s + (gz.get(n) ?? 0), 0);
      const entry = chunks.find((c) => c.isEntry);
      if (!entry) return this.error('no entry chunk');
      const shell = closure(entry.fileName);
      const pages = entry.dynamicImports.concat(...[...shell].map((n) => byName.get(n)?.dynamicImports ?? []));
      const largestPage = Math.max(0, ...pages.map((p) => size([...closure(p)].filter((n) => !shell.has(n)))));
      const total = size(shell) + largestPage;
      const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`;
      console.info(`first page: shell ${kb(size(shell))} + largest page ${kb(largestPage)} = ${kb(total)} gzipped (budget ${kb(limit)})`);
      if (total > limit) this.error(`the first page's JavaScript is ${kb(total)} gzipped, over the ${kb(limit)} budget: split the page (React.lazy) or drop a dependency`);
    },
  };
}

export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  plugins: [react(), firstPageBudget(FIRST_PAGE_BUDGET)],
  build: {
    outDir: join(import.meta.dirname, '..', 'dist', 'web'),
    emptyOutDir: true,
    // the preload polyfill would be an inline script: modern browsers need none
    modulePreload: { polyfill: false },
    sourcemap: true,
    target: 'es2022',
    // ECharts is one lazy chunk of ~530 kB (160 kB gzipped), fetched when the first chart is drawn, never on the first page's budget
    chunkSizeWarningLimit: 600,
  },
  server: {
    // `npm run dev:web`: the UI with hot reload against `npm start` on :8080
    proxy: { '/api': 'http://127.0.0.1:8080' },
  },
});
