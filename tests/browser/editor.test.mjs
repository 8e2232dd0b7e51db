// The editor as a news editor uses it, in headless chromium on the admin page: lists that
// continue and end, bold that toggles, the link and table dialogs (with a range pasted
// from a spreadsheet), find and replace, undo of each command, Chinese messages, and a
// layout where nothing overlaps at three window sizes and two pixel ratios.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import {
  ROOT, SAMPLE, startRig, stopRig, openAdmin, waitSettled, settle, clickItem, getArticle,
} from './harness.mjs';

let server;
let browser;

before(async () => ({ server, browser } = await startRig()));
after(() => stopRig({ server, browser }));

const body = async (page) => (await getArticle(page)).body;

async function waitBody(page, expected, timeout = 10000) {
  try {
    await page.waitForFunction((e) => window.pressEditor.getArticle()?.body === e, expected, { timeout, polling: 30 });
  } catch (err) {
    assert.equal(await body(page), expected);  // shows what the body is instead
    throw err;
  }
}

// A new empty draft with the caret in its body.
async function newDraft(options) {
  const { ctx, page } = await openAdmin(browser, server, options);
  await page.evaluate(() => window.pressEditor.load({ schema: 1, channel: ['新闻中心', '工贸要闻'], title: '编辑器测试',
    published_at: '2024-06-01T10:00:00+08:00', updated_at: `2024-06-01T10:00:0${Math.floor(Math.random() * 10)}+08:00`,
    editor: '测试', body: '' }));
  await clickItem(page, 'body');
  await settle(page);
  return { ctx, page };
}

// Types text the way the browser delivers it: keys for ASCII, an insertText for Chinese.
async function write(page, text) {
  await page.keyboard.insertText(text);
  await settle(page, 2);
}

describe('editing as in Word', () => {
  test('Enter continues a numbered list and ends it on an empty item; Tab indents', async () => {
    const { ctx, page } = await newDraft();
    await write(page, '1. 报名');
    await page.keyboard.press('Enter');
    await waitBody(page, '1. 报名\n2. ');
    await write(page, '初赛');
    await page.keyboard.press('Enter');
    await write(page, '决赛');
    await page.keyboard.press('Tab');
    await waitBody(page, '1. 报名\n2. 初赛\n   1. 决赛');
    await page.keyboard.press('Shift+Tab');
    await waitBody(page, '1. 报名\n2. 初赛\n3. 决赛');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');  // on the empty "4. ": the list ends
    await waitBody(page, '1. 报名\n2. 初赛\n3. 决赛\n');
    await write(page, '以上为赛程。');
    await waitBody(page, '1. 报名\n2. 初赛\n3. 决赛\n以上为赛程。');
    assert.deepEqual(page.errors, []);
    await ctx.close();
  });

  test('bold with nothing selected inserts a selected placeholder; toggles off; one undo each', async () => {
    const { ctx, page } = await newDraft();
    await write(page, '会议强调');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+B');
    await waitBody(page, '会议强调\n**粗体文字**');
    await write(page, '立德树人');  // replaces the selected placeholder
    await waitBody(page, '会议强调\n**立德树人**');
    // Select the bold word and toggle it off from the toolbar.
    for (let i = 0; i < 4; i++) await page.keyboard.press('Shift+ArrowLeft');
    await clickItem(page, 'toolBold');
    await waitBody(page, '会议强调\n立德树人');
    await page.keyboard.press('Control+Z');  // the toggle was one step
    await waitBody(page, '会议强调\n**立德树人**');
    assert.deepEqual(page.errors, []);
    await ctx.close();
  });

  test('Ctrl+K: the link dialog takes the address from the clipboard; Ctrl+K inside edits it', async () => {
    const { ctx, page } = await newDraft();
    await write(page, '详见学校官网');
    // An address copied elsewhere; the editor reads the clipboard when it gains focus.
    await page.evaluate(() => navigator.clipboard.writeText('https://www.zjitc.edu.cn/'));
    await page.locator('#search').focus();
    await clickItem(page, 'body');
    // The read on focus is asynchronous: the dialog can prefill only what has arrived.
    await page.waitForFunction(() => window.pressEditor.debugState().clipboardBytes > 0);
    await page.keyboard.press('End');
    for (let i = 0; i < 4; i++) await page.keyboard.press('Shift+ArrowLeft');
    await page.keyboard.press('Control+K');
    await waitSettled(page, 'linkUrl');
    await page.keyboard.press('Enter');
    await waitBody(page, '详见[学校官网](https://www.zjitc.edu.cn/)');
    // Inside the link: the dialog edits it, and removing it keeps the text.
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Control+K');
    await waitSettled(page, 'linkRemove');
    await clickItem(page, 'linkRemove');
    await waitBody(page, '详见学校官网');
    await page.keyboard.press('Control+Z');
    await waitBody(page, '详见[学校官网](https://www.zjitc.edu.cn/)');
    // A dangerous address is refused: the dialog stays and the body is unchanged.
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+K');
    await waitSettled(page, 'linkUrl');
    await clickItem(page, 'linkUrl');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('javascript:alert(1)');
    await page.keyboard.press('Enter');
    await settle(page, 4);
    assert.ok(await page.evaluate(() => window.pressEditor.itemRect('linkUrl') !== null), 'the dialog closed');
    assert.equal(await body(page), '详见[学校官网](https://www.zjitc.edu.cn/)\n');
    await page.keyboard.press('Escape');
    assert.deepEqual(page.errors, []);
    await ctx.close();
  });

  test('Ctrl+T: a table typed in a grid with a range pasted from Excel; empty rows are a warning', async () => {
    const { ctx, page } = await newDraft();
    await write(page, '获奖名单如下。');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+T');
    await waitSettled(page, 'tableGrid');
    // The first cell has the keyboard; Excel's copy is tab-separated rows with CRLF.
    await page.evaluate(() => navigator.clipboard.writeText('姓名\t学院\t奖项\r\n张三\t信息工程学院\t一等奖\r\n李四\t经济管理学院\t二等奖\r\n'));
    await page.keyboard.press('Control+V');
    await settle(page, 4);
    await clickItem(page, 'tableAddRow');
    await clickItem(page, 'dialogPrimary');
    await waitBody(page, '获奖名单如下。\n\n| 姓名 | 学院 | 奖项 |\n| --- | --- | --- |\n| 张三 | 信息工程学院 | 一等奖 |\n'
      + '| 李四 | 经济管理学院 | 二等奖 |\n| | | |\n');
    // Undo takes the whole table back in one step.
    await page.keyboard.press('Control+Z');
    await waitBody(page, '获奖名单如下。\n');
    assert.deepEqual(page.errors, []);
    await ctx.close();
  });

  test('find counts full-width and half-width forms alike; replace all is one undo step', async () => {
    const { ctx, page } = await newDraft();
    await write(page, '工贸学院（ＡＩ学院）与AI研究院合作，ai 课程。');
    await page.keyboard.press('Control+F');
    await waitSettled(page, 'findField');
    await page.keyboard.type('ai');
    await settle(page, 3);
    const count = await page.evaluate(() => window.pressEditor.itemRect('findCount'));
    assert.ok(count, 'no match count shown');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+H');
    await waitSettled(page, 'replaceField');
    await clickItem(page, 'findField');
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText('工贸');
    await clickItem(page, 'replaceField');
    await page.keyboard.insertText('浙江工贸');
    await clickItem(page, 'replaceAll');
    await waitBody(page, '浙江工贸学院（ＡＩ学院）与AI研究院合作，ai 课程。');
    await page.keyboard.press('Escape');
    await clickItem(page, 'body');
    await page.keyboard.press('Control+Z');
    await waitBody(page, '工贸学院（ＡＩ学院）与AI研究院合作，ai 课程。');
    assert.deepEqual(page.errors, []);
    await ctx.close();
  });
});

describe('layout', () => {
  // Parts that sit side by side; none may overlap another or leave the widget.
  const SIDE_BY_SIDE = ['drafts', 'new', 'duplicate', 'import', 'export', 'save', 'browser', 'toolbarMore', 'settings',
    'publish', 'sidebar', 'title', 'channel', 'time', 'now', 'author', 'source', 'link', 'editor', 'body', 'splitter',
    'preview', 'guardPanel', 'statusBar', 'charCount', 'toolHeading', 'toolBold', 'toolItalic', 'toolLink', 'toolList',
    'toolOrdered', 'toolQuote', 'toolTable', 'formatMore'];
  const ALWAYS = ['title', 'author', 'source', 'link', 'editor', 'body', 'preview', 'publish', 'save', 'charCount', 'toolBold'];
  const overlap = (a, b) => a.x < b.x + b.w - 0.5 && b.x < a.x + a.w - 0.5 && a.y < b.y + b.h - 0.5 && b.y < a.y + a.h - 0.5;

  for (const [width, height] of [[1024, 768], [1920, 1080], [2560, 1440]]) {
    for (const dpr of [1, 2]) {
      test(`${width}×${height} at device pixel ratio ${dpr}: nothing overlaps or is cut off`, async () => {
        const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: dpr, locale: 'zh-CN' });
        const { page } = await openAdmin(browser, server, { context });
        // The sample with the formatting an editor uses: a subheading, bold, a numbered list.
        const styled = '## 联合体的组成\n\n**温州湾新区产教联合体**由以下单位共同发起：\n\n1. 温州湾新区管委会\n'
          + '2. 浙江工贸职业技术学院\n3. 温州理工学院\n\n';
        await page.evaluate((a) => window.pressEditor.load(a), { ...SAMPLE, body: styled + SAMPLE.body });
        await waitSettled(page, 'charCount');
        await settle(page, 4);
        const { rects, box } = await page.evaluate(() => {
          const b = window.pressEditor.element.getBoundingClientRect();
          return { rects: window.pressEditor.itemRects(), box: { w: b.width, h: b.height } };
        });
        for (const name of ALWAYS) assert.ok(rects[name], `${name} is not on screen`);
        const seen = [];
        for (const name of SIDE_BY_SIDE) {
          const r = rects[name];
          if (!r) continue;
          assert.ok(r.x >= -0.5 && r.y >= -0.5 && r.x + r.w <= box.w + 0.5 && r.y + r.h <= box.h + 0.5,
            `${name} ${JSON.stringify(r)} leaves the widget ${JSON.stringify(box)}`);
          for (const other of seen)
            assert.ok(!overlap(r, rects[other]), `${name} ${JSON.stringify(r)} overlaps ${other} ${JSON.stringify(rects[other])}`);
          seen.push(name);
        }
        assert.ok(rects.body.h >= box.h / 3, `the body is ${rects.body.h} px tall in ${box.h}`);
        // The canvas is crisp: its backing store follows the device pixels.
        const canvas = await page.evaluate(() => {
          const c = document.querySelector('.press-widget canvas');
          return { w: c.width, cw: c.clientWidth };
        });
        assert.equal(canvas.w, Math.round(canvas.cw * dpr));
        if (dpr === 1 && (width === 1024 || width === 1920)) {
          // PRESS_SCREENSHOT=1 refreshes the README's pictures; otherwise they go to a temp folder.
          const dir = process.env.PRESS_SCREENSHOT ? join(ROOT, 'docs') : join(tmpdir(), 'press-shots');
          mkdirSync(dir, { recursive: true });
          await page.screenshot({ path: join(dir, `editor-${width}x${height}.png`) });
        }
        assert.deepEqual(page.errors, []);
        await context.close();
      });
    }
  }
});
