// First page usable over a throttled link: time from navigation to the report form showing its
// category pictures (the app loaded, rendered, and the categories answered), in Debian's
// chromium with Chrome DevTools' network presets, cold cache each run. Each run also times the
// floor: a 260-byte file opened as a page over the same link (what no page can beat).
// Run: node bench/web-3g.mjs [runs]   (needs build/jembatan and web/dist; starts its own server)
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(new URL('..', import.meta.url).pathname);
const require = createRequire(join(root, 'web/package.json'));
const { chromium } = require('playwright-core');
const runs = Number(process.argv[2] ?? 5);
const PRESETS = {
  // Chrome DevTools presets (latency is the added round-trip time).
  'Fast 3G (562.5 ms RTT, 1.44 Mbit/s down)': { latency: 562.5, downloadThroughput: (1.6 * 1024 * 1024 / 8) * 0.9, uploadThroughput: (750 * 1024 / 8) * 0.9 },
  'Slow 3G (2000 ms RTT, 400 kbit/s down)': { latency: 2000, downloadThroughput: (500 * 1024 / 8) * 0.8, uploadThroughput: (500 * 1024 / 8) * 0.8 },
};

const dir = mkdtempSync(join(tmpdir(), 'jembatan-3g-'));
const db = join(dir, 'demo.db');
spawnSync(join(root, 'build/jembatan'), ['demo', '--db', db, '--cases', '1000'], { stdio: 'ignore' });
const server = spawn(join(root, 'build/jembatan'), ['--log-level', 'warn', 'serve', '--db', db, '--listen', '127.0.0.1:0',
  '--sweep-interval', '0', '--web', join(root, 'web/dist')], { stdio: ['ignore', 'pipe', 'inherit'] });
const base = await new Promise((ok) => server.stdout.on('data', (d) => {
  const m = String(d).match(/:(\d+)/);
  if (m) ok(`http://localhost:${m[1]}`);
}));
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (const [name, conditions] of Object.entries(PRESETS)) {
  const times = [];
  const floors = [];
  let bytes = 0;
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ locale: 'id-ID' });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', { offline: false, ...conditions });
    let transferred = 0;
    cdp.on('Network.loadingFinished', (e) => { transferred += e.encodedDataLength; });
    // The floor, same link and run: one 260-byte file (the app's icon) fetched as a page.
    const f0 = Date.now();
    await page.goto(`${base}/favicon.svg`, { waitUntil: 'load' });
    floors.push(Date.now() - f0);
    await page.goto('about:blank');
    transferred = 0;
    const start = Date.now();
    await page.goto(`${base}/report`, { waitUntil: 'commit' });
    await page.locator('.tile').first().waitFor();
    times.push(Date.now() - start);
    bytes = transferred;
    await context.close();
  }
  console.log(`${name}: median ${median(times)} ms to a usable report form (runs: ${times.join(', ')}), ${Math.round(bytes / 1024)} KiB transferred; ` +
    `floor (one tiny file) median ${median(floors)} ms (runs: ${floors.join(', ')}); ratio ${(median(times) / median(floors)).toFixed(2)}`);
}
await browser.close();
server.kill('SIGTERM');
rmSync(dir, { recursive: true, force: true });
