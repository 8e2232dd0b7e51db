// JavaScript side of the widget's pictures and attachments (--js-library, beside
// press_web.js; the C side is browser_media.cpp). The browser does the image work the
// WebAssembly has no codec for: createImageBitmap decodes (off the main thread, EXIF
// orientation applied) and shrinks, OffscreenCanvas re-encodes, which drops EXIF and GPS
// data. The bytes are kept in IndexedDB ("media": id -> {blob, name}) beside the drafts,
// so a picture added without a server survives a reload like the text.

var LibraryPressMedia = {
  $PressMedia__deps: ['$PressWeb', '$PressStore', '$GL'],
  $PressMedia: {
    kept: {},            // id -> {blob, name}: this session's files (IndexedDB may be missing)
    maxSide: 2560,
    attachments: { 'pdf': 1, 'docx': 1, 'xlsx': 1, 'pptx': 1, 'zip': 1 },

    reply: function(error, file) {
      if (PressWeb.gone) return;
      PressWeb.withStrings([error, file ? JSON.stringify(file) : ''], function(e, j) { _press_media_added(e, j); });
    },

    // Longest side at most maxSide (2560); a JPEG stays JPEG, anything else (PNG, GIF,
    // WebP, BMP: maybe transparent) becomes WebP; a GIF keeps its first frame. Runs in a
    // worker (one decode, the scaling and the encode all off the main thread, so the
    // editor keeps drawing).
    shrinker: function() {
      onmessage = function(e) {
        var file = e.data.file, max = e.data.max;
        createImageBitmap(file).then(function(full) {
          var k = Math.min(1, max / Math.max(full.width, full.height));
          var w = Math.max(1, Math.round(full.width * k)), h = Math.max(1, Math.round(full.height * k));
          var canvas = new OffscreenCanvas(w, h), g = canvas.getContext('2d');
          g.imageSmoothingQuality = 'high';
          g.drawImage(full, 0, 0, w, h);
          full.close();
          var type = file.type === 'image/jpeg' ? 'image/jpeg' : 'image/webp';
          return canvas.convertToBlob({ 'type': type, 'quality': 0.86 }).then(function(blob) {
            // The sha256 here too: reading and hashing a megabyte or two is work the
            // main thread then does not do.
            var reply = function(id) { postMessage({ n: e.data.n, blob: blob, w: w, h: h, id: id }); };
            if (!crypto.subtle) return reply('');
            return blob.arrayBuffer().then(function(b) { return crypto.subtle.digest('SHA-256', b); }).then(function(d) {
              reply(Array.prototype.map.call(new Uint8Array(d), function(x) { return (x + 256).toString(16).slice(1); }).join(''));
            });
          });
        }).catch(function(err) { postMessage({ n: e.data.n, error: (err && err.message) || String(err) }); });
      };
    },
    worker: null,
    waiting: {},
    jobs: 0,

    shrink: function(file) {
      if (PressMedia.worker === null) {
        try {
          var url = URL.createObjectURL(new Blob(['(' + PressMedia.shrinker + ')()'], { type: 'text/javascript' }));
          PressMedia.worker = new Worker(url);
          PressMedia.worker.onmessage = function(e) {
            var done = PressMedia.waiting[e.data.n];
            delete PressMedia.waiting[e.data.n];
            if (done) done(e.data);
          };
        } catch (e) { PressMedia.worker = false; }
      }
      var n = ++PressMedia.jobs;
      var job = new Promise(function(resolve) { PressMedia.waiting[n] = resolve; });
      if (PressMedia.worker) PressMedia.worker.postMessage({ n: n, file: file, max: PressMedia.maxSide });
      else PressMedia.waiting[n]({ error: 'this browser cannot resize pictures (no Worker)' });
      return job.then(function(r) {
        if (r.error) throw new Error(r.error);
        return { blob: r.blob, w: r.w, h: r.h, id: r.id, ext: r.blob.type === 'image/webp' ? 'webp' : 'jpg' };
      });
    },

    // sha256 of the bytes where the page is a secure context, else a random id (an admin
    // page on plain http has no crypto.subtle).
    id: function(buffer) {
      var hex = function(bytes) {
        return Array.prototype.map.call(new Uint8Array(bytes), function(b) { return (b + 256).toString(16).slice(1); }).join('');
      };
      if (typeof crypto !== 'undefined' && crypto.subtle) return crypto.subtle.digest('SHA-256', buffer).then(hex);
      return Promise.resolve(hex(crypto.getRandomValues(new Uint8Array(32))));
    },

    // reply(error, described): PressMedia.reply (on_added) unless given (a rich paste's
    // pictures, press_js_media_store).
    ingest: function(file, reply) {
      reply = reply || PressMedia.reply;
      var name = file.name || 'image';
      var ext = (/\.([A-Za-z0-9]+)$/.exec(name) || ['', ''])[1].toLowerCase();
      var image = /^image\/(jpeg|png|webp|gif|bmp)$/.test(file.type);
      if (!image && !PressMedia.attachments[ext]) { reply('unsupported', { 'name': name }); return; }
      var start = performance.now();
      var work = image ? PressMedia.shrink(file) : Promise.resolve({ blob: file, w: 0, h: 0, ext: ext });
      work.then(function(r) {
        // Decode, resize and encode, for bench-media.sh.
        performance.measure('press-media-shrink', { 'start': start });
        return (r.id ? Promise.resolve(r.id) : r.blob.arrayBuffer().then(PressMedia.id)).then(function(id) {
          var entry = { 'blob': r.blob, 'name': name };
          PressMedia.kept[id] = entry;
          var described = {
            'id': id, 'ext': r.ext, 'kind': image ? 'image' : 'attachment', 'mime': r.blob.type || '',
            'bytes': r.blob.size, 'width': r.w, 'height': r.h, 'name': name
          };
          if (!PressStore.db) { reply('', described); return; }
          var tx = PressStore.db.transaction('media', 'readwrite');
          tx.objectStore('media').put(entry, id);
          tx.oncomplete = function() { reply('', described); };
          tx.onabort = function() { reply(PressStore.errorText(tx.error, name), { 'name': name }); };
        });
      }).catch(function(e) {
        reply((e && e.message) || String(e), { 'name': name });
      });
    },

    // The stored file of an id: this session's copy, else IndexedDB's.
    stored: function(id) {
      if (PressMedia.kept[id]) return Promise.resolve(PressMedia.kept[id]);
      if (!PressStore.db) return Promise.resolve(null);
      return new Promise(function(resolve) {
        var tx = PressStore.db.transaction('media', 'readonly');
        var get = tx.objectStore('media').get(id);
        tx.oncomplete = function() { resolve(get.result || null); };
        tx.onabort = function() { resolve(null); };
      });
    },

    // Files of a paste or a drop: true when there were any (the event is then ours).
    take: function(list) {
      var files = Array.prototype.filter.call(list || [], function(f) { return f && f.size > 0; });
      files.forEach(function(f) { PressMedia.ingest(f); });
      return files.length > 0;
    },
  },

  press_js_media_pick__deps: ['$PressMedia'],
  press_js_media_pick: function(images) {
    var input = document.createElement('input');
    input.type = 'file';
    input.multiple = true;
    input.accept = images ? 'image/jpeg,image/png,image/webp,image/gif' : '.pdf,.docx,.xlsx,.pptx,.zip';
    input.style.display = 'none';
    input.addEventListener('change', function() { PressMedia.take(input.files); input.remove(); });
    input.addEventListener('cancel', function() { input.remove(); });
    PressWeb.host['root'].appendChild(input);
    input.click();
  },

  // Bytes the editor holds (a pasted document's picture) stored like a pasted file; the
  // answer goes to press_media_stored(request, ...), not to on_added.
  press_js_media_store__deps: ['$PressMedia'],
  press_js_media_store: function(request, namePtr, mimePtr, data, size) {
    var file = new File([HEAPU8.slice(data, data + size)], UTF8ToString(namePtr), { type: UTF8ToString(mimePtr) });
    PressMedia.ingest(file, function(error, described) {
      if (PressWeb.gone) return;
      PressWeb.withStrings([error, described ? JSON.stringify(described) : ''], function(e, j) { _press_media_stored(request, e, j); });
    });
  },

  // A texture of the picture at most maxSide pixels on its longer side, made from an
  // ImageBitmap (decoded off the main thread); replies texture 0 when it cannot be shown.
  press_js_media_image__deps: ['$PressMedia'],
  press_js_media_image: function(idPtr, maxSide) {
    var id = UTF8ToString(idPtr);
    var ready = function(texture, w, h) {
      if (!PressWeb.gone) PressWeb.withStrings([id], function(p) { _press_media_image_ready(p, texture, w, h); });
    };
    PressMedia.stored(id).then(function(entry) {
      if (!entry) throw new Error('missing');
      return createImageBitmap(entry['blob']);
    }).then(function(full) {
      var k = Math.min(1, maxSide / Math.max(full.width, full.height));
      if (k === 1) return full;
      var w = Math.max(1, Math.round(full.width * k)), h = Math.max(1, Math.round(full.height * k));
      full.close();
      return PressMedia.stored(id).then(function(entry) {
        return createImageBitmap(entry['blob'], { 'resizeWidth': w, 'resizeHeight': h, 'resizeQuality': 'high' });
      });
    }).then(function(bitmap) {
      if (PressWeb.gone) return;
      var gl = GLctx, texture = gl.createTexture();
      gl.bindTexture(gl.TEXTURE_2D, texture);
      gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MIN_FILTER, gl.LINEAR);
      gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MAG_FILTER, gl.LINEAR);
      gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_S, gl.CLAMP_TO_EDGE);
      gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_T, gl.CLAMP_TO_EDGE);
      gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA, gl.RGBA, gl.UNSIGNED_BYTE, bitmap);
      var name = GL.getNewId(GL.textures);
      texture.name = name;
      GL.textures[name] = texture;
      ready(name, bitmap.width, bitmap.height);
      bitmap.close();
    }).catch(function() { ready(0, 0, 0); });
  },
};

mergeInto(LibraryManager.library, LibraryPressMedia);
