// Web widget benchmark (run by scripts/bench-web.sh): start-up time and frame time while
// typing, in headless chromium against a real press-server; optionally TinyMCE's init time
// from a folder where it was installed (TINYMCE_DIR).
//
// Start-up marks are awaited with waitMark (harness.mjs), for the widget and TinyMCE alike:
// a bare CDP Runtime.evaluate with a PerformanceObserver, never page.waitForFunction or
// page.evaluate before the mark exists. Those make Playwright run its injected script on
// the page's main thread (20-37 ms) in the middle of the start-up it is timing.
import { createServer } from 'node:http';
import { readFileSync, existsSync } from 'node:fs';
import { join, extname } from 'node:path';
import { ROOT, PressServer, launchBrowser, waitReady, waitMark, itemCenter, TOKEN } from './harness.mjs';

const RUNS = Number(process.env.RUNS || 11);
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(s.length * p))]; };

const figures = (times) => `median ${median(times).toFixed(0)} ms, min ${Math.min(...times).toFixed(0)} ms, max ${Math.max(...times).toFixed(0)} ms (${times.length} cold loads)`;

// Navigation -> mark, RUNS times, each in a fresh browser context. One load first, not
// counted: press-server reads and compresses each static file at its first request (the
// wasm takes it ~50 ms), once per server start; the references get the same treatment.
async function coldLoads(url, mark) {
  const times = [];
  for (let i = 0; i <= RUNS; i++) {
    const ctx = await browser.newContext({ viewport: { width: 1360, height: 860 } });
    const page = await ctx.newPage();
    await page.goto(url);
    const time = await waitMark(page, mark);
    if (i > 0) times.push(time);
    await ctx.close();
  }
  return times;
}

// A reference's folder on a plain local file server (index: the page at /, if given).
async function serveFolder(dir, index) {
  const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm',
    '.woff': 'font/woff', '.woff2': 'font/woff2' };
  const http = createServer((req, res) => {
    const path = req.url.split('?')[0];
    if (path === '/' && index) { res.writeHead(200, { 'Content-Type': 'text/html' }); res.end(index); return; }
    const file = join(dir, path === '/' ? 'index.html' : path);
    if (!file.startsWith(dir) || !existsSync(file)) { res.writeHead(404); res.end(); return; }
    res.writeHead(200, { 'Content-Type': types[extname(file)] || 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  await new Promise((r) => http.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${http.address().port}/`, close: () => http.close() };
}

const server = new PressServer();
await server.start();
const browser = await launchBrowser();
try {
  // ---- Navigation -> first interactive frame ------------------------------------------------
  const widgetTimes = {};
  for (const [label, path] of [['admin page', `/admin/?token=${TOKEN}`], ['standalone widget', `/widget/index.html?token=${TOKEN}`]]) {
    widgetTimes[label] = await coldLoads(server.url + path, 'press-first-frame');
    console.log(`first interactive frame, ${label}: ${figures(widgetTimes[label])}; budget 300 ms`);
  }
  const bare = process.env.BARE_DIR;
  if (bare && existsSync(join(bare, 'bare.wasm'))) {
    const folder = await serveFolder(bare);
    const times = await coldLoads(folder.url, 'press-first-frame');
    folder.close();
    console.log(`first frame, bare ImGui + md4c + nlohmann-json + GLFW module (-Oz -flto): ${figures(times)}`);
    for (const label of Object.keys(widgetTimes))
      console.log(`ratio ${label} / bare module (medians): ${(median(widgetTimes[label]) / median(times)).toFixed(2)}`);
  }

  // ---- Later visits: same browser profile, the glyphs kept from the first visit ---------------
  {
    const ctx = await browser.newContext({ viewport: { width: 1360, height: 860 } });
    const times = [];
    for (let i = 0; i <= RUNS; i++) {
      const page = await ctx.newPage();
      await page.goto(`${server.url}/admin/?token=${TOKEN}`);
      const time = await waitMark(page, 'press-first-frame');
      await page.waitForTimeout(300);  // the glyph cache is written after the first frame
      if (i > 0) times.push(time);
      await page.close();
    }
    console.log(`first interactive frame, admin page, later visits (glyphs cached): median ${median(times).toFixed(0)} ms, min ${Math.min(...times).toFixed(0)} ms`);
    await ctx.close();
  }

  // ---- Frame time while typing into a 50,000-character article -------------------------------
  {
    const ctx = await browser.newContext({ viewport: { width: 1360, height: 860 } });
    const page = await ctx.newPage();
    await page.goto(`${server.url}/admin/?token=${TOKEN}`);
    await waitReady(page);
    const sample = JSON.parse(readFileSync(join(ROOT, 'assets/samples/sample-article.json'), 'utf8'));
    let body = '';
    for (let i = 0; body.length < 50000; i++) body += `${i + 1}. ${sample.body.split('\n\n')[i % 9]}\n\n`;
    body = body.slice(0, 50000);
    await page.evaluate((a) => window.pressEditor.load(a), { ...sample, body });
    await page.waitForFunction(() => window.pressEditor.debugState().pendingGlyphs === 0);
    const c = await itemCenter(page, 'body');
    await page.mouse.click(c.x, c.y);
    await page.keyboard.press('Control+End');
    await page.waitForTimeout(300);
    // Keystroke to frame, timed inside the page: from the input event's timestamp to the end
    // of the widget's frame that drew it (the same for the reference textarea below: to the
    // start of the frame that paints it). Timing across the CDP round trips instead measured
    // the harness as much as the editor.
    const frames = [];
    const latencies = [];
    const text = '新闻编辑器键入测试abc';
    const cdp = await ctx.newCDPSession(page);
    // After each input event, a message loop (unclamped, unlike timers) watches for the
    // widget's next frame and reads when it ended and what it cost.
    await page.evaluate(() => {
      window.__typed = [];
      const channel = new MessageChannel();
      let watch = null;
      channel.port1.onmessage = () => {
        if (!watch) return;
        const d = window.pressEditor.debugState();
        if (d.frames > watch.frames) {
          window.__typed.push({ latency: d.lastFrameAt - watch.at, cpu: d.lastFrameMs });
          watch = null;
        } else {
          channel.port2.postMessage(0);
        }
      };
      document.querySelector('.press-widget textarea').addEventListener('input', (e) => {
        watch = { at: e.timeStamp, frames: window.pressEditor.debugState().frames };
        channel.port2.postMessage(0);
      }, true);
    });
    for (let i = 0; i < 60; i++) {
      await cdp.send('Input.insertText', { text: text[i % text.length] });
      await page.waitForFunction((n) => window.__typed.length > n, i, { polling: 5 });
      await page.waitForTimeout(20);  // no frame of the next key overlaps this one
    }
    for (const t of await page.evaluate(() => window.__typed)) {
      latencies.push(t.latency);
      frames.push(t.cpu);
    }
    const chars = await page.evaluate(() => window.pressEditor.getArticle().body.length);
    console.log(`typing into a ${chars}-character article: frame CPU time median ${median(frames).toFixed(2)} ms, p95 ${pct(frames, 0.95).toFixed(2)} ms; keystroke -> frame median ${median(latencies).toFixed(1)} ms, p95 ${pct(latencies, 0.95).toFixed(1)} ms (budget 17 ms)`);
    await ctx.close();

    // The reference: a plain textarea holding the same article, typed into the same way.
    const ref = await browser.newContext({ viewport: { width: 1360, height: 860 } });
    const rpage = await ref.newPage();
    await rpage.setContent('<textarea style="width:900px;height:700px"></textarea>');
    await rpage.evaluate((t) => {
      const ta = document.querySelector('textarea');
      ta.value = t;
      ta.focus();
      ta.setSelectionRange(t.length, t.length);
      window.__lat = [];
      ta.addEventListener('input', (e) => requestAnimationFrame(() => window.__lat.push(performance.now() - e.timeStamp)));
    }, body);
    const rcdp = await ref.newCDPSession(rpage);
    for (let i = 0; i < 60; i++) {
      await rcdp.send('Input.insertText', { text: text[i % text.length] });
      await rpage.waitForFunction((n) => window.__lat.length > n, i, { polling: 5 });
      await rpage.waitForTimeout(20);
    }
    const textarea = await rpage.evaluate(() => window.__lat);
    console.log(`reference, a browser textarea with the same text: keystroke -> frame median ${median(textarea).toFixed(1)} ms, p95 ${pct(textarea, 0.95).toFixed(1)} ms`);
    console.log(`ratio widget / textarea (medians): ${(median(latencies) / Math.max(0.1, median(textarea))).toFixed(2)}`);
    await ref.close();
  }

  // ---- TinyMCE init, for comparison ---------------------------------------------------------
  const tiny = process.env.TINYMCE_DIR;
  if (tiny && existsSync(join(tiny, 'tinymce.min.js'))) {
    const page = `<!doctype html><meta charset="utf-8"><textarea id="t"></textarea><script src="/tinymce.min.js"></script>
<script>tinymce.init({ selector: '#t', license_key: 'gpl', promotion: false, menubar: false,
  init_instance_callback: () => performance.mark('tinymce-init') });</script>`;
    const folder = await serveFolder(tiny, page);
    const times = await coldLoads(folder.url, 'tinymce-init');
    folder.close();
    console.log(`TinyMCE 7 init (same machine, same browser): ${figures(times)}`);
  }
} finally {
  await browser.close();
  await server.dispose();
}
