// Start-up timeline of one cold load of the admin page (a tool, not a test): records a
// Chrome trace and prints the renderer main thread's tasks longer than MIN_MS (default 1)
// from navigation to the first interactive frame, each with what ran in it (script
// evaluation, function calls, wasm compilation, GC, layout, ...), and the start-up marks.
// Usage: PRESS_WIDGET_DIR=build/x/widget [TRACE_OUT=/tmp/t.json] [PAGE=widget] node trace-startup.mjs
import { writeFileSync } from 'node:fs';
import { PressServer, launchBrowser, waitMark, TOKEN } from './harness.mjs';

const MIN_MS = Number(process.env.MIN_MS || 1);
const server = new PressServer();
await server.start();
const browser = await launchBrowser();
try {
  const ctx = await browser.newContext({ viewport: { width: 1360, height: 860 } });
  const page = await ctx.newPage();
  await browser.startTracing(page, {
    categories: ['devtools.timeline', 'blink.user_timing', 'v8.execute', 'disabled-by-default-devtools.timeline',
      'v8.wasm', 'loading'],
  });
  const path = process.env.PAGE === 'widget' ? `/widget/index.html?token=${TOKEN}` : `/admin/?token=${TOKEN}`;
  await page.goto(server.url + path);
  await waitMark(page, 'press-first-frame');
  await page.waitForTimeout(100);
  const buffer = await browser.stopTracing();
  if (process.env.TRACE_OUT) writeFileSync(process.env.TRACE_OUT, buffer);
  const events = JSON.parse(buffer.toString()).traceEvents;
  const marks = events.filter((e) => e.cat?.includes('blink.user_timing') && e.name.startsWith('press-'));
  const frameMark = marks.find((e) => e.name === 'press-first-frame');
  // The renderer's main thread: the one whose task made the first-frame mark.
  const { pid } = frameMark;
  const host = events.find((e) => e.pid === pid && e.name === 'RunTask' && e.ph === 'X' && e.ts <= frameMark.ts && e.ts + e.dur >= frameMark.ts);
  const tid = host ? host.tid : frameMark.tid;
  const nav = events.filter((e) => e.pid === pid && e.name === 'navigationStart').pop();
  const t0 = nav ? nav.ts : 0;
  const end = frameMark.ts;
  const mine = events.filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X').sort((a, b) => a.ts - b.ts);
  const tasks = mine.filter((e) => e.name === 'RunTask' && e.ts >= t0 && e.ts <= end + 1000);
  const ms = (us) => (us / 1000).toFixed(1);
  for (const m of marks) console.log(`mark ${m.name} @ ${ms(m.ts - t0)}`);
  let busy = 0;
  for (const t of tasks) {
    if (t.ts <= end) busy += t.dur;
    if (t.dur < MIN_MS * 1000) continue;
    const inner = mine.filter((e) => e !== t && e.ts >= t.ts && e.ts + e.dur <= t.ts + t.dur && e.dur >= 500);
    const names = inner.slice(0, 12).map((e) => {
      const d = e.args?.data || {};
      const what = d.url ? ` ${d.url.split('/').pop()}` : d.functionName ? ` ${d.functionName}` : '';
      return `${e.name}${what} ${ms(e.dur)}`;
    });
    console.log(`@${ms(t.ts - t0).padStart(6)} ${ms(t.dur).padStart(5)} ms  ${names.join(' | ')}`);
  }
  console.log(`main thread busy ${ms(busy)} ms of ${ms(end - t0)} ms to the first frame`);
  await ctx.close();
} finally {
  await browser.close();
  await server.dispose();
}
