// The example admin page: lists the server's articles (GET /api/v1/articles), filters
// them with its own search box, and edits them in the PortalPress widget. The token comes
// from ?token=… or the field in the bar (kept in this browser's sessionStorage).
import { mount } from '/widget/press.js';

const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(location.search);
const tokenField = $('token');
tokenField.value = params.get('token') || sessionStorage.getItem('press-token') || '';
const server = location.origin;
let articles = [];

function log(text, error) {
  const li = document.createElement('li');
  li.textContent = `${new Date().toLocaleTimeString('zh-CN', { hour12: false })} ${text}`;
  if (error) li.className = 'error';
  $('log').prepend(li);
}

async function api(path, options = {}) {
  const reply = await fetch(server + path, {
    ...options,
    headers: { Authorization: `Bearer ${tokenField.value.trim()}`, ...(options.headers || {}) },
  });
  const body = await reply.json().catch(() => ({}));
  if (!reply.ok) throw Object.assign(new Error(body.message || `HTTP ${reply.status}`), { status: reply.status });
  return body;
}

function renderList() {
  const q = $('search').value.trim().toLowerCase();
  const status = document.querySelector('input[name=status]:checked').value;
  const ul = $('articles');
  ul.replaceChildren();
  const shown = articles.filter((a) => (!q || a.title.toLowerCase().includes(q)) && (status === 'all' || a.status === status));
  for (const a of shown) {
    const li = document.createElement('li');
    li.tabIndex = 0;
    li.dataset.id = a.id;
    li.append(a.title || '（无标题）');
    const small = document.createElement('small');
    small.textContent = `${a.status === 'published' ? '已发布' : '草稿'} · ${a.updated_at.slice(0, 16).replace('T', ' ')}`;
    li.append(small);
    li.addEventListener('click', () => openArticle(a.id, a.title));
    li.addEventListener('keydown', (e) => { if (e.key === 'Enter') openArticle(a.id, a.title); });
    ul.append(li);
  }
  $('list-note').textContent = `${shown.length} / ${articles.length} 篇`;
}

async function refresh() {
  try {
    const page = await api('/api/v1/articles?per_page=100&status=all');
    articles = page.articles;
    $('server-state').textContent = '服务器在线';
    renderList();
  } catch (err) {
    $('server-state').textContent = err.status === 401 ? '令牌无效' : '服务器无法连接';
  }
}

let editor;
// Fetching and opening are told apart: a failed fetch is the server's, a refused load the
// widget's (its message is already in the user's language).
async function openArticle(id, title) {
  const name = title ? `《${title}》` : `文章 ${id}`;
  let article;
  try {
    article = await api(`/api/v1/articles/${id}`);
  } catch (err) {
    log(`无法从服务器读取${name}：${err.status === 401 ? '令牌无效' : err.status ? `服务器错误 ${err.status}` : '服务器无法连接'}`, true);
    return;
  }
  try {
    await editor.load(article);
    log(`已打开${name}`);
  } catch (err) {
    log(`无法打开${name}：${err.message}`, true);
  }
}

$('search').addEventListener('input', renderList);
for (const r of document.querySelectorAll('input[name=status]')) r.addEventListener('change', renderList);
tokenField.addEventListener('change', () => { sessionStorage.setItem('press-token', tokenField.value.trim()); location.reload(); });

editor = await mount($('editor'), { server, token: tokenField.value.trim(), locale: params.get('locale') || 'zh' });
window.pressEditor = editor;  // for the browser tests and the console
// Autosave happens every few seconds: the log notes only the first save of each draft.
const savedDrafts = new Set();
editor.on('saved', (d) => {
  if (savedDrafts.has(d.draftId)) return;
  savedDrafts.add(d.draftId);
  log('草稿已保存在本浏览器中');
});
editor.on('published', (d) => { log(`已发布：${d.url}`); refresh(); });
editor.on('queued', (d) => log(`服务器暂时无法连接，文章已排队，恢复后自动发布（${d.message}）`, true));
editor.on('error', (d) => log(d.message, true));
// The article list is fetched once the editor shows its first frame (or after two seconds
// if it does not), so that the request and the list's layout do not compete with the
// editor's start-up on the main thread.
Promise.race([editor.ready, new Promise((resolve) => setTimeout(resolve, 2000))]).then(() => {
  refresh();
  setInterval(refresh, 30000);
});
