#include "platform/web/browser_documents.h"

#include <emscripten/emscripten.h>

#include <map>

#include "platform/web/js_bridge.h"

extern "C" {
void press_js_read_document(int request, const char* data, size_t size, int docx);

EMSCRIPTEN_KEEPALIVE void press_document_reply(int request, int ok, const char* error,
                                               const char* compact, const char* warnings) {
  press::web::BrowserDocuments::reply(request, ok, error, compact, warnings);
}
}

namespace press::web {

namespace {

using ReadDone = ui::Callback<void(bool, std::string, ui::ReadDocument)>;

std::map<int, ReadDone>& pending() {
  static std::map<int, ReadDone> requests;
  return requests;
}

}  // namespace

bool BrowserDocuments::reads(core::FileKind kind) const {
  return kind == core::FileKind::Html || kind == core::FileKind::Docx;
}

void BrowserDocuments::read(const std::string& name, std::string bytes, ReadDone done) {
  (void)name;
  static int next = 1;
  const int id = next++;
  pending()[id] = std::move(done);
  press_js_read_document(id, bytes.data(), bytes.size(),
                         core::sniff_file(bytes) == core::FileKind::Docx ? 1 : 0);
}

void BrowserDocuments::reply(int request, int ok, const char* error, const char* compact,
                             const char* warnings) {
  auto it = pending().find(request);
  if (it == pending().end()) return;
  ReadDone done = std::move(it->second);
  pending().erase(it);
  ui::ReadDocument document;
  std::string why = ok ? std::string() : std::string(error ? error : "");
  if (ok) {
    document.tree = core::decode_compact_html(compact ? compact : "");
    std::string_view rest = warnings ? warnings : "";
    while (!rest.empty()) {
      const size_t end = std::min(rest.find('\n'), rest.size());
      if (end > 0) document.warnings.emplace_back(rest.substr(0, end));
      rest.remove_prefix(std::min(end + 1, rest.size()));
    }
  }
  Completions::instance().push(
      [done = std::move(done), ok, why = std::move(why), document = std::move(document)]() mutable {
        if (done) done(ok != 0, std::move(why), std::move(document));
      });
  wake();
}

}  // namespace press::web
