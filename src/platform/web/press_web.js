// JavaScript side of the web platform (Emscripten --js-library). Everything the browser
// does for the widget lives here: the hidden textarea for keyboard text and input methods,
// pointer and wheel input on the instance's own canvas, glyph rasterization with Canvas
// 2D, XHR uploads, clipboard, file picker. Storage (IndexedDB, localStorage as fallback) is
// the second library, press_storage.js.
//
// One module instance serves one mounted widget: Module.pressHost holds its elements and
// configuration (see web/widget/press.js). Nothing here listens on window or document for
// keys, so keys typed into the page's own fields never reach the widget.
//
// C entry points called from here are EMSCRIPTEN_KEEPALIVE functions in main.cpp.

var LibraryPressWeb = {
  $PressWeb__deps: ['$specialHTMLTargets', '$PressPaste'],
  $PressWeb: {
    host: null,
    removers: [],        // undo every listener at unmount
    composing: false,
    releaseTab: false,   // after Escape, the next Tab leaves the widget
    cursor: '',
    gone: false,         // unmounted: late replies are dropped

    listen: function(target, type, fn, options) {
      target.addEventListener(type, fn, options);
      PressWeb.removers.push(function() { target.removeEventListener(type, fn, options); });
    },

    // Copies a JS string into a fresh malloc'd UTF-8 buffer; the caller frees it.
    alloc: function(text) {
      var size = lengthBytesUTF8(text) + 1;
      var ptr = _malloc(size);
      stringToUTF8(text, ptr, size);
      return ptr;
    },

    // Calls f(ptrs...) with temporary UTF-8 copies of the given strings, then frees them.
    withStrings: function(strings, f) {
      var ptrs = strings.map(function(s) { return PressWeb.alloc(s == null ? '' : String(s)); });
      try { return f.apply(null, ptrs); } finally { ptrs.forEach(function(p) { _free(p); }); }
    },

    pointerPos: function(e) {
      var r = PressWeb.host['canvas'].getBoundingClientRect();
      return [e.clientX - r.left, e.clientY - r.top];
    },

    sendText: function(text) {
      if (!text || PressWeb.gone) return;
      PressWeb.withStrings([text], function(p) { _press_on_text(p); });
    },

    // The textarea shows the composition (pre-edit) text next to the caret while an input
    // method composes; it is invisible otherwise.
    showPreedit: function(on) {
      var ta = PressWeb.host['input'];
      ta.style.opacity = on ? '1' : '0';
      ta.style.zIndex = on ? '2' : '-1';
      if (!on) ta.style.width = '1px';
    },

    resizePreedit: function() {
      var ta = PressWeb.host['input'];
      var chars = 0;
      for (var i = 0; i < ta.value.length; i++) chars += ta.value.charCodeAt(i) > 0x2e7f ? 2 : 1;
      ta.style.width = Math.max(1, chars / 2 + 1) + 'em';
    },

    install: function() {
      var host = PressWeb.host, canvas = host['canvas'], ta = host['input'];
      specialHTMLTargets['!press-canvas'] = canvas;
      specialHTMLTargets['!press-input'] = ta;
      var L = PressWeb.listen;

      // ---- Text: typing, input methods, paste -------------------------------------------
      L(ta, 'compositionstart', function() {
        PressWeb.composing = true;
        PressWeb.showPreedit(true);
        _press_on_wake();
      });
      L(ta, 'compositionupdate', function() { PressWeb.resizePreedit(); });
      L(ta, 'compositionend', function(e) {
        PressWeb.composing = false;
        PressWeb.showPreedit(false);
        PressWeb.sendText(e.data);
        ta.value = '';
      });
      L(ta, 'input', function(e) {
        if (PressWeb.composing || e['isComposing']) { PressWeb.resizePreedit(); return; }
        var type = e['inputType'] || 'insertText';
        // Composition results arrive through compositionend; paste through the paste event.
        if ((type === 'insertText' || type === 'insertReplacementText') && (e.data || ta.value))
          PressWeb.sendText(e.data != null ? e.data : ta.value);
        ta.value = '';
      });
      // Ctrl+Shift+V asks for plain text: press_paste.js hears which it was.
      L(ta, 'keydown', PressPaste.key);
      L(ta, 'paste', function(e) {
        e.preventDefault();
        var cd = e['clipboardData'];
        var text = cd ? cd.getData('text/plain') : '';
        // HTML (Word, WPS, a web page) goes in as Markdown; files (a screenshot, a copied
        // picture) as pictures; anything else as text.
        if (cd && PressPaste.paste(cd, text)) return;
        if (cd && PressMedia.take(cd.files)) return;
        PressWeb.withStrings([text], function(p) { _press_on_paste(p); });
      });
      // Files dropped anywhere on the widget become pictures or attachments at the caret.
      var drop = function(e) {
        e.preventDefault();
        if (e['dataTransfer']) PressMedia.take(e['dataTransfer'].files);
      };
      L(ta, 'drop', drop);
      L(canvas, 'drop', drop);
      L(canvas, 'dragover', function(e) { e.preventDefault(); });
      // What the clipboard holds when the editor gains focus (an address copied in another
      // tab, for the link dialog), read only where the page already has the permission:
      // never a prompt.
      L(ta, 'focus', function() {
        if (!navigator.permissions || !navigator.clipboard || !navigator.clipboard['readText']) return;
        navigator.permissions.query({ name: 'clipboard-read' }).then(function(p) {
          if (p.state !== 'granted') return;
          return navigator.clipboard['readText']().then(function(text) {
            if (PressWeb.host && text) PressWeb.withStrings([text], function(q) { _press_on_clipboard(q); });
          });
        }).catch(function() {});
      });

      // ---- Pointer on the canvas only --------------------------------------------------------
      L(canvas, 'pointerdown', function(e) {
        e.preventDefault();  // keeps focus where we put it and stops page text selection
        if (document.activeElement !== ta) ta.focus({ 'preventScroll': true });
        try { canvas['setPointerCapture'](e['pointerId']); } catch (err) {}
        var p = PressWeb.pointerPos(e);
        _press_on_pointer(1, p[0], p[1], e.button, e['pointerType'] === 'touch' ? 1 : 0);
      });
      L(canvas, 'pointermove', function(e) {
        var p = PressWeb.pointerPos(e);
        _press_on_pointer(0, p[0], p[1], 0, e['pointerType'] === 'touch' ? 1 : 0);
      });
      L(canvas, 'pointerup', function(e) {
        var p = PressWeb.pointerPos(e);
        _press_on_pointer(2, p[0], p[1], e.button, e['pointerType'] === 'touch' ? 1 : 0);
      });
      L(canvas, 'pointercancel', function(e) {
        var p = PressWeb.pointerPos(e);
        _press_on_pointer(2, p[0], p[1], 0, 0);
      });
      L(canvas, 'pointerleave', function(e) {
        if (!canvas['hasPointerCapture'] || !canvas['hasPointerCapture'](e['pointerId'])) _press_on_pointer(3, 0, 0, 0, 0);
      });
      L(canvas, 'wheel', function(e) {
        e.preventDefault();
        var unit = e['deltaMode'] === 1 ? 1 / 3 : e['deltaMode'] === 2 ? 3 : 1 / 100;
        _press_on_wheel(-e.deltaX * unit, -e.deltaY * unit);
      }, { passive: false });
      L(canvas, 'contextmenu', function(e) { e.preventDefault(); });

      // ---- Size, visibility, leaving the page -------------------------------------------------
      if (typeof ResizeObserver != 'undefined') {
        var ro = new ResizeObserver(function() { _press_on_wake(); });
        ro.observe(host['root']);
        PressWeb.removers.push(function() { ro.disconnect(); });
      }
      var hide = function() { if (!PressWeb.gone) { PressStore.hiding = true; try { _press_on_hide(); } finally { PressStore.hiding = false; } } };
      L(document, 'visibilitychange', function() { if (document['visibilityState'] === 'hidden') hide(); else _press_on_wake(); });
      L(window, 'pagehide', hide);
      L(window, 'online', function() { _press_on_online(); });
    },
  },

  press_js_init__deps: ['$PressWeb', '$PressStore'],
  press_js_init: function() {
    PressWeb.host = Module['pressHost'];
    PressWeb.install();
  },

  // The frame loop: one requestAnimationFrame callback per display frame, each asking the
  // widget whether it has anything to draw (Emscripten's main-loop machinery is not needed).
  // The first frame is tried as soon as main() and the storage replies it started are done
  // (usually within its own task: press_pre.js read the database beforehand), not a display
  // frame later.
  press_js_start_loop__deps: ['$PressWeb'],
  press_js_start_loop: function() {
    var step = function() {
      if (PressWeb.gone) return;
      _press_frame();
      requestAnimationFrame(step);
    };
    setTimeout(function() { if (!PressWeb.gone) _press_frame(); }, 0);
    requestAnimationFrame(step);
  },

  press_js_shutdown__deps: ['$PressWeb'],
  press_js_shutdown: function() {
    PressWeb.gone = true;
    PressWeb.removers.forEach(function(r) { r(); });
    PressWeb.removers = [];
  },

  // Configuration of this instance as JSON (malloc'd; the caller frees it).
  press_js_config__deps: ['$PressWeb'],
  press_js_config: function() {
    var c = PressWeb.host['config'] || {};
    return PressWeb.alloc(JSON.stringify(c));
  },

  // CSS size of the canvas and the device pixel ratio: out[0..2].
  press_js_canvas_metrics__deps: ['$PressWeb'],
  press_js_canvas_metrics: function(out) {
    var c = PressWeb.host['canvas'];
    HEAPF32[(out >> 2)] = c.clientWidth;
    HEAPF32[(out >> 2) + 1] = c.clientHeight;
    HEAPF32[(out >> 2) + 2] = window.devicePixelRatio || 1;
  },

  press_js_set_canvas_size__deps: ['$PressWeb'],
  press_js_set_canvas_size: function(w, h) {
    var c = PressWeb.host['canvas'];
    if (c.width !== w) c.width = w;
    if (c.height !== h) c.height = h;
  },

  press_js_has_focus__deps: ['$PressWeb'],
  press_js_has_focus: function() { return document.activeElement === PressWeb.host['input'] ? 1 : 0; },

  press_js_focus_input__deps: ['$PressWeb'],
  press_js_focus_input: function() { PressWeb.host['input'].focus({ 'preventScroll': true }); },

  press_js_composing__deps: ['$PressWeb'],
  press_js_composing: function() { return PressWeb.composing ? 1 : 0; },

  press_js_release_tab__deps: ['$PressWeb'],
  press_js_release_tab: function(on) {
    var was = PressWeb.releaseTab;
    if (on >= 0) PressWeb.releaseTab = !!on;
    return was ? 1 : 0;
  },

  // Moves the hidden textarea to the caret (CSS pixels inside the canvas) so the input
  // method's candidate window opens next to it; h is the line height.
  press_js_ime__deps: ['$PressWeb'],
  press_js_ime: function(visible, x, y, h) {
    var s = PressWeb.host['input'].style;
    if (!visible) { x = 0; y = 0; h = 16; }
    var left = Math.round(x) + 'px', top = Math.round(y) + 'px';
    if (s.left !== left) s.left = left;
    if (s.top !== top) s.top = top;
    var size = Math.max(8, Math.round(h * 0.72)) + 'px', line = Math.round(h) + 'px';
    if (s.fontSize !== size) { s.fontSize = size; s.lineHeight = line; s.height = line; }
  },

  press_js_cursor__deps: ['$PressWeb'],
  press_js_cursor: function(shape) {
    var names = ['default', 'text', 'move', 'ns-resize', 'ew-resize', 'nesw-resize', 'nwse-resize', 'pointer', 'not-allowed'];
    var name = shape < 0 ? 'none' : (names[shape] || 'default');
    if (PressWeb.cursor !== name) { PressWeb.cursor = name; PressWeb.host['canvas'].style.cursor = name; }
  },

  press_js_online: function() { return (typeof navigator == 'undefined' || navigator['onLine'] !== false) ? 1 : 0; },

  // Events to the embedding page: change, saved, published, error, ready.
  press_js_emit__deps: ['$PressWeb'],
  press_js_emit: function(name, json) {
    var detail = null;
    try { detail = JSON.parse(UTF8ToString(json)); } catch (e) {}
    var emit = PressWeb.host['emit'];
    if (emit) emit(UTF8ToString(name), detail);
  },

  // Settles a promise returned by the embedding API (see press_post.js).
  press_js_api_done__deps: ['$PressWeb'],
  press_js_api_done: function(id, ok, json) {
    var pending = Module['pressPending'] && Module['pressPending'][id];
    if (!pending) return;
    delete Module['pressPending'][id];
    var value = null;
    try { value = JSON.parse(UTF8ToString(json)); } catch (e) {}
    if (ok) pending.resolve(value);
    else pending.reject(Object.assign(new Error(value && value.message || 'failed'), { detail: value }));
  },

  // Start-up phases for the benchmark ("press-main", "press-storage", "press-app").
  press_js_mark: function(name) {
    if (typeof performance != 'undefined' && performance.mark) performance.mark(UTF8ToString(name));
  },

  press_js_mark_first_frame__deps: ['$PressStore'],
  press_js_mark_first_frame: function() {
    PressStore.early = null;  // the editor has read what it starts with
    if (typeof performance != 'undefined' && performance.mark &&
        performance.getEntriesByName('press-first-frame').length === 0)
      performance.mark('press-first-frame');
  },

  // ---- Clipboard ---------------------------------------------------------------------------
  press_js_clipboard_write__deps: ['$PressWeb'],
  press_js_clipboard_write: function(ptr) {
    var text = UTF8ToString(ptr);
    var fallback = function() {
      var ta = PressWeb.host['input'];
      ta.value = text;
      ta.select();
      try { document.execCommand('copy'); } catch (e) {}
      ta.value = '';
    };
    if (navigator.clipboard && navigator.clipboard['writeText']) navigator.clipboard['writeText'](text).catch(fallback);
    else fallback();
  },

  // ---- Glyphs drawn by the browser's own font engine ---------------------------------------------
  $PressGlyphs: {
    ctx: null,
    width: 0,
    height: 0,
    family: '"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Hiragino Sans GB","Microsoft YaHei","WenQuanYi Micro Hei","Droid Sans Fallback",sans-serif',
    context: function(w, h) {
      if (!PressGlyphs.ctx || PressGlyphs.width < w || PressGlyphs.height < h) {
        w = Math.max(w, PressGlyphs.width);
        h = Math.max(h, PressGlyphs.height);
        var canvas = typeof OffscreenCanvas != 'undefined' ? new OffscreenCanvas(w, h) : document.createElement('canvas');
        canvas.width = w;
        canvas.height = h;
        PressGlyphs.ctx = canvas.getContext('2d', { 'willReadFrequently': true });
        PressGlyphs.width = w;
        PressGlyphs.height = h;
      }
      var ctx = PressGlyphs.ctx;
      if ('lang' in ctx) ctx['lang'] = 'zh-CN';
      return ctx;
    },
    font: function(px, bold) { return (bold ? '700 ' : '400 ') + px + 'px ' + PressGlyphs.family; },
    known: {},  // px + 'b'/'r' -> [ascent, descent]
    // Ascent and descent (pixels) of the face at px, measured once.
    metrics: function(px, bold) {
      var k = px + (bold ? 'b' : 'r');
      if (!PressGlyphs.known[k]) {
        var ctx = PressGlyphs.context(64, 64);
        ctx.font = PressGlyphs.font(px, bold);
        var m = ctx.measureText('国Hg');
        var ascent = m['fontBoundingBoxAscent'], descent = m['fontBoundingBoxDescent'];
        PressGlyphs.known[k] = ascent > 0 ? [ascent, descent] : [px * 1.16, px * 0.29];  // Noto Sans CJK's proportions
      }
      return PressGlyphs.known[k];
    },
    // Advances (pixels) of the code points cps at px. Canvas lays text out unhinted, so an
    // advance scales with the size: each code point is measured once per weight, at
    // measureSize, and the regular and small faces (the bold and title faces) share it.
    measureSize: 64,
    measured: [{}, {}],  // regular, bold: code point -> advance at measureSize
    advances: function(px, bold, cps) {
      var ref = PressGlyphs.measureSize, a = PressGlyphs.measured[bold ? 1 : 0], scale = px / ref, out = [], ctx = null;
      for (var i = 0; i < cps.length; i++) {
        var cp = cps[i], w;
        if (PressGlyphs.wide(cp)) w = px;
        else {
          w = a[cp];
          if (w === undefined) {
            if (!ctx) { ctx = PressGlyphs.context(64, 64); ctx.font = PressGlyphs.font(ref, bold); }
            w = a[cp] = ctx.measureText(String.fromCharCode(cp)).width;
          }
          w *= scale;
        }
        out.push(w);
      }
      return out;
    },
    // Ideographs and full-width punctuation are one em wide in every CJK face; measuring
    // them would shape each one twice (measureText, then fillText).
    wide: function(cp) {
      return (cp >= 0x3000 && cp <= 0x303f) || (cp >= 0x3400 && cp <= 0x9fff) ||
             (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xff01 && cp <= 0xff5e);
    },
  },

  // ---- Glyph cache between visits: bytes from CanvasFontBackend::save_cache, kept in
  // IndexedDB with the font list they were drawn with (no metadata: never listed as a file).
  press_js_glyph_cache_hint: function() {
    try { return localStorage.getItem('portalpress:glyph-cache') === PressGlyphs.family ? 1 : 0; } catch (e) { return 0; }
  },

  press_js_glyph_cache_load__deps: ['$PressGlyphs', '$PressWeb'],
  press_js_glyph_cache_load: function() {
    Module['pressGlyphCache'].then(function(entry) {
      if (PressWeb.gone) return;
      var bytes = entry && entry['family'] === PressGlyphs.family && entry['bytes'] instanceof Uint8Array ? entry['bytes'] : null;
      var ptr = bytes ? _malloc(bytes.length) : 0;
      if (ptr) HEAPU8.set(bytes, ptr);
      _press_glyph_cache_reply(ptr, ptr ? bytes.length : 0);
      if (ptr) _free(ptr);
    });
  },

  press_js_glyph_cache_save__deps: ['$PressGlyphs', '$PressStore'],
  press_js_glyph_cache_save: function(ptr, len) {
    var bytes = HEAPU8.slice(ptr, ptr + len);
    var store = function() {
      if (!PressStore.db) return;
      try {
        var tx = PressStore.db.transaction('docs', 'readwrite');
        tx.objectStore('docs').put({ 'family': PressGlyphs.family, 'bytes': bytes }, 'cache/glyphs');
        tx.oncomplete = function() { try { localStorage.setItem('portalpress:glyph-cache', PressGlyphs.family); } catch (e) {} };
      } catch (e) {}  // a cache: losing it costs only time
    };
    if (PressStore.opened) PressStore.opened.then(store);
  },

  // Ascent and descent (pixels) of the face at px: out[0..1].
  press_js_font_metrics__deps: ['$PressGlyphs'],
  press_js_font_metrics: function(px, bold, out) {
    var m = PressGlyphs.metrics(px, bold);
    HEAPF32[(out >> 2)] = m[0];
    HEAPF32[(out >> 2) + 1] = m[1];
  },

  // Advances (pixels) of n BMP code points at px.
  press_js_measure_glyphs__deps: ['$PressGlyphs'],
  press_js_measure_glyphs: function(px, bold, cps, n, out) {
    var a = PressGlyphs.advances(px, bold, HEAPU16.subarray(cps >> 1, (cps >> 1) + n));
    HEAPF32.set(a, out >> 2);
  },

  // Rasterizes n code points at px in one batch: lays them out in rows of cells as wide as
  // their advance (plus a margin for overhanging ink) and one line high, draws them, reads
  // the pixels back once (the read-back is the costly part, so cells are kept tight), and
  // crops each glyph to its ink. For glyph i, desc[6i..6i+5] receives advance, left (from
  // the pen), top (from the baseline, down is positive), width, height and the offset of its
  // alpha rows in pix (cap bytes). Returns bytes used, or -1 when cap is too small.
  press_js_raster_glyphs__deps: ['$PressGlyphs'],
  press_js_raster_glyphs: function(px, bold, cps, n, desc, pix, cap) {
    var codes = HEAPU16.slice(cps >> 1, (cps >> 1) + n), chars = [];
    for (var i = 0; i < n; i++) chars.push(String.fromCharCode(codes[i]));
    var advances = PressGlyphs.advances(px, bold, codes);
    var m = PressGlyphs.metrics(px, bold);
    var ascent = Math.ceil(m[0]), descent = Math.ceil(m[1]);
    var padX = Math.ceil(px * 0.15) + 1, padY = 2;
    var cellH = ascent + descent + 2 * padY, rowW = 2048;
    var xs = [], ys = [], ws = [];
    var x = 0, y = 0;
    for (var i = 0; i < n; i++) {
      var w = Math.ceil(advances[i]) + 2 * padX;
      if (x + w > rowW) { x = 0; y += cellH; }
      xs.push(x); ys.push(y); ws.push(w);
      x += w;
    }
    var W = y ? rowW : x, H = y + cellH;
    var ctx = PressGlyphs.context(W, H);
    ctx.clearRect(0, 0, W, H);
    ctx.font = PressGlyphs.font(px, bold);
    ctx.fillStyle = '#fff';
    ctx.textBaseline = 'alphabetic';
    ctx.textAlign = 'left';
    for (var i = 0; i < n; i++) ctx.fillText(chars[i], xs[i] + padX, ys[i] + padY + ascent);
    var data = ctx.getImageData(0, 0, W, H).data;
    var used = 0, d = desc >> 2;
    for (var i = 0; i < n; i++) {
      var cx = xs[i], cy = ys[i], cw = ws[i];
      var x0 = cw, y0 = cellH, x1 = -1, y1 = -1;
      for (var yy = 0; yy < cellH; yy++) {
        var row = ((cy + yy) * W + cx) * 4 + 3;
        for (var xx = 0; xx < cw; xx++) {
          if (data[row + 4 * xx] !== 0) {
            if (xx < x0) x0 = xx;
            if (xx > x1) x1 = xx;
            if (yy < y0) y0 = yy;
            y1 = yy;
          }
        }
      }
      var w = x1 >= x0 ? x1 - x0 + 1 : 0, h = y1 >= y0 ? y1 - y0 + 1 : 0;
      if (used + w * h > cap) return -1;
      for (var yy = 0; yy < h; yy++) {
        var src = ((cy + y0 + yy) * W + cx + x0) * 4 + 3;
        var dst = pix + used + yy * w;
        for (var xx = 0; xx < w; xx++) HEAPU8[dst + xx] = data[src + 4 * xx];
      }
      HEAPF32[d + 6 * i] = advances[i];
      HEAPF32[d + 6 * i + 1] = w ? x0 - padX : 0;
      HEAPF32[d + 6 * i + 2] = h ? y0 - padY - ascent : 0;
      HEAPF32[d + 6 * i + 3] = w;
      HEAPF32[d + 6 * i + 4] = h;
      HEAPF32[d + 6 * i + 5] = used;
      used += w * h;
    }
    return used;
  },

  // ---- HTTP through XMLHttpRequest (upload progress, timeouts) ----------------------------------------
  press_js_http__deps: ['$PressWeb', '$PressMedia'],
  press_js_http: function(req, methodPtr, urlPtr, headersPtr, body, bodyLen, timeoutSeconds) {
    var reply = function(status, text, error) {
      if (PressWeb.gone) return;
      PressWeb.withStrings([text, error], function(t, e) { _press_http_reply(req, status, t, lengthBytesUTF8(text), e); });
    };
    var xhr = new XMLHttpRequest(), media = '';
    try {
      xhr.open(UTF8ToString(methodPtr), UTF8ToString(urlPtr), true);
      var headers = JSON.parse(UTF8ToString(headersPtr));
      for (var i = 0; i < headers.length; i++) {
        // A stored picture or file to upload (browser_media.cpp): the body is its bytes.
        if (headers[i][0] === 'X-Press-Media') media = headers[i][1];
        else xhr.setRequestHeader(headers[i][0], headers[i][1]);
      }
    } catch (e) {
      setTimeout(function() { reply(0, '', 'bad request: ' + (e.message || e)); }, 0);
      return;
    }
    xhr.timeout = timeoutSeconds > 0 ? timeoutSeconds * 1000 : 0;
    xhr.responseType = 'text';
    if (bodyLen > 0) xhr.upload.onprogress = function(e) { if (!PressWeb.gone) _press_http_progress(req, e.loaded, e['lengthComputable'] ? e.total : bodyLen); };
    xhr.onload = function() { reply(xhr.status, xhr.responseText || '', ''); };
    xhr.onerror = function() { reply(0, '', 'the server did not answer (network error or server down)'); };
    xhr.ontimeout = function() { reply(0, '', 'the server did not answer within ' + timeoutSeconds + ' s'); };
    xhr.onabort = function() { reply(0, '', 'the request was aborted'); };
    if (media) {
      xhr.upload.onprogress = function(e) { if (!PressWeb.gone) _press_http_progress(req, e.loaded, e.total); };
      PressMedia.stored(media).then(function(entry) {
        if (!entry) { reply(0, '', 'media-missing'); return; }  // ui::kMediaMissing
        var form = new FormData();
        form.append('file', entry['blob'], entry['name']);
        xhr.send(form);
      });
      return;
    }
    xhr.send(bodyLen > 0 ? HEAPU8.slice(body, body + bodyLen) : null);
  },

  // ---- Files: picker, download, new tabs -------------------------------------------------------------
  press_js_file_import__deps: ['$PressWeb'],
  press_js_file_import: function(req) {
    // The file's bytes as they are (not decoded as text): the editor tells a picture or a
    // Word file from an article by them.
    var reply = function(ok, error, name, bytes) {
      if (PressWeb.gone) return;
      var d = _malloc(bytes.length + 1);
      HEAPU8.set(bytes, d);
      HEAPU8[d + bytes.length] = 0;
      try {
        PressWeb.withStrings([error, name], function(e, n) { _press_file_reply(req, ok ? 1 : 0, e, n, d, bytes.length); });
      } finally { _free(d); }
    };
    var input = document.createElement('input');
    input.type = 'file';
    input.accept = '.json,application/json,.html,.htm,.docx';
    input.style.display = 'none';
    var settled = false;
    var settle = function(ok, error, name, data) {
      if (settled) return;
      settled = true;
      input.remove();
      reply(ok, error, name, data);
    };
    input.addEventListener('change', function() {
      var file = input.files && input.files[0];
      var none = new Uint8Array(0);
      if (!file) { settle(false, 'no file was chosen', '', none); return; }
      file.arrayBuffer().then(function(buffer) { settle(true, '', file.name, new Uint8Array(buffer)); },
                              function(e) { settle(false, 'cannot read ' + file.name + ': ' + (e.message || e), file.name, none); });
    });
    input.addEventListener('cancel', function() { settle(false, 'cancelled', '', new Uint8Array(0)); });
    PressWeb.host['root'].appendChild(input);
    input.click();
  },

  press_js_file_export: function(namePtr, dataPtr, dataLen) {
    var blob = new Blob([HEAPU8.slice(dataPtr, dataPtr + dataLen)], { type: 'application/json' });
    var url = URL.createObjectURL(blob);
    var a = document.createElement('a');
    a.href = url;
    a.download = UTF8ToString(namePtr);
    a.style.display = 'none';
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function() { URL.revokeObjectURL(url); }, 60000);
    return 1;
  },

  press_js_open_page: function(htmlPtr, len) {
    var blob = new Blob([HEAPU8.slice(htmlPtr, htmlPtr + len)], { type: 'text/html;charset=utf-8' });
    var url = URL.createObjectURL(blob);
    var w = window.open(url, '_blank');
    setTimeout(function() { URL.revokeObjectURL(url); }, 60000);
    return w ? 1 : 0;
  },

  press_js_open_url: function(urlPtr) {
    var url = UTF8ToString(urlPtr);
    if (!/^https?:\/\//i.test(url)) return 0;
    var w = window.open(url, '_blank', 'noopener');
    return 1;
  },
};

mergeInto(LibraryManager.library, LibraryPressWeb);
