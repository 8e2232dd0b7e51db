// Embedding API of one module instance (--post-js: runs inside the module, after the
// runtime is set up). web/widget/press.js wraps it in the documented mount() interface.
//
// Each call maps onto one EditorSession command (src/ui/editor_session.h), through
// Widget::api_call (widget.cpp):
//   call('load', json)   -> EditorSession::import("article.json", json)
//   call('save')         -> EditorSession::save(done)
//   call('publish')      -> EditorSession::queue_publish(open draft)  (the outbox)
//   call('unmount')      -> EditorSession::shutdown() (via App::shutdown)
//   getArticle()         -> EditorSession::draft() (id + article)
//   item(name), debug()  -> the view (App::item) and the widget's own counters
Module['pressPending'] = {};
Module['pressApi'] = (function() {
  var next = 1;
  function call(method, argument) {
    return new Promise(function(resolve, reject) {
      var id = next++;
      Module['pressPending'][id] = { resolve: resolve, reject: reject };
      var m = allocateUTF8(method), a = allocateUTF8(argument || '');
      try { _press_api_call(id, m, a); } finally { _free(m); _free(a); }
    });
  }
  return {
    'getArticle': function() { return JSON.parse(UTF8ToString(_press_api_article())); },
    'call': call,
    'item': function(name) {
      var n = allocateUTF8(name);
      try { return JSON.parse(UTF8ToString(_press_api_item(n))); } finally { _free(n); }
    },
    'debug': function() { return JSON.parse(UTF8ToString(_press_api_debug())); },
  };
})();
