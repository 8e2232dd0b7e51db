#include "ui/messages.h"

#include <utility>

#include "ui/strings.h"

namespace press::ui {

std::string field_name(std::string_view path) {
  const std::string_view base = path.substr(0, path.find('['));
  struct Name {
    std::string_view path;
    Str label;
  };
  static const Name kNames[] = {
      {"title", Str::FieldTitle},
      {"channel", Str::FieldChannel},
      {"published_at", Str::FieldPublishedAt},
      {"updated_at", Str::FieldUpdatedAt},
      {"author", Str::FieldAuthor},
      {"source", Str::FieldSource},
      {"link", Str::FieldLink},
      {"editor", Str::FieldEditor},
      {"body", Str::FieldBody},
      {"id", Str::FieldId},
      {"revision", Str::FieldRevision},
      {"status", Str::FieldStatus},
      {"schema", Str::FieldSchema},
  };
  for (const Name& n : kNames)
    if (n.path == base) return tr(n.label);
  return std::string(path);
}

std::string describe(const core::Diagnostic& d) {
  const std::string field = field_name(d.path);
  const std::string at = d.line > 0 ? trf(Str::ErrAt, d.line, d.column) : std::string();
  if (d.code == "json_syntax") return trf(Str::ErrJsonSyntax, d.line, d.column);
  if (d.code == "not_object") return tr(Str::ErrNotObject);
  if (d.code == "bad_url" && d.path == "link") return tr(Str::ErrLink);
  // The codes worded as "<field> ...", and whether the place in the text is added.
  struct Wording {
    std::string_view code;
    Str text;
    bool located;
  };
  static const Wording kWordings[] = {
      {"required", Str::ErrRequired, false},       {"too_long", Str::ErrTooLong, false},
      {"too_large", Str::ErrTooLargeField, false}, {"multiline", Str::ErrMultiline, false},
      {"bad_utf8", Str::ErrBadUtf8, true},         {"wrong_type", Str::ErrWrongType, false},
      {"bad_time", Str::ErrBadTime, false},        {"bad_url", Str::ErrBadUrl, false},
      {"bad_value", Str::ErrBadValue, false},
  };
  for (const Wording& w : kWordings)
    if (d.code == w.code) return trf(w.text, field.c_str()) + (w.located ? at : std::string());
  if (d.path.empty()) return d.message + at;
  return trf(Str::ErrOther, field.c_str(), d.message.c_str()) + at;
}

std::string file_kind_name(core::FileKind kind) {
  using core::FileKind;
  switch (kind) {
    case FileKind::Json:
      return {};
    case FileKind::Text:
      return tr(Str::FileText);
    case FileKind::Html:
      return tr(Str::FileHtml);
    case FileKind::Svg:
      return tr(Str::FileSvg);
    case FileKind::Rtf:
      return tr(Str::FileRtf);
    case FileKind::Png:
      return trf(Str::FilePicture, "PNG");
    case FileKind::Jpeg:
      return trf(Str::FilePicture, "JPEG");
    case FileKind::Gif:
      return trf(Str::FilePicture, "GIF");
    case FileKind::Webp:
      return trf(Str::FilePicture, "WebP");
    case FileKind::Bmp:
      return trf(Str::FilePicture, "BMP");
    case FileKind::Pdf:
      return tr(Str::FilePdf);
    case FileKind::Docx:
      return tr(Str::FileDocx);
    case FileKind::Xlsx:
      return tr(Str::FileXlsx);
    case FileKind::Pptx:
      return tr(Str::FilePptx);
    case FileKind::Zip:
      return tr(Str::FileZip);
    case FileKind::OleOffice:
      return tr(Str::FileOle);
    case FileKind::Unknown:
      return tr(Str::FileBinary);
  }
  return tr(Str::FileBinary);
}

std::string not_an_article(std::string_view file_name, std::string_view bytes, bool documents) {
  using core::FileKind;
  const FileKind kind = core::sniff_file(bytes);
  if (kind == FileKind::Json) return {};
  // Documents whose text can come in through the clipboard; the rest have no text to offer.
  const bool pasteable = kind == FileKind::Docx || kind == FileKind::OleOffice ||
                         kind == FileKind::Html || kind == FileKind::Rtf ||
                         kind == FileKind::Text || kind == FileKind::Pdf;
  const std::string name(file_name);
  const std::string start = trf(Str::ImportNotArticle, name.c_str(), file_kind_name(kind).c_str());
  if (documents && kind == FileKind::OleOffice) return start + tr(Str::ImportSaveAsDocx);
  if (documents) return start + tr(Str::ImportUseDocument);
  return start + (pasteable ? tr(Str::ImportUsePaste) : tr(Str::ImportUseJson));
}

std::string server_error(std::string_view code) {
  static const std::pair<std::string_view, Str> kErrors[] = {
      {"unauthorized", Str::ErrUnauthorized},  {"invalid_token", Str::ErrUnauthorized},
      {"forbidden", Str::ErrForbidden},        {"origin_not_allowed", Str::ErrOrigin},
      {"not_found", Str::ErrNotFound},         {"deleted", Str::ErrDeleted},
      {"conflict", Str::ErrConflictOther},     {"not_deleted", Str::ErrConflictOther},
      {"payload_too_large", Str::ErrTooLarge}, {"storage_unavailable", Str::ErrStorage},
      {"blocked_by_guard", Str::ErrRejected},  {"unsupported_media_type", Str::ErrBadRequest},
      {"body_unreadable", Str::ErrBadRequest}, {"method_not_allowed", Str::ErrBadRequest},
      {"invalid_query", Str::ErrBadRequest},
  };
  for (const auto& [id, text] : kErrors)
    if (code == id) return tr(text);
  return {};
}

}  // namespace press::ui
