// Runs first in each module instance (--pre-js): starts opening IndexedDB while the
// WebAssembly downloads and compiles, so the editor's first storage calls do not wait for
// the database (PressStore.open in press_web.js picks the promise up).
Module['pressDbOpening'] = new Promise(function(resolve, reject) {
  if (typeof indexedDB == 'undefined') { reject('IndexedDB is not available'); return; }
  var request;
  try { request = indexedDB.open('portalpress', 1); } catch (e) { reject(String(e)); return; }
  request.onupgradeneeded = function() {
    var db = request.result;
    if (!db.objectStoreNames.contains('docs')) db.createObjectStore('docs');
    if (!db.objectStoreNames.contains('meta')) db.createObjectStore('meta');
  };
  request.onsuccess = function() { resolve(request.result); };
  request.onerror = function() {
    var e = request.error;
    reject((e && e.name ? e.name + ': ' : '') + (e && e.message || 'opening IndexedDB failed'));
  };
  request.onblocked = function() { reject('IndexedDB is blocked by another tab'); };
});
Module['pressDbOpening'].catch(function() {});  // handled when the store opens

// The glyphs drawn on an earlier visit (see press_js_glyph_cache_*), read as soon as the
// database is open. Only used when they were drawn with the same fonts.
Module['pressGlyphCache'] = Module['pressDbOpening'].then(function(db) {
  return new Promise(function(resolve) {
    try {
      var tx = db.transaction('docs', 'readonly');
      var get = tx.objectStore('docs').get('cache/glyphs');
      tx.oncomplete = function() { resolve(get.result || null); };
      tx.onabort = function() { resolve(null); };
    } catch (e) { resolve(null); }
  });
}, function() { return null; });
