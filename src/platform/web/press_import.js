// JavaScript side of opening a page or a Word document in the editor (browser_documents.cpp).
// A page is decoded in its declared charset and parsed by the browser's DOMParser; a .docx
// is turned into HTML by mammoth (npm), which is fetched from vendor/ beside the widget
// the first time a .docx is opened and never at start-up. Either way the DOM goes to the
// WebAssembly in the compact encoding of src/core/html_tree.h (PressPaste.encode), so the
// core converts it exactly as it converts a paste.

var LibraryPressImport = {
  $PressImport__deps: ['$PressPaste'],
  $PressImport: {
    mammoth: null,  // the promise of the loaded library

    loadMammoth: function() {
      if (PressImport.mammoth) return PressImport.mammoth;
      PressImport.mammoth = new Promise(function(resolve, reject) {
        if (typeof window !== 'undefined' && window['mammoth']) { resolve(window['mammoth']); return; }
        var script = document.createElement('script');
        script.src = locateFile('vendor/mammoth.browser.min.js');
        script.async = true;
        script.onload = function() {
          if (window['mammoth']) resolve(window['mammoth']);
          else reject(new Error('the .docx reader did not start'));
        };
        script.onerror = function() {
          PressImport.mammoth = null;  // a later try may succeed (the network was down)
          reject(new Error('the .docx reader could not be loaded from ' + script.src));
        };
        document.head.appendChild(script);
      });
      return PressImport.mammoth;
    },

    // The charset a page declares (a BOM, else <meta charset> or http-equiv in its first
    // 4 KB), as TextDecoder names it; browsers read gb2312 and gbk as gb18030.
    charset: function(bytes) {
      if (bytes[0] === 0xEF && bytes[1] === 0xBB && bytes[2] === 0xBF) return 'utf-8';
      if (bytes[0] === 0xFF && bytes[1] === 0xFE) return 'utf-16le';
      if (bytes[0] === 0xFE && bytes[1] === 0xFF) return 'utf-16be';
      var head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096));
      var m = /<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)/i.exec(head);
      var label = m ? m[1].toLowerCase() : 'utf-8';
      if (label === 'gb2312' || label === 'gbk' || label === 'x-gbk') label = 'gb18030';
      try { new TextDecoder(label); } catch (e) { label = 'utf-8'; }
      // A page re-saved as UTF-8 keeps its old <meta>: believe the bytes when they are UTF-8.
      if (label !== 'utf-8') {
        try { new TextDecoder('utf-8', { fatal: true }).decode(bytes); return 'utf-8'; } catch (e) {}
      }
      return label;
    },

    read: function(bytes, docx) {
      if (!docx) {
        var html = new TextDecoder(PressImport.charset(bytes)).decode(bytes);
        return Promise.resolve({ html: html, warnings: [] });
      }
      return PressImport.loadMammoth().then(function(mammoth) {
        // Pictures come inline as data: URIs (mammoth's default), stored by the session
        // like pasted ones.
        return mammoth['convertToHtml']({ 'arrayBuffer': bytes.buffer });
      }).then(function(result) {
        var warnings = (result['messages'] || []).map(function(m) { return m['message']; });
        return { html: result['value'] || '', warnings: warnings };
      });
    },
  },

  press_js_read_document__deps: ['$PressImport', '$PressWeb'],
  press_js_read_document: function(request, dataPtr, dataLen, docx) {
    var bytes = HEAPU8.slice(dataPtr, dataPtr + dataLen);
    var reply = function(ok, error, compact, warnings) {
      if (PressWeb.gone) return;
      PressWeb.withStrings([error, compact, warnings], function(e, c, w) {
        _press_document_reply(request, ok ? 1 : 0, e, c, w);
      });
    };
    PressImport.read(bytes, docx !== 0).then(function(r) {
      var doc = new DOMParser().parseFromString(r.html, 'text/html');
      reply(true, '', PressPaste.encode(doc).text, r.warnings.slice(0, 20).join('\n'));
    }, function(e) {
      reply(false, (e && e.message) || String(e), '', '');
    });
  },
};

mergeInto(LibraryManager.library, LibraryPressImport);
