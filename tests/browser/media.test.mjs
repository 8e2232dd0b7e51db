// Pictures and attachments in the web widget, end to end against a real press-server:
// a pasted picture and a dropped file land in the body as media references, are kept in
// IndexedDB across a reload, are uploaded before the article (also when the server was
// down at first) and show on the published page; screenshots of the preview and of the
// published page with a photo.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import {
  SAMPLE, startRig, stopRig, openAdmin, waitReady, settle, clickItem, itemCenter, getArticle, nextEvent, TOKEN,
} from './harness.mjs';

let server;
let browser;
const SHOTS = process.env.PRESS_SCREENSHOTS || join(tmpdir(), 'press-screenshots');

before(async () => {
  ({ server, browser } = await startRig());
  mkdirSync(SHOTS, { recursive: true });
});
after(() => stopRig({ server, browser }));

const REF = /!\[([^\]]*)\]\(media\/([0-9a-f]{64})\.(webp|jpg)(?: "([^"]*)")?\)/;

// A photo-like picture drawn in the page (gradient sky, a red banner, text), as a File.
function makePicture(page, { width, height, type, name }) {
  return page.evaluateHandle(async ({ width, height, type, name }) => {
    const c = new OffscreenCanvas(width, height);
    const g = c.getContext('2d');
    const sky = g.createLinearGradient(0, 0, 0, height);
    sky.addColorStop(0, '#6aa5e0');
    sky.addColorStop(1, '#f4efe4');
    g.fillStyle = sky;
    g.fillRect(0, 0, width, height);
    g.fillStyle = '#9e1b1e';
    g.fillRect(width * 0.1, height * 0.35, width * 0.8, height * 0.18);
    g.fillStyle = '#ffffff';
    g.font = `${Math.round(height * 0.1)}px sans-serif`;
    g.fillText('2024 OPENING', width * 0.16, height * 0.48);
    for (let i = 0; i < 40; i++) {
      g.fillStyle = `hsl(${i * 37 % 360},50%,35%)`;
      g.beginPath();
      g.arc(width * (0.05 + 0.023 * i), height * 0.8, height * 0.04, 0, 7);
      g.fill();
    }
    const blob = await c.convertToBlob({ type, quality: 0.92 });
    return new File([blob], name, { type });
  }, { width, height, type, name });
}

async function pasteFile(page, file) {
  await page.evaluate((f) => {
    const dt = new DataTransfer();
    dt.items.add(f);
    document.querySelector('.press-widget textarea').dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  }, file);
}

async function dropFile(page, file) {
  await page.evaluate((f) => {
    const dt = new DataTransfer();
    dt.items.add(f);
    const canvas = document.querySelector('.press-widget canvas');
    const r = canvas.getBoundingClientRect();
    canvas.dispatchEvent(new DragEvent('drop', {
      dataTransfer: dt, bubbles: true, cancelable: true, clientX: r.left + 300, clientY: r.top + 300,
    }));
  }, file);
}

async function waitBody(page, pattern, timeout = 15000) {
  await page.waitForFunction((src) => new RegExp(src).test(window.pressEditor.getArticle().body),
    pattern.source, { timeout });
  return (await getArticle(page)).body;
}

const debugState = (page) => page.evaluate(() => window.pressEditor.debugState());

// A new draft with the sample's text and the caret at its end.
async function sampleDraft(page, title) {
  await page.evaluate((a) => window.pressEditor.load(a), { ...SAMPLE, title });
  await clickItem(page, 'body');
  await page.keyboard.press('Control+End');
  await settle(page);
}

describe('pictures and attachments', () => {
  test('a pasted picture goes into the body with its caption, survives a reload and shows in the preview', async () => {
    const { ctx, page } = await openAdmin(browser, server, { width: 1360, height: 900 });
    await sampleDraft(page, `图片粘贴${Date.now() % 100000}`);
    await pasteFile(page, await makePicture(page, { width: 1600, height: 900, type: 'image/png', name: 'screenshot.png' }));
    let body = await waitBody(page, REF);
    let m = REF.exec(body);
    assert.equal(m[3], 'webp', 'a PNG (maybe transparent) is re-encoded as WebP');
    // The caption dialog opened by itself; the alt text follows the caption.
    await page.waitForFunction(() => window.pressEditor.itemRect('imageCaption') !== null);
    await page.keyboard.type('开学典礼现场');
    await page.keyboard.press('Enter');
    body = await waitBody(page, /!\[开学典礼现场\]\(media\/[0-9a-f]{64}\.webp "开学典礼现场"\)/);
    const id = REF.exec(body)[2];
    await page.waitForFunction(() => window.pressEditor.debugState().pictures >= 1, null, { timeout: 15000 });
    await page.evaluate(() => window.pressEditor.save());

    // The bytes are in IndexedDB beside the draft, shrunk to 2560 px at most.
    const stored = await page.evaluate((key) => new Promise((resolve) => {
      const open = indexedDB.open('portalpress');
      open.onsuccess = () => {
        const get = open.result.transaction('media').objectStore('media').get(key);
        get.onsuccess = async () => {
          const v = get.result;
          if (!v) return resolve(null);
          const bmp = await createImageBitmap(v.blob);
          resolve({ type: v.blob.type, name: v.name, width: bmp.width, height: bmp.height });
        };
      };
    }), id);
    assert.deepEqual(stored, { type: 'image/webp', name: 'screenshot.png', width: 1600, height: 900 });

    await page.reload();
    await waitReady(page);
    assert.equal(REF.exec((await getArticle(page)).body)[2], id, 'the reference is still in the draft');
    // Pictures load lazily, when the preview is scrolled to them.
    assert.equal((await debugState(page)).pictures, 0);
    const preview = await itemCenter(page, 'preview');
    await page.mouse.move(preview.x, preview.y);
    for (let i = 0; i < 40 && (await debugState(page)).pictures === 0; i++) {
      await page.mouse.wheel(0, 200);
      await settle(page, 2);
    }
    await page.waitForFunction(() => window.pressEditor.debugState().pictures >= 1, null, { timeout: 15000 });
    // On screen whole, with its caption, for the screenshot.
    await page.mouse.wheel(0, 160);
    await settle(page, 4);
    await page.screenshot({ path: join(SHOTS, 'widget-picture-1360.png') });
    assert.deepEqual(page.errors, []);
    await ctx.close();
  });

  test('a dropped 12-megapixel photo is shrunk to 2560 px, a dropped PDF is an attachment; both publish after the server comes back', async () => {
    const { ctx, page } = await openAdmin(browser, server, { width: 1920, height: 1080 });
    const title = `图片发布${Date.now() % 100000}`;
    const stored = [];  // media uploads the server answered
    page.on('response', (r) => {
      if (r.url().endsWith('/api/v1/media') && r.status() < 300) stored.push(r.status());
    });
    await sampleDraft(page, title);
    await dropFile(page, await makePicture(page, { width: 4000, height: 3000, type: 'image/jpeg', name: 'IMG_2034.JPG' }));
    let body = await waitBody(page, REF, 20000);
    const m = REF.exec(body);
    assert.equal(m[3], 'jpg');
    await page.waitForFunction(() => window.pressEditor.itemRect('imageCaption') !== null);
    await page.keyboard.type('新生报到');
    await page.keyboard.press('Enter');
    await waitBody(page, /"新生报到"\)/);
    await clickItem(page, 'body');
    await page.keyboard.press('Control+End');
    const pdf = await page.evaluateHandle(() => {
      const text = '%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n';
      return new File([text], '报名表.pdf', { type: 'application/pdf' });
    });
    await dropFile(page, pdf);
    body = await waitBody(page, /\[报名表\.pdf\]\(media\/[0-9a-f]{64}\.pdf\)/);
    // A kind the server never takes is refused at once and the body is unchanged.
    const svg = await page.evaluateHandle(() => new File(['<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'], 'logo.svg', { type: 'image/svg+xml' }));
    await dropFile(page, svg);
    await page.waitForTimeout(300);
    assert.equal((await getArticle(page)).body, body);
    await page.evaluate(() => window.pressEditor.save());
    assert.equal((await debugState(page)).media, 2);

    await server.stop();
    const result = await page.evaluate(() => window.pressEditor.publish());
    assert.equal(result.queued, true, 'with the server down the article waits in the outbox');
    const published = nextEvent(page, 'published', 60000);
    await server.start();
    const event = await published;
    const html = await (await fetch(server.url + event.url)).text();
    assert.ok(html.includes(title));
    const img = /<img[^>]+src="(\/media\/([0-9a-f]{64})\.jpg)"[^>]*>/.exec(html);
    assert.ok(img, 'the published page has the picture');
    assert.match(img[0], /width="2560" height="1920"/);
    assert.match(img[0], /loading="lazy"/);
    assert.match(img[0], /alt="新生报到"/);
    assert.ok(html.includes('<figcaption>新生报到</figcaption>'));
    assert.ok(html.includes('附件') && html.includes('报名表.pdf'), 'the attachment is listed');
    const picture = await fetch(server.url + img[1]);
    assert.equal(picture.status, 200);
    assert.equal(picture.headers.get('content-type'), 'image/jpeg');
    assert.equal(picture.headers.get('x-content-type-options'), 'nosniff');
    // The draft still names its local copy; the server's ids went out with the article.
    const draft = await getArticle(page);
    assert.ok(REF.test(draft.body));
    // Each file reached the server once, and publishing again sends none of them.
    assert.equal(stored.length, 2);
    const again = nextEvent(page, 'published', 20000);
    await page.evaluate(() => window.pressEditor.publish());
    await again;
    assert.equal(stored.length, 2, 'a second publish sent a file again');

    const shot = await ctx.newPage();
    await shot.setViewportSize({ width: 1280, height: 1100 });
    await shot.goto(server.url + event.url);
    await shot.waitForFunction(() => [...document.images].every((i) => i.complete && i.naturalWidth > 0));
    await shot.evaluate(() => document.querySelector('figure').scrollIntoView({ block: 'center' }));
    await shot.screenshot({ path: join(SHOTS, 'published-picture.png') });
    assert.deepEqual(page.errors, []);
    await ctx.close();
  });
});
