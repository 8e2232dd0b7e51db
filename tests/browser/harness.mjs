// Test harness: a real press-server on a random loopback port with a temporary data
// folder, serving web/ and the widget build, and Debian's chromium driven by
// playwright-core (which never downloads a browser).
//
// Environment: PRESS_SERVER (press-server binary, default build/native/press-server) and
// PRESS_WIDGET_DIR (the widget build output, default build/web/widget).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const SERVER_BIN = process.env.PRESS_SERVER || join(ROOT, 'build/native/press-server');
export const WIDGET_DIR = process.env.PRESS_WIDGET_DIR || join(ROOT, 'build/web/widget');
export const TOKEN = 'test-admin-token-7f3a9c2e51d04b6a8e2f';

export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-background-networking', '--disable-component-update',
  '--enable-unsafe-swiftshader', '--disable-dev-shm-usage', '--lang=zh-CN',
];

async function freePort() {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolvePort(port));
    });
    srv.on('error', reject);
  });
}

// One press-server that can be stopped and started again on the same port and data.
export class PressServer {
  constructor({ widgetDir = WIDGET_DIR } = {}) {
    this.widgetDir = widgetDir;
    this.data = mkdtempSync(join(tmpdir(), 'press-browser-'));
    this.port = 0;
    this.proc = null;
    this.output = '';
  }

  get url() { return `http://127.0.0.1:${this.port}`; }

  async start() {
    if (!existsSync(SERVER_BIN)) throw new Error(`press-server not found at ${SERVER_BIN} (set PRESS_SERVER)`);
    if (!existsSync(join(this.widgetDir, 'press_widget.wasm'))) throw new Error(`widget build not found in ${this.widgetDir} (set PRESS_WIDGET_DIR)`);
    if (!this.port) this.port = await freePort();
    this.proc = spawn(SERVER_BIN, ['--port', String(this.port), '--data', this.data,
      '--web-dir', join(ROOT, 'web'), '--static-dir', `/widget/=${this.widgetDir}`, '--threads', '16'], {
      env: { ...process.env, PRESS_ADMIN_TOKEN: TOKEN },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const proc = this.proc;
    await new Promise((resolveStart, reject) => {
      const timer = setTimeout(() => reject(new Error(`press-server did not start:\n${this.output}`)), 15000);
      const onData = (chunk) => {
        this.output += chunk;
        if (this.output.includes('listening on')) { clearTimeout(timer); resolveStart(); }
      };
      proc.stdout.on('data', onData);
      proc.stderr.on('data', onData);
      proc.on('exit', (code) => { clearTimeout(timer); reject(new Error(`press-server exited (${code}):\n${this.output}`)); });
    });
  }

  async stop() {
    if (!this.proc) return;
    const proc = this.proc;
    this.proc = null;
    await new Promise((done) => {
      proc.removeAllListeners('exit');
      proc.on('exit', done);
      proc.kill('SIGTERM');
      setTimeout(() => proc.kill('SIGKILL'), 5000);
    });
  }

  async dispose() {
    await this.stop();
    rmSync(this.data, { recursive: true, force: true });
  }

  async api(path, options = {}) {
    const reply = await fetch(this.url + path, {
      ...options, headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json', ...(options.headers || {}) },
    });
    return { status: reply.status, text: await reply.text() };
  }
}

export async function launchBrowser() {
  return chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
}

// The shared sample article of assets/samples.
export const SAMPLE = JSON.parse(readFileSync(join(ROOT, 'assets/samples/sample-article.json'), 'utf8'));

// A test file's press-server and browser: started before its tests, stopped after them.
export async function startRig() {
  const server = new PressServer();
  await server.start();
  return { server, browser: await launchBrowser() };
}

export async function stopRig({ server, browser } = {}) {
  if (browser) await browser.close();
  if (server) await server.dispose();
}

// A page on the admin UI with the widget ready; errors in the page fail the test.
export async function openAdmin(browser, server, { width = 1360, height = 900, context } = {}) {
  const ctx = context || await browser.newContext({ viewport: { width, height }, locale: 'zh-CN' });
  await ctx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  const page = await ctx.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(e.message));
  await page.goto(`${server.url}/admin/?token=${TOKEN}`);
  await waitReady(page);
  return { ctx, page };
}

// Waits for a performance mark of the page and returns its startTime (ms after navigation).
//
// Why not page.waitForFunction / page.evaluate: the first of those on a new page makes
// Playwright compile and run its own injected script (tens of kB) in the page, on the same
// main thread as the start-up being measured; in traces that task took 20-37 ms and landed
// in the middle of the widget's start-up, delaying the very mark it waited for. This asks
// through a bare CDP Runtime.evaluate instead: a few lines that compile in microseconds and
// then only sleep in a PerformanceObserver (buffered, so a mark made before the call
// counts) until the mark exists. Nothing else of the harness runs in the page before it.
export async function waitMark(page, name, timeout = 20000) {
  const cdp = await page.context().newCDPSession(page);
  try {
    const expression = `new Promise((resolve, reject) => {
      const found = () => performance.getEntriesByName(${JSON.stringify(name)})[0];
      const seen = found();
      if (seen) { resolve(seen.startTime); return; }
      const timer = setTimeout(() => reject(new Error('no mark ${name} within ${timeout} ms')), ${timeout});
      new PerformanceObserver((list, observer) => {
        const e = list.getEntriesByName(${JSON.stringify(name)})[0];
        if (e) { observer.disconnect(); clearTimeout(timer); resolve(e.startTime); }
      }).observe({ type: 'mark', buffered: true });
    })`;
    const reply = await cdp.send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true });
    if (reply.exceptionDetails) throw new Error(reply.exceptionDetails.exception?.description || reply.exceptionDetails.text);
    return reply.result.value;
  } finally {
    await cdp.detach().catch(() => {});
  }
}

// Waits for the widget's first interactive frame (see waitMark: nothing of the harness runs
// in the page before it) and for the page's handle on the editor; returns the mark's time.
export async function waitReady(page) {
  const time = await waitMark(page, 'press-first-frame');
  await page.waitForFunction(() => window.pressEditor, null, { timeout: 20000 });
  return time;
}

// Center of an editor control in page coordinates.
export async function itemCenter(page, name) {
  const r = await page.evaluate((n) => {
    const rect = window.pressEditor.itemRect(n);
    const box = window.pressEditor.element.getBoundingClientRect();
    return rect && { x: box.left + rect.x + rect.w / 2, y: box.top + rect.y + rect.h / 2, w: rect.w, h: rect.h };
  }, name);
  if (!r) throw new Error(`editor item ${name} is not on screen`);
  return r;
}

// Waits until a control has been drawn at the same place for a few frames (a popup's
// first frame is laid out before it is centred).
export async function waitSettled(page, name, timeout = 10000) {
  await page.waitForFunction((n) => {
    const r = window.pressEditor.itemRect(n);
    const key = JSON.stringify(r);
    const frames = window.pressEditor.debugState().frames;
    const seen = (window.__settle ||= {});
    if (!r || seen[n]?.key !== key) { seen[n] = { key, frames }; return false; }
    return frames - seen[n].frames >= 3;
  }, name, { timeout, polling: 50 });
}

// Lets the editor draw a few more frames (a click's consequences, such as the focus moving
// to the title of a new draft, take effect over the next frames).
export async function settle(page, frames = 3) {
  const start = await page.evaluate(() => window.pressEditor.debugState().frames);
  await page.waitForFunction((n) => window.pressEditor.debugState().frames >= n, start + frames, { timeout: 10000 });
}

export async function clickItem(page, name, dx = 0, dy = 0) {
  const c = await itemCenter(page, name);
  await page.mouse.click(c.x + dx, c.y + dy);
  await page.waitForTimeout(80);
}

export const getArticle = (page) => page.evaluate(() => window.pressEditor.getArticle());

// Waits for an event of the widget; resolves with its detail.
export function nextEvent(page, name, timeout = 15000) {
  return page.evaluate(([n, t]) => new Promise((resolveEvent, reject) => {
    const off = window.pressEditor.on(n, (d) => { off(); clearTimeout(timer); resolveEvent(d); });
    const timer = setTimeout(() => { off(); reject(new Error(`no ${n} event within ${t} ms`)); }, t);
  }), [name, timeout]);
}

// Counts pixels of a screenshot region that are darker than a threshold and how many
// distinct colours it has: "not blank" and "glyphs drawn" checks without a PNG library.
export async function inkStats(page, clip) {
  const png = await page.screenshot({ clip });
  return page.evaluate(async (b64) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const ctx = canvas.getContext('2d');
    ctx.drawImage(bitmap, 0, 0);
    const data = ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
    let dark = 0;
    const colours = new Set();
    for (let i = 0; i < data.length; i += 4) {
      const lum = 0.299 * data[i] + 0.587 * data[i + 1] + 0.114 * data[i + 2];
      if (lum < 110) dark++;
      if (colours.size < 5000) colours.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
    }
    return { dark, colours: colours.size, pixels: data.length / 4 };
  }, png.toString('base64'));
}
