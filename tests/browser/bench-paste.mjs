// The measuring half of scripts/bench-paste.sh: HTML -> Markdown on a ~1 MB Word document,
// `press import-html` beside turndown (the converter most web apps use) under node.
//
//   node bench-paste.mjs                  # what bench-paste.sh runs
//   RUNS=9 PRESS_BIN=../../build/mine/press node bench-paste.mjs
//   node bench-paste.mjs --turndown FILE  # internal: times turndown in this process, prints JSON
//
// The file: tests/corpus/paste/word.html (Word 2016's clipboard HTML) with its head and
// styles once and its body repeated until the file is at least 1,000,000 bytes.
//   turndown: `new TurndownService().turndown(html)` from the string (its own parse with
//     domino included), one warm-up, then RUNS runs in one node process (the JIT warm, as in
//     a page that has converted before); the process start is not counted.
//   press: the whole `press import-html FILE -o OUT.json` command (start, read, parse,
//     convert, write), with hyperfine when it is installed, else spawned from here; and
//     `press import-html FILE --bench RUNS`: gumbo's parse + the conversion in one process,
//     RUNS times after a warm-up, the file already read (turndown's measure: its own
//     parse from the string included, the process start not).
// Both again on one core (taskset -c 0). Figures are median and min; the ratios are
// turndown's over press's (> 1: press is faster), for the whole command and in-process. Budget (paste issue): ratio >= 1. This prints
// figures and never asserts a time; it is in no test run.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const SELF = fileURLToPath(import.meta.url);
const ROOT = resolve(dirname(SELF), '../..');
const RUNS = Math.max(5, Number(process.env.RUNS || 7));
const PRESS = process.env.PRESS_BIN ? resolve(process.env.PRESS_BIN) : join(ROOT, 'build/native/press');
const TARGET_BYTES = 1_000_000;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const ms = (x) => `${x.toFixed(1)} ms`;

// --- internal mode: turndown in this process ---------------------------------------------
if (process.argv[2] === '--turndown') {
  const { default: TurndownService } = await import('turndown');
  const html = readFileSync(process.argv[3], 'utf8');
  const runs = Number(process.argv[4] || RUNS);
  let markdown = new TurndownService().turndown(html);  // warm-up
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    markdown = new TurndownService().turndown(html);
    times.push(performance.now() - t0);
  }
  process.stdout.write(JSON.stringify({ times, markdownChars: markdown.length }));
  process.exit(0);
}

// --- the ~1 MB Word document ---------------------------------------------------------------
function makeWordDocument(path) {
  const source = readFileSync(join(ROOT, 'tests/corpus/paste/word.html'), 'utf8');
  const start = source.indexOf('<!--StartFragment-->');
  const end = source.indexOf('<!--EndFragment-->');
  if (start < 0 || end < 0) throw new Error('word.html has no StartFragment/EndFragment markers');
  const head = source.slice(0, start + '<!--StartFragment-->'.length);
  const body = source.slice(start + '<!--StartFragment-->'.length, end);
  const tail = source.slice(end);
  const parts = [head];
  let bytes = Buffer.byteLength(head) + Buffer.byteLength(tail);
  const bodyBytes = Buffer.byteLength(body);
  let copies = 0;
  while (bytes < TARGET_BYTES) { parts.push(body); bytes += bodyBytes; copies++; }
  parts.push(tail);
  writeFileSync(path, parts.join(''));
  return copies;
}

// --- turndown ------------------------------------------------------------------------------
function timeTurndown(file, oneCore) {
  const cmd = oneCore ? ['taskset', '-c', '0', process.execPath] : [process.execPath];
  const r = spawnSync(cmd[0], [...cmd.slice(1), SELF, '--turndown', file, String(RUNS)],
    { cwd: dirname(SELF), encoding: 'utf8', maxBuffer: 1 << 20 });
  if (r.status !== 0) throw new Error(`turndown run failed (${r.status}): ${r.stderr || r.error}`);
  return JSON.parse(r.stdout);
}

// --- press import-html ---------------------------------------------------------------------
// null when the command is there, else why not (missing binary, unknown command).
function pressProblem(file, out) {
  if (!existsSync(PRESS)) return `no press binary at ${PRESS} (build it, or set PRESS_BIN)`;
  const r = spawnSync(PRESS, ['import-html', file, '-o', out], { encoding: 'utf8' });
  const said = `${r.stderr || ''}${r.stdout || ''}`.trim();
  if (/unknown command/i.test(said)) return `${PRESS} has no import-html command yet ("${said.split('\n')[0]}")`;
  // 0, or 1 when the guard found something in the article (press's exit codes); an article
  // must have been written either way.
  if ((r.status !== 0 && r.status !== 1) || !existsSync(out)) {
    return `press import-html failed (exit ${r.status}): ${said.split('\n').slice(0, 5).join(' / ')}`;
  }
  return null;
}

function hasHyperfine() {
  if (process.env.PRESS_BENCH_NO_HYPERFINE) return false;
  return spawnSync('hyperfine', ['--version'], { encoding: 'utf8' }).status === 0;
}

function timePress(file, out, oneCore, work) {
  const argv = [...(oneCore ? ['taskset', '-c', '0'] : []), PRESS, 'import-html', file, '-o', out];
  if (hasHyperfine()) {
    const json = join(work, `hyperfine-${oneCore ? 1 : 'all'}.json`);
    const quoted = argv.map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(' ');
    const r = spawnSync('hyperfine', ['--shell=none', '--warmup', '1', '--runs', String(RUNS), '-i',
      '--style', 'none', '--export-json', json, quoted], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`hyperfine failed: ${r.stderr}`);
    const times = JSON.parse(readFileSync(json, 'utf8')).results[0].times.map((t) => t * 1000);
    return { times, how: 'hyperfine' };
  }
  const once = () => {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(argv[0], argv.slice(1), { stdio: 'ignore' });
    const dt = Number(process.hrtime.bigint() - t0) / 1e6;
    if (r.status !== 0 && r.status !== 1) throw new Error(`press import-html failed (exit ${r.status})`);
    return dt;
  };
  once();  // warm-up: page cache, dynamic loader
  const times = [];
  for (let i = 0; i < RUNS; i++) times.push(once());
  return { times, how: 'child_process' };
}

// parse + convert in the press process: `press import-html FILE --bench RUNS` prints
// {"times": [ms...], "markdownChars": n}.
function timePressInProcess(file, oneCore) {
  const argv = [...(oneCore ? ['taskset', '-c', '0'] : []), PRESS, 'import-html', file, '--bench', String(RUNS)];
  const r = spawnSync(argv[0], argv.slice(1), { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (r.status !== 0) return null;  // a press from before --bench
  try { return JSON.parse(r.stdout); } catch { return null; }
}

function markdownChars(out) {
  try {
    const body = JSON.parse(readFileSync(out, 'utf8')).body;
    return typeof body === 'string' ? body.length : null;
  } catch { return null; }
}

// --- TODO: the browser half -------------------------------------------------------------------
// TODO(paste bench, browser half): the time from a paste event of a ~20 KB article (rich
// clipboard HTML, e.g. a few bodies of word.html or news-page.html) in headless chromium to
// the editor's body showing it. Not written yet; the plan: a PressServer and launchBrowser()
// from harness.mjs, waitReady(page), then in page.evaluate: a DataTransfer with text/html
// (and text/plain) set, a ClipboardEvent('paste', { clipboardData, bubbles: true }) sent to
// the element the widget listens on, and performance.now() until
// window.pressEditor.getArticle().body has the text (plus the frame it shows in, through
// debugState().lastFrameMs as bench-media.mjs does). Print median/max over RUNS.
async function benchPasteInBrowser() {
  console.log('browser half (paste event -> body shows it, 20 KB article): TODO, not written yet');
}

// --- main --------------------------------------------------------------------------------------
const work = mkdtempSync(join(tmpdir(), 'press-bench-paste-'));
try {
  const file = join(work, 'word-1mb.html');
  const out = join(work, 'article.json');
  const copies = makeWordDocument(file);
  const size = statSync(file).size;
  console.log(`input: ${file.split('/').pop()}, ${size.toLocaleString('en')} bytes ` +
    `(word.html's head once, its body ${copies} times); ${RUNS} runs each after a warm-up`);

  const problem = pressProblem(file, out);
  if (problem) console.log(`press: NOT TIMED: ${problem}`);
  const pressMarkdown = problem ? null : markdownChars(out);

  const oneCore = spawnSync('taskset', ['-c', '0', 'true']).status === 0;
  const modes = oneCore ? [false, true] : [false];
  if (!oneCore) console.log('(taskset is missing: no one-core figures)');
  for (const single of modes) {
    console.log(single ? '== one core (taskset -c 0)' : '== all cores');
    const td = timeTurndown(file, single);
    const tdMed = median(td.times), tdMin = Math.min(...td.times);
    console.log(`  turndown ${JSON.parse(readFileSync(join(dirname(SELF), 'node_modules/turndown/package.json'), 'utf8')).version}` +
      ` (node ${process.versions.node}): median ${ms(tdMed)}, min ${ms(tdMin)}  ` +
      `(${td.markdownChars.toLocaleString('en')} chars of Markdown)`);
    if (problem) { console.log('  press import-html: not timed (see above)'); continue; }
    const pr = timePress(file, out, single, work);
    const prMed = median(pr.times), prMin = Math.min(...pr.times);
    console.log(`  press import-html (whole command, ${pr.how}): median ${ms(prMed)}, min ${ms(prMin)}` +
      (pressMarkdown === null ? '' : `  (${pressMarkdown.toLocaleString('en')} chars of Markdown in the body)`));
    console.log(`  ratio (turndown time / press time, > 1: press is faster): median ${(tdMed / prMed).toFixed(2)}, ` +
      `min ${(tdMin / prMin).toFixed(2)}  (budget >= 1)`);
    const ip = timePressInProcess(file, single);
    if (!ip) { console.log('  press parse + convert in-process: not timed (this press has no --bench)'); continue; }
    const ipMed = median(ip.times), ipMin = Math.min(...ip.times);
    console.log(`  press parse + convert in-process (gumbo + html_to_markdown, --bench): median ${ms(ipMed)}, ` +
      `min ${ms(ipMin)}  (${ip.markdownChars.toLocaleString('en')} code points of Markdown)`);
    console.log(`  ratio in-process (turndown / press parse + convert): median ${(tdMed / ipMed).toFixed(2)}, ` +
      `min ${(tdMin / ipMin).toFixed(2)}  (budget >= 1)`);
  }
  await benchPasteInBrowser();
} finally {
  rmSync(work, { recursive: true, force: true });
}
