// The shipped content script (dist/chrome/content.js, bundled by scripts/assemble.mjs: run
// `make build` first) is one classic script that declares nothing in the scope it runs in, and
// ships without a source map.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import vm from 'node:vm';
import { page } from './dom.mjs';

const BUNDLE = new URL('../../dist/chrome/content.js', import.meta.url);

test('the bundled content script leaves nothing in the global scope but its run-once flag', () => {
  const code = fs.readFileSync(BUNDLE, 'utf8');
  const doc = page('<p>hello</p>');
  const noop = () => {};
  const chrome = {
    runtime: { getURL: (p) => 'chrome-extension://id/' + p, id: 'id', onConnect: { addListener: noop }, onMessage: { addListener: noop }, sendMessage: async () => ({}) },
    storage: { local: { get: noop, set: noop } },
    i18n: { getMessage: () => '' },
  };
  const ctx = vm.createContext({ chrome, document: doc, crypto: globalThis.crypto, addEventListener: noop, location: { host: 'shop.example', href: 'https://shop.example/' } });
  // (A page's top frame: its window is its own top.)
  ctx.window = ctx.top = ctx;
  const before = new Set(Object.getOwnPropertyNames(ctx));
  vm.runInContext(code, ctx);
  const added = Object.getOwnPropertyNames(ctx).filter((k) => !before.has(k));
  assert.deepEqual(added, ['__duxinLoaded']);
});

test('the content script ships without a source map', () => {
  assert.doesNotMatch(fs.readFileSync(BUNDLE, 'utf8'), /sourceMappingURL/);
  assert.ok(!fs.existsSync(new URL('../../dist/chrome/content.js.map', import.meta.url)));
});
