// PortalPress web widget: mount(element, options) (documented in README.md beside this file).
import createPressWidget from './press_widget.mjs';

const INPUT_STYLE = [
  'position:absolute', 'left:0', 'top:0', 'width:1px', 'height:16px', 'margin:0', 'padding:0 2px',
  'border:0', 'outline:none', 'resize:none', 'overflow:hidden', 'white-space:pre', 'opacity:0',
  'z-index:-1', 'background:#fffbe6', 'color:#111', 'box-shadow:0 1px 4px rgba(0,0,0,.25)',
  'font-family:"Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif', 'font-size:14px',
].join(';');

let mounted = 0;

export async function mount(element, options = {}) {
  if (!(element instanceof Element)) throw new TypeError('mount(element, options): element must be a DOM element');
  const events = new EventTarget();
  const emit = (name, detail) => events.dispatchEvent(new CustomEvent(name, { detail }));
  let resolveReady;
  const ready = new Promise((resolve) => { resolveReady = resolve; });
  events.addEventListener('ready', (e) => resolveReady(e.detail), { once: true });

  const n = ++mounted;
  const root = document.createElement('div');
  root.className = 'press-widget';
  root.style.cssText = 'position:relative;width:100%;height:100%;min-height:200px;overflow:hidden;';
  const canvas = document.createElement('canvas');
  canvas.id = `press-widget-${n}-canvas`;
  canvas.style.cssText = 'display:block;width:100%;height:100%;touch-action:none;outline:none;';
  const input = document.createElement('textarea');
  input.id = `press-widget-${n}-input`;
  input.setAttribute('aria-label', options.locale === 'en' ? 'Article editor' : '文章编辑器');
  for (const [k, v] of [['autocomplete', 'off'], ['autocorrect', 'off'], ['autocapitalize', 'off'], ['spellcheck', 'false']])
    input.setAttribute(k, v);
  input.style.cssText = INPUT_STYLE;
  root.append(canvas, input);
  element.append(root);

  let site = options.site ?? '';
  if (typeof site === 'string' && site && !site.trim().startsWith('{')) {
    const reply = await fetch(site);
    if (!reply.ok) throw new Error(`site profile ${site}: HTTP ${reply.status}`);
    site = await reply.text();
  }
  const config = {
    server: options.server ?? (location.protocol.startsWith('http') ? location.origin : ''),
    token: options.token ?? '',
    site,
    locale: options.locale ?? '',
    draftId: options.draftId ?? '',
  };

  let module;
  try {
    module = await createPressWidget({ pressHost: { root, canvas, input, config, emit } });
  } catch (err) {
    root.remove();
    throw err;
  }
  const api = module.pressApi;
  let gone = false;
  const alive = () => { if (gone) throw new Error('the widget was unmounted'); };

  return {
    element: root,
    ready,
    getArticle() { alive(); return api.getArticle(); },
    load(article) { alive(); return api.call('load', typeof article === 'string' ? article : JSON.stringify(article)); },
    save() { alive(); return api.call('save'); },
    // Where a part of the editor is on its canvas ({x, y, w, h} in CSS pixels, or null):
    // 'title', 'author', 'source', 'editor', 'link', 'body', 'preview', 'save', 'publish'…
    itemRect(name) { alive(); return api.item(name); },
    // Every part drawn in the last frame, {name: {x, y, w, h}} (for layout checks).
    itemRects() { alive(); return api.item('*'); },
    // Internal figures (glyphs pending, queued publishes, last frame time), for tests.
    debugState() { alive(); return api.debug(); },
    publish() { alive(); return api.call('publish'); },
    async unmount() {
      if (gone) return;
      await api.call('unmount');
      gone = true;
      root.remove();
    },
    on(name, fn) {
      const listener = (e) => fn(e.detail);
      events.addEventListener(name, listener);
      return () => events.removeEventListener(name, listener);
    },
    addEventListener: events.addEventListener.bind(events),
    removeEventListener: events.removeEventListener.bind(events),
  };
}

export default { mount };
