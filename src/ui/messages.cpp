#include "ui/messages.h"

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
  const char* f = field.c_str();
  const std::string at = d.line > 0 ? trf(Str::ErrAt, d.line, d.column) : std::string();
  const std::string_view c = d.code;
  if (c == "json_syntax") return trf(Str::ErrJsonSyntax, d.line, d.column);
  if (c == "not_object") return tr(Str::ErrNotObject);
  if (c == "required") return trf(Str::ErrRequired, f);
  if (c == "too_long") return trf(Str::ErrTooLong, f);
  if (c == "too_large") return trf(Str::ErrTooLargeField, f);
  if (c == "multiline") return trf(Str::ErrMultiline, f);
  if (c == "bad_utf8") return trf(Str::ErrBadUtf8, f) + at;
  if (c == "wrong_type") return trf(Str::ErrWrongType, f);
  if (c == "bad_time") return trf(Str::ErrBadTime, f);
  if (c == "bad_url")
    return d.path == "link" ? std::string(tr(Str::ErrLink)) : trf(Str::ErrBadUrl, f);
  if (c == "bad_value") return trf(Str::ErrBadValue, f);
  if (d.path.empty()) return d.message + at;
  return trf(Str::ErrOther, f, d.message.c_str()) + at;
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

std::string not_an_article(std::string_view file_name, std::string_view bytes) {
  using core::FileKind;
  const FileKind kind = core::sniff_file(bytes);
  if (kind == FileKind::Json) return {};
  // Documents whose text can come in through the clipboard; the rest have no text to offer.
  const bool pasteable = kind == FileKind::Docx || kind == FileKind::OleOffice ||
                         kind == FileKind::Html || kind == FileKind::Rtf ||
                         kind == FileKind::Text || kind == FileKind::Pdf;
  const std::string name(file_name);
  return trf(Str::ImportNotArticle, name.c_str(), file_kind_name(kind).c_str()) +
         (pasteable ? tr(Str::ImportUsePaste) : tr(Str::ImportUseJson));
}

std::string server_error(std::string_view code) {
  if (code == "unauthorized" || code == "invalid_token") return tr(Str::ErrUnauthorized);
  if (code == "forbidden") return tr(Str::ErrForbidden);
  if (code == "origin_not_allowed") return tr(Str::ErrOrigin);
  if (code == "not_found") return tr(Str::ErrNotFound);
  if (code == "deleted") return tr(Str::ErrDeleted);
  if (code == "conflict" || code == "not_deleted") return tr(Str::ErrConflictOther);
  if (code == "payload_too_large") return tr(Str::ErrTooLarge);
  if (code == "storage_unavailable") return tr(Str::ErrStorage);
  if (code == "blocked_by_guard") return tr(Str::ErrRejected);
  if (code == "unsupported_media_type" || code == "body_unreadable" ||
      code == "method_not_allowed" || code == "invalid_query")
    return tr(Str::ErrBadRequest);
  return {};
}

}  // namespace press::ui
