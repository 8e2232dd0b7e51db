// Rich paste (rich_paste.h): EditorSession::paste_html and App::paste_rich, the platform's
// way in when the clipboard holds HTML.
#include "ui/rich_paste.h"

#include <algorithm>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/data_uri.h"
#include "core/rtf_pictures.h"
#include "ui/app.h"
#include "ui/editor_session.h"
#include "ui/media_shelf.h"
#include "ui/strings.h"

namespace press::ui {

namespace {

bool zh() {
  return language() == Lang::Zh;
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// Markdown a paragraph cannot hold inline: it opens a block where it stands.
bool opens_block(std::string_view line) {
  if (line.empty()) return false;
  const char c = line[0];
  if (c == '#' || c == '>' || c == '|' || c == '!' || c == '`' || c == '~') return true;
  if ((c == '-' || c == '*' || c == '+') && line.size() > 1 && line[1] == ' ') return true;
  size_t i = 0;
  while (i < line.size() && is_digit(line[i])) ++i;
  return i > 0 && i + 1 < line.size() && (line[i] == '.' || line[i] == ')') && line[i + 1] == ' ';
}

// The last path segment of a picture's address, without query or fragment.
std::string file_name_of(std::string_view src) {
  if (src.size() > 5 && (src.substr(0, 5) == "data:" || src.substr(0, 5) == "DATA:")) return {};
  const size_t cut = src.find_first_of("?#");
  if (cut != std::string_view::npos) src = src.substr(0, cut);
  const size_t slash = src.find_last_of("/\\");
  if (slash != std::string_view::npos) src = src.substr(slash + 1);
  if (src.empty() || src.size() > 80) return {};
  return std::string(src);
}

const char* picture_mime(std::string_view mime) {
  static const char* const kMimes[] = {"image/png", "image/jpeg", "image/gif", "image/webp",
                                       "image/bmp"};
  for (const char* m : kMimes)
    if (mime == m) return m;
  if (mime == "image/jpg") return "image/jpeg";
  return nullptr;
}

const char* extension_of(std::string_view mime) {
  if (mime == "image/png") return "png";
  if (mime == "image/jpeg") return "jpg";
  if (mime == "image/gif") return "gif";
  if (mime == "image/webp") return "webp";
  return "bmp";
}

}  // namespace

// ---- The pure steps --------------------------------------------------------------------------

std::string fit_paste(std::string_view body, size_t begin, size_t end, std::string_view markdown) {
  end = std::min(end, body.size());
  begin = std::min(begin, end);
  while (!markdown.empty() && (markdown.front() == '\n' || markdown.front() == '\r'))
    markdown.remove_prefix(1);
  while (!markdown.empty() && (markdown.back() == '\n' || markdown.back() == '\r'))
    markdown.remove_suffix(1);
  if (markdown.empty()) return {};
  const bool block =
      markdown.find('\n') != std::string_view::npos || opens_block(markdown.substr(0, 8));
  if (!block) return std::string(markdown);
  size_t before = 0;  // line ends just before the insertion point
  while (before < 2 && before < begin && body[begin - 1 - before] == '\n') ++before;
  size_t after = 0;
  while (after < 2 && end + after < body.size() && body[end + after] == '\n') ++after;
  std::string out;
  out.reserve(markdown.size() + 4);
  if (begin > 0) out.append(2 - before, '\n');
  out += markdown;
  if (end < body.size()) out.append(2 - after, '\n');
  return out;
}

std::string picture_label(const core::ImportedImage& image, size_t index) {
  if (!image.alt.empty()) return image.alt;
  std::string name = file_name_of(image.src);
  if (!name.empty()) return name;
  return (zh() ? "图片 " : "picture ") + std::to_string(index + 1);
}

std::string paste_status(const PasteReport& r, const std::string& document) {
  if (r.refused)
    return zh() ? "粘贴的内容超过 4 MB，未粘贴"
                : "The pasted content is over 4 MB: nothing was pasted";
  std::string s = document.empty() ? (zh() ? "已粘贴" : "Pasted")
                                   : (zh() ? "已导入“" + document + "”" : "Imported " + document);
  if (r.stored > 0)
    s += zh() ? "，图片 " + std::to_string(r.stored) + " 张"
              : ", " + std::to_string(r.stored) + (r.stored == 1 ? " picture" : " pictures");
  if (r.truncated) s += zh() ? "（内容过长，只粘贴了前面部分）" : " (too long: only the start)";
  if (!r.missing.empty()) {
    s += zh() ? "；需重新插入图片：" : "; insert these pictures again: ";
    const size_t shown = std::min<size_t>(r.missing.size(), 5);
    for (size_t i = 0; i < shown; ++i) {
      if (i > 0) s += zh() ? "、" : ", ";
      s += "“" + r.missing[i] + "”";
    }
    if (r.missing.size() > shown)
      s += zh() ? " 等 " + std::to_string(r.missing.size()) + " 张"
                : " and " + std::to_string(r.missing.size() - shown) + " more";
  }
  return s;
}

// ---- The session's command ---------------------------------------------------------------------

struct EditorSession::PasteJob {
  std::string draft_id;
  size_t begin = 0, end = 0;
  std::string body;  // the body when the paste began
  core::HtmlImport import;
  std::vector<DocumentPicture> parts;  // the pictures of an imported document, by src
  std::string document;                // an imported document's file name, else empty
  std::vector<std::string> warnings;   // what its reader left out, for the status line
  std::vector<std::string> urls;       // per picture: where it went, empty: removed
  size_t waiting = 0;                  // pictures still being stored
  PasteReport report;
};

void EditorSession::paste_compact_html(size_t begin, size_t end, std::string_view compact,
                                       std::string_view rtf) {
  paste_html(begin, end, core::decode_compact_html(compact), rtf);
}

void EditorSession::paste_html(size_t begin, size_t end, const core::HtmlTree& tree,
                               std::string_view rtf) {
  paste_tree(begin, end, tree, rtf, {}, {});
}

void EditorSession::paste_tree(size_t begin, size_t end, const core::HtmlTree& tree,
                               std::string_view rtf, std::vector<DocumentPicture> parts,
                               std::string document, std::vector<std::string> warnings) {
  if (!draft_.open) return;
  auto job = std::make_shared<PasteJob>();
  job->parts = std::move(parts);
  job->document = std::move(document);
  job->warnings = std::move(warnings);
  job->draft_id = draft_.id;
  job->body = draft_.article.body;
  job->end = std::min(end, job->body.size());
  job->begin = std::min(begin, job->end);
  job->import = core::html_to_markdown(tree);
  PasteReport& r = job->report;
  r.truncated = job->import.truncated || tree.truncated;
  const std::vector<core::ImportedImage>& images = job->import.images;
  r.pictures = images.size();
  job->urls.assign(images.size(), std::string());
  if (job->import.markdown.size() > kMaxPasteBytes) {  // no picture is worth storing then
    finish_paste(*job);
    return;
  }

  core::RtfPictures rtf_pics;
  const bool wants_rtf = std::any_of(images.begin(), images.end(), [](const auto& i) {
    return i.source == core::ImportedImage::Source::Local;
  });
  if (wants_rtf && !rtf.empty()) rtf_pics = core::rtf_pictures(rtf, kMaxPasteRtfPictureBytes);

  // Each picture's bytes (or the server's fetch), decided before any is stored: a platform
  // that answers at once must not finish the paste while the rest are still to start.
  struct Plan {
    size_t index;
    std::string name, mime, bytes;
    bool fetch = false;
  };
  std::vector<Plan> plans;
  const bool can_store = platform_.media != nullptr;
  const bool can_fetch =
      platform_.http != nullptr && !normalize_server_url(settings_.server_url).empty();
  for (size_t i = 0; i < images.size(); ++i) {
    const core::ImportedImage& im = images[i];
    Plan p{i, file_name_of(im.src), {}, {}, false};
    bool ok = false;
    if (i < kMaxPastePictures) switch (im.source) {
        case core::ImportedImage::Source::Data:
          if (can_store) {
            std::optional<core::DataUri> data = core::decode_data_uri(im.src);
            if (data && !data->bytes.empty() && picture_mime(data->mime)) {
              p.mime = picture_mime(data->mime);
              p.bytes = std::move(data->bytes);
              ok = true;
            }
          }
          break;
        case core::ImportedImage::Source::Local:
          if (can_store && im.local_index >= 0 &&
              size_t(im.local_index) < rtf_pics.pictures.size()) {
            core::RtfPicture& pic = rtf_pics.pictures[size_t(im.local_index)];
            if ((pic.format == core::RtfPicture::Format::Png ||
                 pic.format == core::RtfPicture::Format::Jpeg) &&
                !pic.bytes.empty()) {
              p.mime = pic.format == core::RtfPicture::Format::Png ? "image/png" : "image/jpeg";
              p.bytes = std::move(pic.bytes);
              ok = true;
            }
          }
          break;
        case core::ImportedImage::Source::Part:
          if (can_store)
            for (DocumentPicture& part : job->parts)
              if (part.src == im.src && picture_mime(part.mime) && !part.bytes.empty()) {
                p.mime = picture_mime(part.mime);
                if (p.name.empty() || p.name.find(':') != std::string::npos) p.name = part.name;
                p.bytes = std::move(part.bytes);
                ok = true;
                break;
              }
          break;
        case core::ImportedImage::Source::Remote:
          p.fetch = ok = can_fetch;
          break;
        default:
          break;
      }
    if (!ok) continue;
    if (!p.fetch) {
      // The name the picture is stored under: its own with the extension of its bytes.
      if (p.name.empty()) p.name = "image-" + std::to_string(i + 1);
      const size_t dot = p.name.find_last_of('.');
      if (dot != std::string::npos && dot > 0) p.name.resize(dot);
      p.name += std::string(".") + extension_of(p.mime);
    }
    plans.push_back(std::move(p));
  }
  job->waiting = plans.size() + 1;  // + this call, so no answer finishes the paste early
  ++pastes_waiting_;
  for (Plan& p : plans) {
    if (p.fetch)
      fetch_paste_picture(job, p.index);
    else
      store_paste_picture(job, p.index, std::move(p.name), std::move(p.mime), std::move(p.bytes));
  }
  paste_picture_done(job);
}

void EditorSession::store_paste_picture(const std::shared_ptr<PasteJob>& job, size_t index,
                                        std::string name, std::string mime, std::string bytes) {
  platform_.media->store_bytes(
      std::move(name), std::move(mime), std::move(bytes),
      guard([this, job, index](StorageResult result, core::MediaFile file) {
        if (result.ok && !file.id.empty() && file.kind == core::MediaKind::Image) {
          media_->add(file);
          job->urls[index] = "media/" + file.id + "." + file.ext;
        }
        paste_picture_done(job);
      }));
}

void EditorSession::fetch_paste_picture(const std::shared_ptr<PasteJob>& job, size_t index) {
  HttpRequest q;
  q.method = "POST";
  q.url = normalize_server_url(settings_.server_url) + "/api/v1/media";
  if (!settings_.token.empty()) q.headers.push_back({"Authorization", "Bearer " + settings_.token});
  q.headers.push_back({"Accept", "application/json"});
  q.headers.push_back({"Content-Type", "application/json; charset=utf-8"});
  nlohmann::json body = nlohmann::json::object();
  body["url"] = job->import.images[index].src;
  q.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  q.timeout_seconds = 30;
  platform_.http->send(std::move(q), guard([this, job, index](HttpResponse response) {
                         core::MediaFile file;
                         if (response.status >= 200 && response.status < 300 &&
                             read_media_record(response.body, file) &&
                             file.kind == core::MediaKind::Image) {
                           // Stored by the server: on the shelf as already uploaded.
                           media_->add(file);
                           media_->uploaded(file.id, file);
                           job->urls[index] = "media/" + file.id + "." + file.ext;
                         }
                         paste_picture_done(job);
                       }));
}

void EditorSession::paste_picture_done(const std::shared_ptr<PasteJob>& job) {
  if (job->waiting == 0 || --job->waiting > 0) return;
  if (pastes_waiting_ > 0) --pastes_waiting_;
  finish_paste(*job);
}

void EditorSession::finish_paste(PasteJob& job) {
  PasteReport& r = job.report;
  r.done = true;
  const std::vector<core::ImportedImage>& images = job.import.images;
  r.stored = 0;
  r.missing.clear();
  for (size_t i = 0; i < images.size(); ++i) {
    if (!job.urls[i].empty())
      ++r.stored;
    else
      r.missing.push_back(picture_label(images[i], i));
  }
  // Another draft was opened meanwhile: this paste belonged to the one that is gone.
  if (!draft_.open || draft_.id != job.draft_id) {
    last_paste_ = std::move(r);
    return;
  }
  std::string markdown = core::place_images(job.import.markdown, job.urls);
  // The converter took the document's title out of the body. An article with no title yet
  // takes it; one with its own title keeps the pasted one as the body's first heading,
  // unless they are the same, so no pasted text is lost.
  auto untitled = [this] {
    return draft_.article.title.find_first_not_of(" \t\r\n") == std::string::npos;
  };
  const std::string& title = job.import.title;
  if (!title.empty() && title != draft_.article.title) {
    if (untitled())
      set_field(ArticleField::Title, title);
    else if (!job.import.title_markdown.empty())
      markdown = job.import.title_markdown + "\n" + markdown;
  }
  // A document with no title of its own is named by its file: "2024年工作总结.docx".
  if (!job.document.empty() && untitled()) {
    const size_t dot = job.document.find_last_of('.');
    set_field(ArticleField::Title, job.document.substr(0, dot == 0 ? std::string::npos : dot));
  }
  if (markdown.size() > kMaxPasteBytes) {
    r.refused = true;
    last_paste_ = r;
    set_status(paste_status(r, job.document), StatusKind::Error);
    return;
  }
  const std::string& body = draft_.article.body;
  size_t begin = job.begin, end = job.end;
  if (body != job.body) {
    if (begin <= body.size() && body.compare(0, begin, job.body, 0, begin) == 0)
      end = begin;
    else
      begin = end = body.size();
  }
  std::string text = fit_paste(body, begin, end, markdown);
  r.inserted = text.size();
  last_paste_ = r;
  if (!text.empty()) replace_body(begin, end, std::move(text));
  std::string status = paste_status(r, job.document);
  for (const std::string& w : job.warnings) status += (zh() ? "；" : "; ") + w;
  set_status(std::move(status), r.missing.empty() && !r.truncated && job.warnings.empty()
                                    ? StatusKind::Ok
                                    : StatusKind::Warning);
}

// ---- The view's way in --------------------------------------------------------------------------

bool App::paste_rich(std::string_view compact, std::string_view rtf) {
  AppState& s = state_;
  if (!session_.draft().open || s.dialog != Dialog::None || !s.body.focused()) return false;
  if (s.body.text() != session_.article().body) session_.set_body(s.body.text());
  const TextSelection sel = s.body.selection();
  session_.paste_compact_html(sel.begin, sel.end, compact, rtf);
  return true;
}

}  // namespace press::ui
