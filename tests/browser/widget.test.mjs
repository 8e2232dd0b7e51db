// End-to-end tests of the web widget in headless chromium against a real press-server:
// Chinese input through an input method, paste, drafts surviving a reload, publishing,
// the offline queue, keyboard isolation from the page, WebGL context loss, two widgets on
// one page, and screenshots that show drawn glyphs.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { tmpdir } from 'node:os';
import {
  ROOT, SAMPLE, startRig, stopRig, openAdmin, waitReady, waitSettled, settle, itemCenter, clickItem, getArticle,
  nextEvent, inkStats, TOKEN,
} from './harness.mjs';

let server;
let browser;

before(async () => ({ server, browser } = await startRig()));
after(() => stopRig({ server, browser }));

// Types committed text the way an input method does: a composition, then the commit.
async function imeType(page, cdp, pinyin, text) {
  for (let i = 1; i <= pinyin.length; i++)
    await cdp.send('Input.imeSetComposition', { text: pinyin.slice(0, i), selectionStart: i, selectionEnd: i });
  await cdp.send('Input.insertText', { text });
  await page.waitForTimeout(60);
}

async function bodyText(page) {
  return (await getArticle(page)).body;
}

// Crashes the page's renderer (no pagehide, no unload) and opens the admin page again in
// the same browser profile.
// The admin page with a new draft open and the caret in its body (and a CDP session for
// the input events the tests send).
async function openNewDraftBody() {
  const { ctx, page } = await openAdmin(browser, server);
  const cdp = await ctx.newCDPSession(page);
  await clickItem(page, 'new');
  await settle(page);
  await clickItem(page, 'body');
  return { ctx, page, cdp };
}

async function crashAndReopen(ctx, page, cdp, server) {
  const crashed = new Promise((resolveCrash) => page.once('crash', resolveCrash));
  cdp.send('Page.crash').catch(() => {});
  await crashed;
  const again = await ctx.newPage();
  await again.goto(`${server.url}/admin/?token=${TOKEN}`);
  await waitReady(again);
  return again;
}

async function waitFor(page, predicate, arg, timeout = 10000) {
  await page.waitForFunction(predicate, arg, { timeout });
}

describe('web widget', () => {
  test('starts, draws the editor with browser-rasterized glyphs and fetches no font', async () => {
    const { ctx, page } = await openAdmin(browser, server);
    const timing = await page.evaluate(() => ({
      firstFrame: performance.getEntriesByName('press-first-frame')[0].startTime,
      resources: performance.getEntriesByType('resource').filter((r) => r.name.includes('/widget/'))
        .map((r) => ({ name: r.name.replace(/.*\//, ''), bytes: r.transferSize })),
    }));
    console.log(`first interactive frame ${timing.firstFrame.toFixed(0)} ms after navigation`);
    // No font file is fetched: the widget's requests are its module, its wasm and press.js.
    for (const r of timing.resources) assert.match(r.name, /^(press\.js|press_widget\.mjs|press_widget\.wasm)$/);
    assert.ok(timing.firstFrame < 3000, `first frame after ${timing.firstFrame} ms`);
    const box = await page.locator('#editor').boundingBox();
    const stats = await inkStats(page, box);
    assert.ok(stats.colours > 20, `canvas looks blank (${stats.colours} colours)`);
    assert.ok(stats.dark > 2000, `no text drawn (${stats.dark} dark pixels)`);
    assert.deepEqual(page.errors, []);
    await ctx.close();
  });

  test('glyphs are drawn when a frame shows them; later ones arrive and a reload restores the draft from the early read', async () => {
    const { ctx, page } = await openAdmin(browser, server);
    const start = await page.evaluate(() => window.pressEditor.debugState());
    // The first frame drew what it showed, not every string the editor might show.
    assert.equal(start.pendingGlyphs, 0);
    assert.ok(start.deferredGlyphs > start.cachedGlyphs, `deferred ${start.deferredGlyphs}, drawn ${start.cachedGlyphs}`);
    // Characters that appear after the first frame (rare ones, in no UI string) get drawn.
    const rare = '龘靐齉爩鱻麤龖';
    await page.evaluate((a) => window.pressEditor.load(a), { ...SAMPLE, title: `字形测试${rare}`, body: `${rare}\n\n${rare}${rare}` });
    await waitFor(page, () => window.pressEditor.debugState().pendingGlyphs === 0 && window.pressEditor.getArticle().title.startsWith('字形测试'));
    await settle(page);
    const after = await page.evaluate(() => window.pressEditor.debugState());
    assert.ok(after.cachedGlyphs >= start.cachedGlyphs + rare.length, `drawn ${start.cachedGlyphs} -> ${after.cachedGlyphs}`);
    const body = await page.evaluate(() => {
      const r = window.pressEditor.itemRect('body');
      const box = window.pressEditor.element.getBoundingClientRect();
      return { x: box.left + r.x, y: box.top + r.y, width: Math.min(r.w, 400), height: Math.min(r.h, 120) };
    });
    const ink = await inkStats(page, body);
    assert.ok(ink.dark > 150, `the new glyphs are not drawn (${ink.dark} dark pixels)`);
    // The draft comes back after a reload, read before the WebAssembly started.
    await waitFor(page, () => !window.pressEditor.debugState().dirty);
    await page.reload();
    await waitReady(page);
    assert.equal((await getArticle(page)).title, `字形测试${rare}`);
    assert.equal((await page.evaluate(() => window.pressEditor.debugState())).pendingGlyphs, 0);
    assert.deepEqual(page.errors, []);
    await ctx.close();
  });

  test('the WebGL context has the attributes asked for; the admin page lists articles after the first frame', async () => {
    const made = await server.api('/api/v1/articles', { method: 'POST', body: JSON.stringify({ ...SAMPLE, title: '列表加载测试' }) });
    assert.ok(made.status < 300, `creating an article: HTTP ${made.status} ${made.text}`);
    const { ctx, page } = await openAdmin(browser, server);
    // The canvas's context has exactly the attributes WebRenderer::init asks for (whoever
    // calls getContext first decides them: opaque, no depth, stencil or multisampling).
    const attributes = await page.evaluate(() => document.querySelector('.press-widget canvas').getContext('webgl2').getContextAttributes());
    assert.deepEqual(
      { alpha: attributes.alpha, depth: attributes.depth, stencil: attributes.stencil, antialias: attributes.antialias,
        premultipliedAlpha: attributes.premultipliedAlpha, preserveDrawingBuffer: attributes.preserveDrawingBuffer },
      { alpha: false, depth: false, stencil: false, antialias: false, premultipliedAlpha: true, preserveDrawingBuffer: false });
    // The admin page asks for its article list only after the editor's first frame, and
    // still shows it.
    await waitFor(page, () => [...document.querySelectorAll('#articles li')].some((li) => li.textContent.includes('列表加载测试')));
    const order = await page.evaluate(() => ({
      frame: performance.getEntriesByName('press-first-frame')[0].startTime,
      list: performance.getEntriesByType('resource').filter((r) => r.name.includes('/api/v1/articles?')).map((r) => r.startTime),
    }));
    assert.ok(order.list.length > 0);
    assert.ok(order.list[0] >= order.frame, `list fetched at ${order.list[0]} ms, first frame at ${order.frame} ms`);
    assert.deepEqual(page.errors, []);
    await ctx.close();
  });

  test('Chinese through IME composition, title and body; candidate window follows the caret', async () => {
    const { ctx, page } = await openAdmin(browser, server);
    const cdp = await ctx.newCDPSession(page);
    await clickItem(page, 'title');
    await imeType(page, cdp, 'xiaoyuanxinwen', '校园新闻');
    await clickItem(page, 'body');
    const body = await itemCenter(page, 'body');
    const before = await inkStats(page, { x: body.x - body.w / 2, y: body.y - body.h / 2, width: body.w, height: body.h });
    await imeType(page, cdp, 'jintian', '今天');
    // During a composition the hidden textarea sits at the caret, inside the body editor,
    // so the browser opens the candidate window there.
    await cdp.send('Input.imeSetComposition', { text: 'xuexiao', selectionStart: 7, selectionEnd: 7 });
    const ta = await page.evaluate(() => {
      const r = document.querySelector('.press-widget textarea').getBoundingClientRect();
      return { x: r.left, y: r.top, focused: document.activeElement.tagName };
    });
    assert.equal(ta.focused, 'TEXTAREA');
    assert.ok(Math.abs(ta.x - (body.x - body.w / 2)) < body.w && Math.abs(ta.y - (body.y - body.h / 2)) < body.h,
      `textarea at ${ta.x},${ta.y} is not inside the body editor`);
    await cdp.send('Input.insertText', { text: '学校举行了运动会。' });
    await page.keyboard.type(' OK 2024');
    await waitFor(page, () => window.pressEditor.getArticle().body.endsWith('2024'));
    const a = await getArticle(page);
    assert.equal(a.title, '校园新闻');
    assert.equal(a.body, '今天学校举行了运动会。 OK 2024');
    // Keys pressed while composing belong to the input method: nothing leaks in.
    await cdp.send('Input.imeSetComposition', { text: 'a', selectionStart: 1, selectionEnd: 1 });
    await page.keyboard.press('Backspace');
    await cdp.send('Input.imeSetComposition', { text: '', selectionStart: 0, selectionEnd: 0 });
    await page.waitForTimeout(100);
    const after = await inkStats(page, { x: body.x - body.w / 2, y: body.y - body.h / 2, width: body.w, height: body.h });
    assert.ok(after.dark > before.dark + 200, `no glyphs drawn for the typed text (${before.dark} -> ${after.dark})`);
    assert.deepEqual(page.errors, []);
    await ctx.close();
  });

  test('paste of a long article, copy out, select-all and editing keys', async () => {
    const { ctx, page } = await openAdmin(browser, server);
    await page.evaluate(() => window.pressEditor.load({ schema: 1, channel: ['新闻中心', '工贸要闻'], title: '粘贴测试',
      published_at: '2024-06-01T10:00:00+08:00', updated_at: '2024-06-01T10:00:00+08:00', editor: '测试', body: '' }));
    const paragraph = '我院师生在省职业院校技能大赛中取得优异成绩，充分展示了产教融合、校企合作的育人成果。';
    const long = Array.from({ length: 120 }, (_, i) => `${i + 1}. ${paragraph}`).join('\n\n');
    await clickItem(page, 'body');
    await page.evaluate((t) => navigator.clipboard.writeText(t), long);
    await page.keyboard.press('Control+V');
    await waitFor(page, (n) => window.pressEditor.getArticle().body.length >= n, long.length);
    assert.equal(await bodyText(page), long);
    // Select all, copy: the system clipboard gets the text back.
    await page.keyboard.press('Control+A');
    await page.evaluate(() => navigator.clipboard.writeText('x'));
    await page.keyboard.press('Control+C');
    await waitFor(page, (n) => navigator.clipboard.readText().then((t) => t.length === n), long.length);
    // Cut empties the body; Ctrl+Z brings it back.
    await page.keyboard.press('Control+X');
    await waitFor(page, () => window.pressEditor.getArticle().body === '');
    await page.keyboard.press('Control+Z');
    await waitFor(page, (n) => window.pressEditor.getArticle().body.length === n, long.length);
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Backspace');
    await waitFor(page, (n) => window.pressEditor.getArticle().body.length === n, long.length - 2);
    assert.equal(await bodyText(page), long.slice(0, -2));
    assert.deepEqual(page.errors, []);
    await ctx.close();
  });

  test('the draft survives a reload right after typing (pagehide) and after autosave', async () => {
    const { ctx, page, cdp } = await openNewDraftBody();
    await imeType(page, cdp, 'caogao', '草稿内容不会丢失');
    // Autosave: shortly after the last change the draft is in storage.
    await waitFor(page, () => window.pressEditor.getArticle().body === '草稿内容不会丢失' && !window.pressEditor.debugState().dirty);
    await page.reload();
    await waitReady(page);
    await waitFor(page, () => window.pressEditor.getArticle()?.body === '草稿内容不会丢失');
    // Typing and leaving at once: the page-hide save (with its localStorage journal) keeps it.
    await clickItem(page, 'body');
    await page.keyboard.press('Control+End');
    await cdp.send('Input.insertText', { text: '，立即刷新' });
    await page.reload();
    await waitReady(page);
    await waitFor(page, () => window.pressEditor.getArticle()?.body === '草稿内容不会丢失，立即刷新');
    assert.deepEqual(page.errors, []);
    await ctx.close();
  });

  test('a full browser storage is reported, never silent', async () => {
    const { ctx, page } = await openAdmin(browser, server);
    // Headless chromium's quota cannot be shrunk for a test, so IndexedDB's put() fails the
    // way a full disk makes it fail.
    await page.evaluate(() => {
      const put = IDBObjectStore.prototype.put;
      IDBObjectStore.prototype.put = function (...args) {
        if (window.storageFull) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        return put.apply(this, args);
      };
      window.storageFull = true;
    });
    const error = nextEvent(page, 'error');
    await clickItem(page, 'body');
    await page.keyboard.type('full');
    const detail = await error;
    assert.match(detail.message, /QuotaExceededError/);
    const saveFailure = await page.evaluate(() => window.pressEditor.save().then(() => null, (e) => e.message));
    assert.match(saveFailure, /QuotaExceededError/);
    // Space again: the next save goes through.
    await page.evaluate(() => { window.storageFull = false; });
    await page.evaluate(() => window.pressEditor.save());
    await ctx.close();
  });

  test('a renderer crash loses nothing that was autosaved', async () => {
    const { ctx, page, cdp } = await openNewDraftBody();
    await cdp.send('Input.insertText', { text: '崩溃之前自动保存的内容' });
    await waitFor(page, () => window.pressEditor.getArticle().body === '崩溃之前自动保存的内容' && !window.pressEditor.debugState().dirty);
    const again = await crashAndReopen(ctx, page, cdp, server);
    await waitFor(again, () => window.pressEditor.getArticle()?.body === '崩溃之前自动保存的内容');
    await ctx.close();
  });

  test('save() keeps the keys typed just before it, even if the page crashes right after', async () => {
    // The editor takes queued keys over several frames; save() must wait for them, and
    // resolve only once they are stored (no autosave has run yet: its delay is 0.8 s).
    const { ctx, page, cdp } = await openNewDraftBody();
    await page.keyboard.type('saved by the api');
    await page.evaluate(() => window.pressEditor.save());
    const again = await crashAndReopen(ctx, page, cdp, server);
    await waitFor(again, () => window.pressEditor.getArticle()?.body !== undefined);
    assert.equal((await getArticle(again)).body, 'saved by the api');
    await ctx.close();
  });

  test('import from the file picker and export as a download', async () => {
    const { ctx, page } = await openAdmin(browser, server);
    await waitSettled(page, 'import');  // the toolbar moves while the first glyphs arrive
    const chooser = page.waitForEvent('filechooser');
    await clickItem(page, 'import');
    const picker = await chooser;
    const imported = { ...SAMPLE, title: '从文件导入的文章' };
    await picker.setFiles({ name: 'article.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(imported)) });
    await waitFor(page, () => window.pressEditor.getArticle()?.title === '从文件导入的文章');
    // A file that is not an article is refused with a message and changes nothing.
    const chooser2 = page.waitForEvent('filechooser');
    const error = nextEvent(page, 'error');
    await waitSettled(page, 'import');
    await clickItem(page, 'import');
    await (await chooser2).setFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"schema": 1, "title": 5') });
    assert.equal((await error).message, '无法导入 broken.json：文件内容不是有效的 JSON（第 1 行第 25 列）');
    assert.equal((await getArticle(page)).title, '从文件导入的文章');
    // A picture picked by mistake is named for what it is, whatever its name says.
    const chooser3 = page.waitForEvent('filechooser');
    const error3 = nextEvent(page, 'error');
    await clickItem(page, 'import');
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');
    await (await chooser3).setFiles({ name: 'article.json', mimeType: 'application/json', buffer: png });
    assert.match((await error3).message, /^无法导入 article\.json：它是一张 PNG 图片，不是文章文件。/);
    assert.equal((await getArticle(page)).title, '从文件导入的文章');
    // Export: the editor's dialog, then a browser download of the article JSON.
    const download = page.waitForEvent('download');
    await clickItem(page, 'export');
    await waitSettled(page, 'dialogPrimary');
    await clickItem(page, 'dialogPrimary');
    const file = await download;
    const text = readFileSync(await file.path(), 'utf8');
    assert.equal(JSON.parse(text).title, '从文件导入的文章');
    assert.match(file.suggestedFilename(), /\.json$/);
    await ctx.close();
  });

  test('a 409 conflict is reported, not overwritten', async () => {
    const { ctx, page } = await openAdmin(browser, server);
    await page.evaluate((a) => window.pressEditor.load(a), { ...SAMPLE, title: '冲突测试' });
    const first = await page.evaluate(() => window.pressEditor.publish());
    const id = first.id;
    assert.ok(id);
    // Someone else edits the article on the server.
    const current = JSON.parse((await server.api(`/api/v1/articles/${id}`)).text);
    const put = await server.api(`/api/v1/articles/${id}`, { method: 'PUT', body: JSON.stringify({ ...current, title: '别人改过的标题' }) });
    assert.equal(put.status, 200, put.text);
    await clickItem(page, 'body');
    await page.keyboard.press('Control+Home');
    await page.keyboard.type('local ');
    await waitFor(page, () => window.pressEditor.getArticle().body.startsWith('local '));
    const failure = await page.evaluate(() => window.pressEditor.publish().then(() => null, (e) => e.detail));
    assert.equal(failure.phase, 'conflict');
    const server_copy = JSON.parse((await server.api(`/api/v1/articles/${id}`)).text);
    assert.equal(server_copy.title, '别人改过的标题');
    await ctx.close();
  });

  test('publish to the server and read the published page', async () => {
    const { ctx, page } = await openAdmin(browser, server);
    const marker = `发布测试${Date.now() % 100000}`;
    await page.evaluate((a) => window.pressEditor.load(a), { ...SAMPLE, title: `${marker}：产教联合体成立` });
    await clickItem(page, 'body');
    await page.keyboard.press('Control+Home');
    await page.keyboard.type('NEW ');
    const published = nextEvent(page, 'published', 20000);
    const result = await page.evaluate(() => window.pressEditor.publish());
    assert.equal(result.queued, false);
    const event = await published;
    assert.match(event.url, /^\/news\/\d+\.html$/);
    const html = await (await fetch(server.url + event.url)).text();
    assert.ok(html.includes(marker), 'the published page lacks the title');
    assert.ok(html.includes('NEW 7月28日'), 'the published page lacks the edited body');
    const a = await getArticle(page);
    assert.equal(a.status, 'published');
    assert.ok(a.id, 'the server id was recorded in the draft');
    await ctx.close();
  });

  test('publishing while the server is down queues the article and sends it when it is back', async () => {
    const { ctx, page } = await openAdmin(browser, server);
    const marker = `离线队列${Date.now() % 100000}`;
    await page.evaluate((a) => window.pressEditor.load(a), { ...SAMPLE, title: `${marker}：测试` });
    await server.stop();
    await page.evaluate(() => window.pressEditor.save());
    const result = await page.evaluate(() => window.pressEditor.publish());
    assert.equal(result.queued, true);
    assert.equal((await page.evaluate(() => window.pressEditor.debugState())).outbox, 1);
    const published = nextEvent(page, 'published', 60000);
    await server.start();
    const event = await published;
    const html = await (await fetch(server.url + event.url)).text();
    assert.ok(html.includes(marker));
    assert.equal((await page.evaluate(() => window.pressEditor.debugState())).outbox, 0);
    await ctx.close();
  });

  test('keys go only where the focus is: the page field or the widget', async () => {
    const { ctx, page } = await openAdmin(browser, server);
    await clickItem(page, 'new');
    await settle(page);
    await page.click('#search');
    await page.keyboard.type('Zhang');
    await page.keyboard.press('Backspace');
    assert.equal(await page.inputValue('#search'), 'Zhan');
    assert.equal(await bodyText(page), '');
    await clickItem(page, 'body');
    await page.keyboard.type('widget');
    await page.keyboard.press('Backspace');
    await waitFor(page, () => window.pressEditor.getArticle().body === 'widge');
    assert.equal(await page.inputValue('#search'), 'Zhan');
    // And back: the page's search box gets its keys again, the widget none.
    await page.click('#search');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('温州');
    await page.waitForTimeout(100);
    assert.equal(await page.inputValue('#search'), '温州');
    assert.equal(await bodyText(page), 'widge');
    await ctx.close();
  });

  test('recovers from a lost WebGL context and follows its container size', async () => {
    const { ctx, page } = await openAdmin(browser, server);
    await page.evaluate(() => {
      const gl = document.querySelector('.press-widget canvas').getContext('webgl2');
      window.loseExt = gl.getExtension('WEBGL_lose_context');
      window.loseExt.loseContext();
    });
    await waitFor(page, () => window.pressEditor.debugState().contextLost);
    await page.evaluate(() => window.loseExt.restoreContext());
    await waitFor(page, () => !window.pressEditor.debugState().contextLost);
    await clickItem(page, 'body');
    await page.keyboard.type('after restore');
    await waitFor(page, () => window.pressEditor.getArticle().body.endsWith('after restore'));
    const box = await page.locator('#editor').boundingBox();
    const stats = await inkStats(page, box);
    assert.ok(stats.dark > 2000 && stats.colours > 20, 'nothing drawn after the context came back');
    // Resize: the canvas backing store follows the element times devicePixelRatio.
    await page.setViewportSize({ width: 1000, height: 760 });
    await page.waitForTimeout(300);
    const size = await page.evaluate(() => {
      const c = document.querySelector('.press-widget canvas');
      return { w: c.width, h: c.height, cw: c.clientWidth, ch: c.clientHeight, dpr: devicePixelRatio };
    });
    assert.equal(size.w, Math.round(size.cw * size.dpr));
    assert.equal(size.h, Math.round(size.ch * size.dpr));
    await ctx.close();
  });

  test('two widgets on one page, crisp at devicePixelRatio 2; screenshot for the README', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1360, height: 860 }, deviceScaleFactor: 2, locale: 'zh-CN' });
    const { page } = await openAdmin(browser, server, { context: ctx });
    await page.evaluate((a) => window.pressEditor.load(a), SAMPLE);
    await page.waitForTimeout(500);
    // PRESS_SCREENSHOT=1 refreshes the README's picture; otherwise it goes to a temp folder.
    const shot = process.env.PRESS_SCREENSHOT ? join(ROOT, 'docs/screenshot-widget.png') : join(tmpdir(), 'press-widget.png');
    mkdirSync(dirname(shot), { recursive: true });
    await page.screenshot({ path: shot });
    const stats = await inkStats(page, await page.locator('#editor').boundingBox());
    assert.ok(stats.dark > 4000 && stats.colours > 50, 'the article is not drawn');
    const size = await page.evaluate(() => {
      const c = document.querySelector('.press-widget canvas');
      return { w: c.width, cw: c.clientWidth };
    });
    assert.equal(size.w, size.cw * 2);
    // A second, independent instance beside the first.
    const second = await page.evaluate(async () => {
      const div = document.createElement('div');
      div.style.cssText = 'position:fixed;right:0;bottom:0;width:700px;height:420px;z-index:5';
      document.body.append(div);
      const { mount } = await import('/widget/press.js');
      const w = await mount(div, { locale: 'en' });
      await w.ready;
      window.second = w;
      return w.getArticle() !== null;
    });
    assert.ok(second);
    const first = await getArticle(page);
    assert.equal(first.title, SAMPLE.title);
    await page.evaluate(() => window.second.unmount());
    assert.equal(await page.locator('.press-widget').count(), 1);
    await ctx.close();
  });
});
