#pragma once
// Problems from the core and the server, worded in the user's language: the core and the
// API say what is wrong in English with a stable code; these turn the code into a sentence.
#include <string>
#include <string_view>

#include "core/diagnostic.h"
#include "core/file_kind.h"

namespace press::ui {

// "标题不能为空", "文件内容不是有效的 JSON（第 3 行第 5 列）". Unknown codes keep the
// core's English message after the field's name.
std::string describe(const core::Diagnostic& d);

// The name of an article field path ("channel[1]" -> "栏目"); the path itself when unknown.
std::string field_name(std::string_view path);

// "PNG 图片", "Word 文档（.docx）"; empty for JSON (an article file, or a broken one).
std::string file_kind_name(core::FileKind kind);

// Why a file that is not an article cannot be imported, and what to do instead; empty when
// the bytes may be an article file (JSON) and parsing should say what is wrong.
// documents: whether this editor imports pages and .docx files (EditorSession::imports_documents).
std::string not_an_article(std::string_view file_name, std::string_view bytes,
                           bool documents = false);

// A server's error identifier ("invalid_token", "storage_unavailable", ...) as a sentence;
// empty when the identifier is not known.
std::string server_error(std::string_view code);

}  // namespace press::ui
