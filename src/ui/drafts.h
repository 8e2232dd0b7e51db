#pragma once
// Drafts in the user's data folder: one article JSON file per draft under drafts/, written
// atomically through the platform's storage. A file that is not a readable article is
// never overwritten or silently skipped: it is moved aside and reported.
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/article.h"
#include "ui/callback.h"
#include "ui/platform.h"

namespace press::ui {

struct DraftSummary {
  std::string id;  // file name without .json: "d-20240601-140512-3f2a"
  std::string title;
  int64_t updated_at = 0;  // the article's last edit, else the file's time
  int64_t saved_at = 0;    // when this computer last wrote the draft: the list's order
  core::ArticleStatus status = core::ArticleStatus::Draft;
  std::string server_id;  // empty until first uploaded
};

// Reads a draft file: any readable article counts, complete or not (a draft may still
// lack a title). False with a located reason when it is not an article.
bool parse_draft(std::string_view text, core::Article& out, std::string& why);

class DraftLibrary {
 public:
  explicit DraftLibrary(Storage& storage) : storage_(storage) {}
  // The clock that stamps saves (Unix seconds); std::time by default.
  void set_clock(std::function<int64_t()> clock) { clock_ = std::move(clock); }

  // Re-reads the drafts folder; broken or foreign files are moved aside (see messages()).
  void refresh(Callback<void()> done = {});
  bool loading() const { return pending_ > 0; }
  const std::vector<DraftSummary>& list() const { return list_; }  // last saved first
  const DraftSummary* find(const std::string& id) const;

  void load(const std::string& id, Callback<void(StorageResult, core::Article)> done);
  void save(const std::string& id, const core::Article& article,
            Callback<void(StorageResult)> done);
  void remove(const std::string& id, Callback<void(StorageResult)> done);

  // Reports of files moved aside (or that could not be), for the status line; cleared by the call.
  std::vector<std::string> take_messages();

  static std::string path_of(const std::string& id) { return "drafts/" + id + ".json"; }
  // "d-YYYYMMDD-HHMMSS-xxxx" in Beijing time: sorts by creation, unique enough with 16 random bits.
  static std::string make_id(int64_t now, uint32_t random);

 private:
  void put(DraftSummary summary);
  void set_aside(const std::string& path, const std::string& why, bool foreign);

  // Storage callbacks may arrive after this library is gone (browser storage): they hold
  // a weak reference to this and do nothing once it has expired.
  template <class F>
  auto guard(F f) {
    return [alive = std::weak_ptr<char>(life_), f = std::move(f)](auto&&... args) mutable {
      if (!alive.expired()) f(std::forward<decltype(args)>(args)...);
    };
  }

  Storage& storage_;
  std::function<int64_t()> clock_;
  std::shared_ptr<char> life_ = std::make_shared<char>(0);
  std::vector<DraftSummary> list_;
  int pending_ = 0;
  uint32_t refresh_generation_ = 0;
  std::vector<std::string> messages_;
};

}  // namespace press::ui
