// Runs first in each module instance (--pre-js), while the WebAssembly downloads and
// compiles: opens IndexedDB, replays the localStorage journal and reads what the editor
// reads when it starts (settings, the drafts, the glyphs of an earlier visit), so that its
// first storage calls are answered at once (PressStore in press_web.js picks these up).
Module['pressDbOpening'] = new Promise(function(resolve, reject) {
  if (typeof indexedDB == 'undefined') { reject('IndexedDB is not available'); return; }
  var request;
  try { request = indexedDB.open('portalpress', 2); } catch (e) { reject(String(e)); return; }
  request.onupgradeneeded = function(event) {
    Module['pressDbCreated'] = !event.oldVersion;  // a database made just now: nothing to read
    var db = request.result;
    if (!db.objectStoreNames.contains('docs')) db.createObjectStore('docs');
    if (!db.objectStoreNames.contains('meta')) db.createObjectStore('meta');
    if (!db.objectStoreNames.contains('media')) db.createObjectStore('media');  // version 2
  };
  request.onsuccess = function() { resolve(request.result); };
  request.onerror = function() {
    var e = request.error;
    reject((e && e.name ? e.name + ': ' : '') + (e && e.message || 'opening IndexedDB failed'));
  };
  request.onblocked = function() { reject('IndexedDB is blocked by another tab'); };
});
Module['pressDbOpening'].catch(function() {});  // handled when the store opens

// Journal entries (writes made while the page was being hidden, kept in localStorage
// because IndexedDB may not finish before the page goes) newer than what IndexedDB holds
// are written back, then dropped; on failure they stay for the next start.
Module['pressJournalReplayed'] = Module['pressDbOpening'].then(function(db) {
  return new Promise(function(resolve) {
    var prefix = 'portalpress:journal:', entries = [];
    try {
      for (var i = 0; i < localStorage.length; i++) {
        var key = localStorage.key(i);
        if (key && key.indexOf(prefix) === 0) entries.push(key);
      }
    } catch (e) {}
    Module['pressJournalEntries'] = entries.length;
    if (!entries.length) { resolve(db); return; }
    var tx;
    try { tx = db.transaction(['docs', 'meta'], 'readwrite'); } catch (e) { resolve(db); return; }
    var meta = tx.objectStore('meta'), docs = tx.objectStore('docs');
    entries.forEach(function(key) {
      var path = key.substring(prefix.length), item;
      try { item = JSON.parse(localStorage.getItem(key)); } catch (e) { return; }
      if (!item || typeof item['data'] != 'string') return;
      var get = meta.get(path);
      get.onsuccess = function() {
        var have = get.result;
        if (!have || have['modified'] < item['modified']) {
          docs.put(item['data'], path);
          meta.put({ 'modified': item['modified'], 'size': lengthBytesUTF8(item['data']) }, path);
        }
      };
    });
    tx.oncomplete = function() {
      entries.forEach(function(key) { try { localStorage.removeItem(key); } catch (e) {} });
      resolve(db);
    };
    tx.onabort = function() { resolve(db); };
  });
});

// What the editor reads as it starts, in one read-only transaction: settings.json, the
// listing of drafts/ and every draft (the editor checks each one), the glyph cache.
// PressStore answers those reads from here until the first write; null when it failed.
Module['pressStartupReads'] = Module['pressJournalReplayed'].then(function(db) {
  return new Promise(function(resolve) {
    var out = { 'docs': {}, 'meta': {}, 'glyphs': null };
    // First visit: the database was created by this open and no journal was written into
    // it, so it is empty; one round trip to the browser's storage less before main().
    if (Module['pressDbCreated'] && !Module['pressJournalEntries']) { resolve(out); return; }
    try {
      var tx = db.transaction(['docs', 'meta'], 'readonly');
      var docs = tx.objectStore('docs'), meta = tx.objectStore('meta');
      var range = IDBKeyRange.bound('drafts/', 'drafts/\uffff');
      var settings = docs.get('settings.json'), glyphs = docs.get('cache/glyphs');
      var readAll = function(store, into) {  // every draft's record in store
        var cursor = store.openCursor(range);
        cursor.onsuccess = function() {
          var c = cursor.result;
          if (!c) return;
          into[c.key] = c.value;
          c.continue();
        };
      };
      readAll(meta, out['meta']);
      readAll(docs, out['docs']);
      tx.oncomplete = function() {
        if (settings.result != null) out['docs']['settings.json'] = settings.result;
        out['glyphs'] = glyphs.result || null;
        resolve(out);
      };
      tx.onabort = function() { resolve(null); };
    } catch (e) { resolve(null); }
  });
}, function() { return null; });

// The glyphs drawn on an earlier visit (see press_js_glyph_cache_*). Only used when they
// were drawn with the same fonts.
Module['pressGlyphCache'] = Module['pressStartupReads'].then(function(reads) { return reads && reads['glyphs']; });

// main() waits for the start-up reads (and the instantiation, as always): the editor's
// start-up chain of storage calls then completes within main()'s own task, and the main
// thread stays free for the database's events while the WebAssembly compiles. A database
// that does not answer delays the start by at most half a second; PressStore still waits.
// (Not waiting was tried: main()'s long task then holds up the database's events, and the
// first frame comes later. Creating the WebGL context and measuring fonts from here while
// the WebAssembly compiles was tried too: the first frame came later, not sooner, since
// that work delays the compile's and the database's own tasks by as much as it saves.)
Module['preRun'] = [function() {
  addRunDependency('press-startup-reads');
  var go = function() {
    go = function() {};
    removeRunDependency('press-startup-reads');
  };
  Module['pressStartupReads'].then(function() { go(); });
  setTimeout(function() { go(); }, 500);
}];
