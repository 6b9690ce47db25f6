// Bundle budgets of the web dashboard, checked after every production build (npm run build fails when one is
// exceeded). "Initial" is what the browser fetches before the first render: the entry script of index.html and
// every chunk it preloads. Route chunks (pages, the chart library) load on navigation. Budgets: docs/web-dashboard.md.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';

const dist = new URL('../dist/', import.meta.url).pathname;
const BUDGET_KB = { initialJs: 300, css: 30, largestRouteChunk: 200 };

const gz = (file) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length / 1024;
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const initial = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
const css = [...html.matchAll(/href="\/(assets\/[^"]+\.css)"/g)].map((m) => m[1]);
const allJs = readdirSync(join(dist, 'assets')).filter((f) => f.endsWith('.js')).map((f) => `assets/${f}`);
const routeChunks = allJs.filter((f) => !initial.includes(f));

const initialKb = initial.reduce((a, f) => a + gz(f), 0);
const cssKb = css.reduce((a, f) => a + gz(f), 0);
const largest = routeChunks.map((f) => [f, gz(f)]).sort((a, b) => b[1] - a[1])[0] ?? ['-', 0];

const rows = [
  ['initial JS (gzip)', initialKb, BUDGET_KB.initialJs, initial.join(', ')],
  ['CSS (gzip)', cssKb, BUDGET_KB.css, css.join(', ')],
  ['largest route chunk (gzip)', largest[1], BUDGET_KB.largestRouteChunk, largest[0]],
];
let failed = false;
for (const [name, kb, budget, files] of rows) {
  const ok = kb <= budget;
  failed ||= !ok;
  console.log(`${ok ? 'ok  ' : 'OVER'} ${name.padEnd(28)} ${kb.toFixed(1).padStart(7)} KB / ${budget} KB  (${files})`);
}
const total = allJs.reduce((a, f) => a + statSync(join(dist, f)).size, 0) / 1024;
console.log(`     all JS, every route (raw)   ${total.toFixed(1).padStart(7)} KB in ${allJs.length} files`);
if (failed) {
  console.error('Bundle budget exceeded (frontend/scripts/check-budget.mjs)');
  process.exit(1);
}
