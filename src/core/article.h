#pragma once
// The portal news article: every field of the article page plus what the server tracks.
#include <cstdint>
#include <string>
#include <vector>

namespace press::core {

constexpr int kArticleSchema = 1;  // interchange format version this code writes

enum class ArticleStatus { Draft, Published };

struct Article {
  // Server bookkeeping (absent in hand-written files).
  std::string id;        // [A-Za-z0-9_-]{1,64}; empty for a draft never uploaded
  int64_t revision = 0;  // bumped by the server on every accepted write
  ArticleStatus status = ArticleStatus::Draft;

  // The page.
  std::vector<std::string> channel;  // labels under the home label: {"新闻中心", "媒体看工贸"}
  std::string title;
  std::string author;
  std::string source;
  int64_t published_at = 0;  // Unix seconds, minute precision
  int64_t updated_at = 0;    // last edited; shown on the editor line
  std::string link;          // original URL of a reprinted report; empty when none
  std::string editor;        // responsible editor
  std::string body;          // Markdown
};

// Limits that keep a single article sane; counted in code points except the body (bytes).
struct ArticleLimits {
  static constexpr size_t kTitle = 200;
  static constexpr size_t kPerson = 64;  // author, source, editor
  static constexpr size_t kChannelLevels = 6;
  static constexpr size_t kChannelLabel = 32;
  static constexpr size_t kLinkBytes = 2048;
  static constexpr size_t kBodyBytes = 16u << 20;
  static constexpr size_t kIdBytes = 64;
};

const char* to_string(ArticleStatus s);

}  // namespace press::core
