// JavaScript side of the web platform's storage (Emscripten --js-library, beside
// press_web.js): drafts, settings and the glyph cache in IndexedDB, localStorage when
// IndexedDB is unavailable or refused. The C side is browser_storage.cpp.

var LibraryPressStorage = {
  // ---- Storage: IndexedDB, localStorage as fallback -------------------------------------------------
  // Two object stores written in one transaction: "docs" (path -> text) and "meta"
  // (path -> {modified (ms), size}), so listing never reads the documents themselves.
  // While the page is being hidden, every write is also journaled to localStorage
  // (synchronous, so it survives the unload); the journal is replayed at the next start.
  $PressStore__deps: ['$PressWeb'],
  $PressStore: {
    db: null,
    opened: null,        // promise: the database is open (or the fallback chosen)
    local: false,        // true: localStorage only
    early: null,         // press_pre.js's start-up reads, until the first write (fromEarly)
    hiding: false,
    prefix: 'portalpress:',

    errorText: function(e, what) {
      if (!e) return what + ' failed';
      var name = e.name || '';
      if (name === 'QuotaExceededError')
        return 'QuotaExceededError: browser storage is full, ' + what + ' was not written (free space or remove old drafts)';
      return (name ? name + ': ' : '') + (e.message || String(e));
    },

    // ok: true, false, or 'missing' (the document does not exist).
    reply: function(req, ok, error, data) {
      if (PressWeb.gone) return;
      var code = ok === 'missing' ? 2 : ok ? 1 : 0;
      PressWeb.withStrings([error || '', data || ''], function(e, d) {
        _press_storage_reply(req, code, e, d, lengthBytesUTF8(data || ''));
      });
    },

    lsKey: function(kind, path) { return PressStore.prefix + kind + ':' + path; },

    journal: function(path, data, modified) {
      try {
        localStorage.setItem(PressStore.lsKey('journal', path), JSON.stringify({ 'data': data, 'modified': modified }));
      } catch (e) {}
    },

    open: function(done) {
      var fallback = function(why) {
        PressStore.local = true;
        try { localStorage.setItem(PressStore.prefix + 'probe', '1'); localStorage.removeItem(PressStore.prefix + 'probe'); }
        catch (e) { done('no browser storage is available (' + (why || e.name || e) + ')'); return; }
        done('', why);
      };
      // press_pre.js opened the database, replayed the journal and made the start-up reads
      // while the WebAssembly was loading.
      Module['pressJournalReplayed'].then(function(db) {
        PressStore.db = db;
        db.onversionchange = function() { db.close(); };
        Module['pressStartupReads'].then(function(reads) {
          PressStore.early = reads;
          done('');
        });
      }, function(why) { fallback(String(why)); });
    },

    // Answers a read or a listing from press_pre.js's start-up reads (op 0 list, 1 read):
    // they are what IndexedDB holds until the first write, which drops them. Replies stay
    // asynchronous, as IndexedDB's are. False: not among them, ask IndexedDB.
    fromEarly: function(req, op, path) {
      var early = PressStore.early;
      if (!early) return false;
      var direct = function(p) { return p.indexOf('drafts/') === 0 && p.indexOf('/', 7) < 0; };
      if (op === 1 && (path === 'settings.json' || direct(path))) {
        var data = early['docs'][path];
        Promise.resolve().then(function() {
          if (data == null) PressStore.reply(req, 'missing', path + ' does not exist');
          else PressStore.reply(req, true, '', data);
        });
        return true;
      }
      if (op === 0 && path.replace(/\/$/, '') === 'drafts') {
        var items = [];
        for (var key in early['meta']) {
          var m = early['meta'][key];
          if (direct(key)) items.push({ 'name': key.substring(7), 'modified': Math.floor(m['modified'] / 1000), 'size': m['size'] });
        }
        Promise.resolve().then(function() { PressStore.reply(req, true, '', JSON.stringify(items)); });
        return true;
      }
      return false;
    },

    // ---- operations: each ends in exactly one reply ----
    list: function(req, folder) {
      var prefix = folder ? folder.replace(/\/?$/, '/') : '';
      var items = [];
      var direct = function(path) { return path.indexOf(prefix) === 0 && path.substring(prefix.length).indexOf('/') < 0; };
      if (PressStore.local) {
        try {
          var mk = PressStore.prefix + 'meta:';
          for (var i = 0; i < localStorage.length; i++) {
            var key = localStorage.key(i);
            if (!key || key.indexOf(mk) !== 0) continue;
            var path = key.substring(mk.length);
            if (!direct(path)) continue;
            var m = JSON.parse(localStorage.getItem(key));
            items.push({ 'name': path.substring(prefix.length), 'modified': Math.floor(m['modified'] / 1000), 'size': m['size'] });
          }
        } catch (e) { PressStore.reply(req, false, PressStore.errorText(e, 'listing')); return; }
        PressStore.reply(req, true, '', JSON.stringify(items));
        return;
      }
      var tx = PressStore.db.transaction('meta', 'readonly');
      var range = prefix ? IDBKeyRange.bound(prefix, prefix + '\uffff') : undefined;
      var cursor = tx.objectStore('meta').openCursor(range);
      cursor.onsuccess = function() {
        var c = cursor.result;
        if (!c) return;
        if (direct(c.key)) items.push({ 'name': c.key.substring(prefix.length), 'modified': Math.floor(c.value['modified'] / 1000), 'size': c.value['size'] });
        c.continue();
      };
      tx.oncomplete = function() { PressStore.reply(req, true, '', JSON.stringify(items)); };
      tx.onabort = function() { PressStore.reply(req, false, PressStore.errorText(tx.error, 'listing ' + folder)); };
    },

    read: function(req, path) {
      if (PressStore.local) {
        var data = null;
        try { data = localStorage.getItem(PressStore.lsKey('doc', path)); }
        catch (e) { PressStore.reply(req, false, PressStore.errorText(e, 'reading ' + path)); return; }
        if (data == null) PressStore.reply(req, 'missing', path + ' does not exist');
        else PressStore.reply(req, true, '', data);
        return;
      }
      var tx = PressStore.db.transaction('docs', 'readonly');
      var get = tx.objectStore('docs').get(path);
      tx.oncomplete = function() {
        if (get.result == null) PressStore.reply(req, 'missing', path + ' does not exist');
        else PressStore.reply(req, true, '', get.result);
      };
      tx.onabort = function() { PressStore.reply(req, false, PressStore.errorText(tx.error, 'reading ' + path)); };
    },

    write: function(req, path, data) {
      var modified = Date.now();
      var meta = { 'modified': modified, 'size': lengthBytesUTF8(data) };
      if (PressStore.hiding) PressStore.journal(path, data, modified);
      if (PressStore.local) {
        try {
          localStorage.setItem(PressStore.lsKey('doc', path), data);
          localStorage.setItem(PressStore.lsKey('meta', path), JSON.stringify(meta));
        } catch (e) { PressStore.reply(req, false, PressStore.errorText(e, path)); return; }
        PressStore.reply(req, true, '');
        return;
      }
      var tx;
      try { tx = PressStore.db.transaction(['docs', 'meta'], 'readwrite'); }
      catch (e) { PressStore.reply(req, false, PressStore.errorText(e, path)); return; }
      tx.objectStore('docs').put(data, path);
      tx.objectStore('meta').put(meta, path);
      tx.oncomplete = function() { PressStore.reply(req, true, ''); };
      tx.onabort = function() { PressStore.reply(req, false, PressStore.errorText(tx.error, path)); };
    },

    remove: function(req, path) {
      if (PressStore.local) {
        try {
          localStorage.removeItem(PressStore.lsKey('doc', path));
          localStorage.removeItem(PressStore.lsKey('meta', path));
        } catch (e) { PressStore.reply(req, false, PressStore.errorText(e, 'removing ' + path)); return; }
        PressStore.reply(req, true, '');
        return;
      }
      var tx = PressStore.db.transaction(['docs', 'meta'], 'readwrite');
      tx.objectStore('docs').delete(path);
      tx.objectStore('meta').delete(path);
      tx.oncomplete = function() { PressStore.reply(req, true, ''); };
      tx.onabort = function() { PressStore.reply(req, false, PressStore.errorText(tx.error, 'removing ' + path)); };
    },

    // Moves path to "aside/<name>.<time>" without overwriting anything; replies the new path.
    moveAside: function(req, path) {
      var name = path.substring(path.lastIndexOf('/') + 1);
      var target = 'aside/' + name + '.' + new Date().toISOString().replace(/[:.]/g, '-');
      if (PressStore.local) {
        try {
          var data = localStorage.getItem(PressStore.lsKey('doc', path));
          if (data == null) { PressStore.reply(req, 'missing', path + ' does not exist'); return; }
          localStorage.setItem(PressStore.lsKey('doc', target), data);
          localStorage.setItem(PressStore.lsKey('meta', target), localStorage.getItem(PressStore.lsKey('meta', path)));
          localStorage.removeItem(PressStore.lsKey('doc', path));
          localStorage.removeItem(PressStore.lsKey('meta', path));
        } catch (e) { PressStore.reply(req, false, PressStore.errorText(e, 'moving ' + path)); return; }
        PressStore.reply(req, true, '', target);
        return;
      }
      var tx = PressStore.db.transaction(['docs', 'meta'], 'readwrite');
      var docs = tx.objectStore('docs'), meta = tx.objectStore('meta');
      var found = false;
      var get = docs.get(path);
      get.onsuccess = function() {
        if (get.result == null) return;
        found = true;
        docs.add(get.result, target);  // add, not put: never overwrites
        var m = meta.get(path);
        m.onsuccess = function() { meta.add(m.result || { 'modified': Date.now(), 'size': 0 }, target); meta.delete(path); };
        docs.delete(path);
      };
      tx.oncomplete = function() {
        if (found) PressStore.reply(req, true, '', target);
        else PressStore.reply(req, 'missing', path + ' does not exist');
      };
      tx.onabort = function() { PressStore.reply(req, false, PressStore.errorText(tx.error, 'moving ' + path)); };
    },
  },

  // Opens the store; replies on request 0 with ok and, when it fell back to localStorage,
  // the reason as data. Also asks the browser to keep our storage (navigator.storage['persist']).
  press_js_storage_open__deps: ['$PressStore'],
  press_js_storage_open: function(req) {
    if (typeof navigator != 'undefined' && navigator.storage && navigator.storage['persist'])
      navigator.storage['persist']().catch(function() {});
    PressStore.opened = new Promise(function(resolve) {
      PressStore.open(function(error, note) {
        if (error) PressStore.reply(req, false, error);
        else PressStore.reply(req, true, '', note || '');
        resolve();
      });
    });
  },

  // op: 0 list, 1 read, 2 write, 3 remove, 4 move aside. Requests made while the database
  // is still opening wait for it (the editor starts before storage is ready).
  press_js_storage__deps: ['$PressStore'],
  press_js_storage: function(req, op, pathPtr, dataPtr, dataLen) {
    var path = UTF8ToString(pathPtr);
    var data = op === 2 ? UTF8ToString(dataPtr, dataLen) : '';
    var run = function() {
      try {
        if (op >= 2) PressStore.early = null;
        else if (PressStore.fromEarly(req, op, path)) return;
        switch (op) {
          case 0: PressStore.list(req, path); break;
          case 1: PressStore.read(req, path); break;
          case 2: PressStore.write(req, path, data); break;
          case 3: PressStore.remove(req, path); break;
          case 4: PressStore.moveAside(req, path); break;
        }
      } catch (e) {
        PressStore.reply(req, false, PressStore.errorText(e, path));
      }
    };
    if (PressStore.db || PressStore.local) run();
    else PressStore.opened.then(run);
  },
};

mergeInto(LibraryManager.library, LibraryPressStorage);
