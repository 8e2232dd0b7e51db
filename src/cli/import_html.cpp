// press import-html: a web page (a saved page, Word's or WPS's "Save as web page", clipboard
// HTML kept in a file) or a Word .docx turned into article JSON, its body in Markdown
// (core/html_markdown.h does the converting, gumbo or the .docx reader the reading).
//
// Pictures go where the project keeps media files: with --media DIR each picture that can
// be read (a data: URI, a picture inside the .docx, a file beside the page or on this
// machine) is written as DIR/<sha256>.<ext> and the body refers to it as
// media/<sha256>.<ext>, the way `press render --media DIR` and the server read them. The
// others (Word's file:///C:/.../clip_image001.png of another computer, pictures on other
// sites, formats the portal does not store) are taken out of the body and listed on stderr
// as 需重新插入, with where they came from.
#include <openssl/evp.h>
#include <sys/stat.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cli/cli_support.h"
#include "core/guard_text.h"
#include "core/data_uri.h"
#include "core/file_kind.h"
#include "core/html_markdown.h"
#include "core/media.h"
#include "core/utf8.h"
#include "platform/native/import/docx_reader.h"
#include "platform/native/import/html_gumbo.h"

namespace press::cli {

namespace {

// A picture file read from the disk (beside the page, or a file:// URL of this machine).
constexpr size_t kPictureMaxBytes = 32u << 20;
// What an imported article is filed under until the editor picks its channel.
constexpr std::string_view kDefaultChannel = "新闻中心";

struct Imported {
  core::HtmlTree tree;
  std::vector<native::DocxPicture> pictures;  // a .docx's
  std::vector<std::string> warnings;          // the .docx reader's
};

std::string sha256_hex(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest, &length, EVP_sha256(), nullptr);
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned i = 0; i < length; ++i) {
    out += kHex[digest[i] >> 4];
    out += kHex[digest[i] & 15];
  }
  return out;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string percent_decode(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && hex_value(s[i + 1]) >= 0 && hex_value(s[i + 2]) >= 0) {
      out += char(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2]));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

bool starts_with_nocase(std::string_view s, std::string_view prefix) {
  return core::guard_text::starts_with_ci(s, 0, prefix);
}

std::string folder_of(const std::string& path) {
  if (path == "-") return ".";
  const size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

// "报告.html" from "dir/报告.html": the title when the document has none.
std::string stem_of(const std::string& path) {
  std::string name = path.substr(path.rfind('/') == std::string::npos ? 0 : path.rfind('/') + 1);
  const size_t dot = name.rfind('.');
  if (dot != std::string::npos && dot > 0) name.resize(dot);
  return name == "-" ? std::string() : name;
}

// A regular file's bytes, up to kPictureMaxBytes; nullopt when there is none (or it is larger).
std::optional<std::string> read_picture_file(const std::string& path, std::string& why) {
  struct stat st;
  if (stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) {
    why = "no such file on this computer";
    return std::nullopt;
  }
  if (uint64_t(st.st_size) > kPictureMaxBytes) {
    why = "the file is larger than 32 MB";
    return std::nullopt;
  }
  FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) {
    why = std::strerror(errno);
    return std::nullopt;
  }
  std::string bytes(size_t(st.st_size), '\0');
  bytes.resize(std::fread(bytes.data(), 1, bytes.size(), f));
  std::fclose(f);
  return bytes;
}

// The bytes of picture `image`, or nullopt with the reason in `why`.
std::optional<std::string> picture_bytes(const core::ImportedImage& image, const Imported& doc,
                                         const std::string& page_folder, std::string& why) {
  using Source = core::ImportedImage::Source;
  switch (image.source) {
    case Source::Data: {
      auto uri = core::decode_data_uri(image.src);
      if (!uri) {
        why = "its data: URI is malformed or larger than 32 MB";
        return std::nullopt;
      }
      return std::move(uri->bytes);
    }
    case Source::Part: {
      const std::string_view name = std::string_view(image.src).substr(
          image.src.size() >= native::kDocxPictureScheme.size() ? native::kDocxPictureScheme.size()
                                                                : image.src.size());
      for (const native::DocxPicture& p : doc.pictures)
        if (p.name == name) return p.bytes;
      why = "the .docx does not hold it";
      return std::nullopt;
    }
    case Source::Local: {
      // file:///home/... is read when it is on this computer; file:///C:/Users/... (what
      // Word and WPS write: their temporary folder) never is.
      std::string_view url = image.src;
      if (starts_with_nocase(url, "file://")) url.remove_prefix(7);
      if (url.empty() || url[0] != '/' || (url.size() > 2 && url[2] == ':')) {
        why =
            "a file on the computer it was copied on (Word/WPS write their temporary "
            "folder); paste from Word into the editor, which takes the pictures from the "
            "clipboard";
        return std::nullopt;
      }
      auto bytes = read_picture_file(percent_decode(url), why);
      if (!bytes) why = "a file on the computer it was copied on: " + why;
      return bytes;
    }
    case Source::Remote:
      why = "on another site: paste the article into the editor, whose server fetches it";
      return std::nullopt;
    case Source::Other:
      break;
  }
  // A relative path (a saved page's 报告.files/image001.png): beside the page.
  std::string_view path = image.src;
  path = path.substr(0, path.find_first_of("?#"));
  if (path.empty() || path.find(':') != std::string_view::npos || path[0] == '/') {
    why = "not an address a picture can be read from";
    return std::nullopt;
  }
  auto bytes = read_picture_file(page_folder + "/" + percent_decode(path), why);
  if (!bytes) why = "not found beside the page (" + why + ")";
  return bytes;
}

bool ensure_folder(const std::string& dir) {
  struct stat st;
  if (stat(dir.c_str(), &st) == 0) {
    if (S_ISDIR(st.st_mode)) return true;
    std::fprintf(stderr, "press: %s: not a folder\n", dir.c_str());
    return false;
  }
  if (mkdir(dir.c_str(), 0755) != 0) {
    std::fprintf(stderr, "press: %s: %s\n", dir.c_str(), std::strerror(errno));
    return false;
  }
  return true;
}

// Stores bytes in DIR as <sha256>.<ext>; the body's reference to it, or "" with `why`.
// A failed write is an I/O error (io_failed), not a picture to insert again.
std::string store_picture(const std::string& dir, const std::string& bytes, std::string& why,
                          bool& io_failed) {
  const core::FileKind kind = core::sniff_file(bytes);
  const core::MediaFormat* format = core::media_format_of(kind);
  if (!format || format->kind != core::MediaKind::Image) {
    why = "a " + std::string(core::to_string(kind)) +
          " file, not a picture the portal stores (JPEG, PNG, GIF, WebP)";
    return {};
  }
  core::MediaRef ref{sha256_hex(bytes), std::string(format->ext)};
  const std::string file = dir + "/" + ref.id + "." + ref.ext;
  struct stat st;
  if (stat(file.c_str(), &st) != 0 || uint64_t(st.st_size) != bytes.size()) {
    if (!write_output(file, bytes)) {
      io_failed = true;
      return {};
    }
  }
  return "media/" + ref.id + "." + ref.ext;  // as the body refers to a stored file
}

std::string one_line(std::string_view s, size_t max_code_points) {
  std::string out;
  size_t count = 0;
  for (size_t i = 0; i < s.size() && count < max_code_points;) {
    const char32_t cp = core::utf8::decode(s, i);
    core::utf8::append(out, cp < 0x20 ? U' ' : cp);
    ++count;
  }
  return out;
}

int64_t now_to_the_minute() {
  const int64_t now = int64_t(std::time(nullptr));
  return now - now % 60;
}

// press import-html FILE --bench N: parse + convert in this process N times (after a
// warm-up), the times in milliseconds on stdout as JSON, for scripts/bench-paste.sh.
int bench(const std::string& bytes, int runs) {
  std::vector<double> times;
  size_t chars = 0;
  for (int i = 0; i <= runs; ++i) {
    const auto t0 = std::chrono::steady_clock::now();
    const core::HtmlImport converted = core::html_to_markdown(native::parse_html(bytes));
    const auto t1 = std::chrono::steady_clock::now();
    chars = core::utf8::count_code_points(converted.markdown);
    if (i > 0) times.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
  }
  std::printf("{\"times\": [");
  for (size_t i = 0; i < times.size(); ++i) std::printf("%s%.3f", i ? ", " : "", times[i]);
  std::printf("], \"markdownChars\": %zu}\n", chars);
  return kExitOk;
}

}  // namespace

int import_html(const Args& args) {
  std::string page_path, output_path, media_dir;
  int bench_runs = 0;
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "-o" || args[i] == "--media" || args[i] == "--bench") {
      const std::string option = args[i];
      const auto v = option_value(args, i);
      if (!v) return kExitUsage;
      if (option == "-o") {
        output_path = *v;
      } else if (option == "--media") {
        media_dir = *v;
      } else {
        bench_runs = std::atoi(v->c_str());
        if (bench_runs < 1 || bench_runs > 1000)
          return usage_error("import-html: --bench takes a number of runs, 1 to 1000");
      }
    } else if (args[i].size() > 1 && args[i][0] == '-') {
      return usage_error("import-html: unknown option " + args[i]);
    } else if (page_path.empty()) {
      page_path = args[i];
    } else {
      return usage_error("import-html: one file at a time");
    }
  }
  if (page_path.empty()) return usage_error("import-html: which PAGE.html or DOC.docx?");
  const auto bytes = read_file(page_path);
  if (!bytes) return kExitUsage;

  Imported doc;
  const core::FileKind kind = core::sniff_file(*bytes);
  switch (kind) {
    case core::FileKind::Docx:
    case core::FileKind::Zip:
    case core::FileKind::Xlsx:
    case core::FileKind::Pptx:
    case core::FileKind::OleOffice: {  // read_docx names old .doc and encrypted files
      core::Result<native::DocxDocument> read = native::read_docx(*bytes);
      if (!read) {
        print_diagnostics(page_path, read.error().problems);
        return kExitContent;
      }
      doc.tree = std::move(read->tree);
      doc.pictures = std::move(read->pictures);
      doc.warnings = std::move(read->warnings);
      break;
    }
    case core::FileKind::Png:
    case core::FileKind::Jpeg:
    case core::FileKind::Gif:
    case core::FileKind::Webp:
    case core::FileKind::Bmp:
    case core::FileKind::Pdf:
    case core::FileKind::Json:
    case core::FileKind::Rtf:
      std::fprintf(stderr, "press: %s: this is a %s file, not an HTML page or a .docx\n",
                   page_path.c_str(), std::string(core::to_string(kind)).c_str());
      return kExitContent;
    default:
      if (bench_runs > 0) return bench(*bytes, bench_runs);
      doc.tree = native::parse_html(*bytes);
      break;
  }
  if (bench_runs > 0) return usage_error("import-html: --bench times HTML pages only");

  const core::HtmlImport converted = core::html_to_markdown(doc.tree);
  for (const std::string& w : doc.warnings)
    std::fprintf(stderr, "press: warning: %s: %s\n", page_path.c_str(), w.c_str());
  if (converted.truncated || doc.tree.truncated)
    std::fprintf(stderr,
                 "press: warning: %s: the document is longer than an import reads; "
                 "its end is missing\n",
                 page_path.c_str());
  if (converted.dropped_links > 0)
    std::fprintf(stderr,
                 "press: warning: %s: %zu link(s) with an unsafe or relative target "
                 "kept as text\n",
                 page_path.c_str(), converted.dropped_links);

  // Pictures: stored in --media DIR, or taken out and listed.
  const bool store = !media_dir.empty();
  if (store && !converted.images.empty() && !ensure_folder(media_dir)) return kExitUsage;
  const std::string page_folder = folder_of(page_path);
  std::vector<std::string> urls(converted.images.size());
  for (size_t i = 0; i < converted.images.size(); ++i) {
    const core::ImportedImage& image = converted.images[i];
    std::string why;
    if (auto picture = picture_bytes(image, doc, page_folder, why)) {
      if (!store) {
        why = "no --media DIR to store it in";
      } else {
        bool io_failed = false;
        urls[i] = store_picture(media_dir, *picture, why, io_failed);
        if (io_failed) return kExitUsage;
      }
    }
    if (urls[i].empty()) {
      std::string source = image.src.size() > 200 ? image.src.substr(0, 200) + "…" : image.src;
      std::fprintf(stderr, "press: warning: %s: 图片 %zu 需重新插入: %s (%s)\n", page_path.c_str(),
                   i + 1, source.c_str(), why.c_str());
    }
  }

  core::Article article;
  article.channel = {std::string(kDefaultChannel)};
  article.title = one_line(converted.title, core::ArticleLimits::kTitle);
  if (article.title.empty())
    article.title = one_line(stem_of(page_path), core::ArticleLimits::kTitle);
  article.published_at = article.updated_at = now_to_the_minute();
  article.body = core::place_images(converted.markdown, urls);
  const core::Diagnostics problems = core::validate_article(article);
  if (!problems.empty()) {
    print_diagnostics(page_path, problems);
    return kExitContent;
  }
  return write_output(output_path, core::article_to_json(article)) ? kExitOk : kExitUsage;
}

}  // namespace press::cli
