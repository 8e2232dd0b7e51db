#pragma once
// Content guard: findings that keep defaced or spam articles off the portal.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/article.h"
#include "core/document.h"
#include "core/guard_rules.h"
#include "core/media.h"
#include "core/site.h"

namespace press::core {

enum class Severity { Warning, Blocking };

struct Finding {
  Severity severity = Severity::Blocking;
  std::string rule;   // rule_id() of its Rule: the stable id reports and clients share
  std::string field;  // title, author, source, editor, link, body
  size_t offset = 0;  // byte range in that field's text (for body: in the Markdown)
  size_t size = 0;
  int line = 0, column = 0;  // 1-based, in that field
  std::string text;          // the offending text
  std::string message;       // why, in plain words
  std::string suggestion;    // what to write instead (a masked number, a correction); may be empty
};

struct GuardReport {
  std::vector<Finding> findings;
  bool blocks() const;
};

// Where in a Markdown body the guard's terms may begin, found from the Markdown alone: the
// costly first stage of a body check, which can thus run on another core while the body is
// parsed (press render does). check() given it reads only those places of the parsed text,
// and reports exactly what it reports without it.
struct BodyPrescan {
  std::string_view markdown;         // the body it was made from (check() ignores it otherwise)
  std::vector<uint64_t> candidates;  // bit k: a term may begin at markdown[k]
  std::vector<uint64_t> latin;       // bit k: markdown[k] may begin a Latin token
};

// Built once per site profile (the lexicon automaton is compiled here), then used for
// every check. check() is linear in the article's size.
class Guard {
 public:
  explicit Guard(const SiteProfile& site);
  ~Guard();
  Guard(Guard&&) noexcept;
  Guard& operator=(Guard&&) noexcept;

  // media: the stored files the body may refer to (core/media.h); with it, a reference to a
  // file not in it is a finding, without it only a malformed reference is.
  GuardReport check(const Article& a, const Document& body, const BodyPrescan* prescan = nullptr,
                    const MediaCatalog* media = nullptr) const;
  BodyPrescan prescan(std::string_view markdown) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

const char* to_string(Severity s);

}  // namespace press::core
