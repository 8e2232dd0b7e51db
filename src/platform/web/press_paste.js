// JavaScript side of rich paste (--js-library, beside press_web.js, whose paste listener
// calls PressPaste.paste). When the clipboard holds text/html (Word, WPS, LibreOffice, a
// web page) the browser's own DOMParser reads it and the DOM goes to the WebAssembly in
// the compact encoding of src/core/html_tree.h, so the widget carries no HTML parser; the
// core converts it to Markdown (core/html_markdown.h, the session's paste_html). The
// text/rtf flavour goes along: Word keeps its pictures' bytes there.
//
// Ctrl+Shift+V (and a clipboard without HTML) keeps the plain-text paste.

var LibraryPressPaste = {
  $PressPaste: {
    plain: false,          // the paste on its way was asked for with Ctrl+Shift+V
    maxChars: 24 << 20,    // the compact string's cap (the core bounds its tree as well)
    maxHtml: 64 << 20,     // clipboard HTML longer than this is not parsed at all
    clean: /[\u0000-\u0008\u000b-\u001f]/g,  // C0 controls but tab and line feed

    // Ctrl+V / Ctrl+Shift+V on the editor's textarea, just before the paste event.
    key: function(e) {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && (e.code === 'KeyV' || e.key === 'v' || e.key === 'V'))
        PressPaste.plain = !!e.shiftKey;
    },

    // The DOM as one string: \x01 name (\x02 attr \x03 value)* opens an element, \x04 text,
    // \x05 comment, \x06 closes. Iterative: a deeply nested document cannot overflow the
    // stack here. Stops at maxChars (what was written still decodes, its elements closed
    // by the reader).
    encode: function(doc) {
      var parts = [], size = 0, max = PressPaste.maxChars, re = PressPaste.clean;
      var put = function(s) { parts.push(s); size += s.length; };
      var node = doc.firstChild;
      while (node && size < max) {
        var t = node.nodeType, descend = false;
        if (t === 1) {
          var name = (node.localName || node.tagName || '').toLowerCase().replace(re, '');
          var rec = '\x01' + name, attrs = node.attributes;
          for (var i = 0; i < attrs.length; i++)
            rec += '\x02' + attrs[i].name.toLowerCase().replace(re, '') + '\x03' + attrs[i].value.replace(re, '');
          put(rec);
          descend = node.firstChild !== null;
        } else if (t === 3 || t === 4) {
          put('\x04' + node.data.replace(re, ''));
        } else if (t === 8) {
          put('\x05' + node.data.replace(re, ''));
        }
        if (descend) { node = node.firstChild; continue; }
        if (t === 1) put('\x06');
        while (node && node !== doc && node.nextSibling === null) {
          node = node.parentNode;
          if (node && node !== doc) put('\x06');
        }
        node = node && node !== doc ? node.nextSibling : null;
      }
      return { text: parts.join(''), truncated: node !== null && node !== doc };
    },

    // Only pictures and white space: a picture copied from a page (its file is the better copy).
    onlyPictures: function(doc) {
      var body = doc.body;
      return !!body && !/\S/.test(body.textContent || '') && body.querySelector('img') !== null;
    },

    // The paste event's data: true when it went in as rich text.
    paste: function(cd, text) {
      var plain = PressPaste.plain;
      PressPaste.plain = false;
      if (!cd || plain || PressWeb.gone) return false;
      var html = cd.getData('text/html') || '';
      if (!html || html.length > PressPaste.maxHtml) return false;
      var start = performance.now();
      var doc = new DOMParser().parseFromString(html, 'text/html');
      if (cd.files && cd.files.length > 0 && PressPaste.onlyPictures(doc)) return false;
      var encoded = PressPaste.encode(doc).text;
      var rtf = '';
      try { rtf = cd.getData('text/rtf') || ''; } catch (e) {}
      var taken = PressWeb.withStrings([text, encoded, rtf], function(t, h, r) {
        return _press_on_rich_paste(t, h, r);
      });
      performance.measure('press-paste', { 'start': start });
      return taken !== 0;
    },
  },
};

mergeInto(LibraryManager.library, LibraryPressPaste);
