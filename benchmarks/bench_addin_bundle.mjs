// What bundling MSAL into the event file costs: its size (raw and as the service serves it,
// gzip) and the time to compile and run it in a fresh JavaScript context (a stand-in for
// classic Outlook's JavaScript-only runtime loading launchevent.js at Send).
//   node benchmarks/bench_addin_bundle.mjs [runs]
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import vm from "node:vm";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const bundle = readFileSync(join(here, "..", "addin-ui", "public", "launchevent.js"), "utf8");
const runs = Number(process.argv[2] || 200);

function pct(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

const times = [];
for (let i = 0; i < runs; i++) {
  const ctx = vm.createContext({ setTimeout, clearTimeout, console });
  const t0 = process.hrtime.bigint();
  vm.runInContext(bundle, ctx, { filename: `launchevent-${i}.js` });
  times.push(Number(process.hrtime.bigint() - t0) / 1e6);
}
times.sort((a, b) => a - b);
console.log(`launchevent.js: ${Buffer.byteLength(bundle)} bytes, ${gzipSync(bundle, { level: 6 }).length} gzipped (level 6, as served)`);
console.log(`load in a fresh context (${runs} runs): median ${pct(times, 50).toFixed(2)} ms, p99 ${pct(times, 99).toFixed(2)} ms`);
