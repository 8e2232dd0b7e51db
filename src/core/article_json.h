#pragma once
// Article interchange format (JSON, v1 and later): the only place articles are parsed.
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>

#include "core/article.h"
#include "core/diagnostic.h"

namespace press::core {

// Free conversions beside the type, nlohmann style. to_json writes every field;
// from_json never throws: missing keys keep their defaults, wrong types are skipped
// (use read_article to learn about them).
void to_json(nlohmann::json& j, const Article& a);
void from_json(const nlohmann::json& j, Article& a);

// Reads an article from a JSON value and reports every problem with its field path.
// Unknown fields are ignored so newer files keep loading.
Diagnostics read_article(const nlohmann::json& j, Article& out);

// Checks the field rules (required fields, lengths, UTF-8, link scheme, id form).
Diagnostics validate_article(const Article& a);

struct ArticleParse {
  Article article;
  Diagnostics errors;  // syntax errors carry line/column; field errors carry the path
  bool ok() const { return errors.empty(); }
};
// Parse + read + validate: the boundary for files, uploads and browser storage.
ArticleParse parse_article(std::string_view json_text);

std::string article_to_json(const Article& a, int indent = 2);

}  // namespace press::core
