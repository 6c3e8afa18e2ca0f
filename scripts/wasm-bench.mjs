// Run the engine benchmark inside the extension's own wasm (dist/chrome/pkg) under node, to report
// beside the native criterion figures.
import fs from 'node:fs';
import path from 'node:path';
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
// `make bench` builds a wasm with the `wasm-bench` feature (the extension's own wasm does not
// carry the bench) and points WASM_PKG at it.
const pkg = process.env.WASM_PKG ? path.resolve(root, process.env.WASM_PKG) : path.join(root, 'dist', 'chrome', 'pkg');
const { initSync, bench_engine } = await import(path.join(pkg, 'duxin.js'));
initSync({ module: fs.readFileSync(path.join(pkg, 'duxin_bg.wasm')) });
bench_engine(5); // warm up
console.log('wasm (node ' + process.version + '): ' + bench_engine(200));
