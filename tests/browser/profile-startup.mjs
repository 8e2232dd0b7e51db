// Start-up breakdown and A/B comparison (a tool, not a test): for each widget build given in
// PRESS_WIDGET_DIRS (comma-separated; default PRESS_WIDGET_DIR), loads the admin page cold
// (fresh browser context) and warm (same context, glyph cache kept) RUNS times each,
// interleaving the builds load by load so that a busy machine slows all of them alike, and
// prints the median time of each start-up mark:
//   press-main       main() starts (the WebAssembly is compiled and instantiated)
//   press-app        the editor object exists
//   press-storage    the browser storage is open
//   press-first-frame the first frame with the draft on screen and every glyph drawn
// Usage: PRESS_WIDGET_DIRS=build/a/widget,build/b/widget RUNS=9 node profile-startup.mjs
import { PressServer, launchBrowser, waitReady, TOKEN, WIDGET_DIR } from './harness.mjs';

const RUNS = Number(process.env.RUNS || 7);
const dirs = (process.env.PRESS_WIDGET_DIRS || WIDGET_DIR).split(',').filter(Boolean);
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const MARKS = ['press-main', 'press-app', 'press-storage', 'press-first-frame'];

const servers = [];
for (const widgetDir of dirs) {
  const server = new PressServer({ widgetDir });
  await server.start();
  servers.push(server);
}
const browser = await launchBrowser();
const viewport = { width: 1360, height: 860 };

async function load(ctx, server, warm) {
  const page = await ctx.newPage();
  await page.goto(`${server.url}/admin/?token=${TOKEN}`);
  await waitReady(page);  // nothing of the harness runs in the page before the mark (see waitMark)
  const r = await page.evaluate((marks) => {
    const out = {};
    for (const m of marks) out[m] = performance.getEntriesByName(m)[0]?.startTime;
    const d = window.pressEditor.debugState();
    out.rasterMs = d.rasterMs;
    out.glyphs = d.cachedGlyphs;
    return out;
  }, MARKS);
  if (warm) await page.waitForTimeout(300);  // the glyph cache is written after the first frame
  await page.close();
  return r;
}

try {
  const results = servers.map(() => ({ cold: [], warm: [] }));
  const warmCtx = [];
  for (const server of servers) {  // a first visit leaves the glyph cache
    const ctx = await browser.newContext({ viewport });
    await load(ctx, server, true);
    warmCtx.push(ctx);
  }
  for (let i = 0; i < RUNS; i++) {
    for (let k = 0; k < servers.length; k++) {
      const ctx = await browser.newContext({ viewport });
      results[k].cold.push(await load(ctx, servers[k], false));
      await ctx.close();
      results[k].warm.push(await load(warmCtx[k], servers[k], true));
    }
  }
  for (let k = 0; k < servers.length; k++) {
    console.log(`== ${dirs[k]}`);
    for (const kind of ['cold', 'warm']) {
      const rows = results[k][kind];
      const cols = [...MARKS, 'rasterMs', 'glyphs'].map((m) => `${m.replace('press-', '')} ${median(rows.map((r) => r[m] ?? NaN)).toFixed(0)}`);
      console.log(`  ${kind}: ${cols.join(', ')}   first frames: ${rows.map((r) => r['press-first-frame'].toFixed(0)).join(' ')}`);
    }
  }
  for (const ctx of warmCtx) await ctx.close();
} finally {
  await browser.close();
  for (const server of servers) await server.dispose();
}
