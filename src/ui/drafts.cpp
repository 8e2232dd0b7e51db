#include "ui/drafts.h"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <memory>

#include "core/article_json.h"
#include "core/beijing_time.h"
#include "core/json_reader.h"
#include "ui/messages.h"
#include "ui/strings.h"

namespace press::ui {

bool parse_draft(std::string_view text, core::Article& out, std::string& why) {
  nlohmann::json j;
  core::Diagnostics errors;
  if (!core::parse_json(text, j, errors)) {
    why = errors.empty() ? "not JSON" : describe(errors.front());
    return false;
  }
  errors = core::read_article(j, out);
  if (!errors.empty()) {
    why = describe(errors.front());
    return false;
  }
  return true;
}

namespace {

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

DraftSummary summarize(const std::string& id, const core::Article& a, int64_t file_time) {
  DraftSummary d;
  d.id = id;
  d.title = a.title;
  d.updated_at = a.updated_at ? a.updated_at : file_time;
  d.saved_at = file_time;
  d.status = a.status;
  d.server_id = a.id;
  return d;
}

}  // namespace

std::string DraftLibrary::make_id(int64_t now, uint32_t random) {
  std::string t = core::format_iso8601_beijing(now);  // 2024-06-01T14:05:12+08:00
  std::string digits;
  for (char c : t.substr(0, 19))
    if (c >= '0' && c <= '9') digits += c;
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "d-%.8s-%.6s-%04x", digits.c_str(), digits.c_str() + 8,
                unsigned(random & 0xFFFF));
  return buffer;
}

const DraftSummary* DraftLibrary::find(const std::string& id) const {
  for (const DraftSummary& d : list_)
    if (d.id == id) return &d;
  return nullptr;
}

void DraftLibrary::put(DraftSummary summary) {
  auto it = std::find_if(list_.begin(), list_.end(),
                         [&](const DraftSummary& d) { return d.id == summary.id; });
  if (it != list_.end()) list_.erase(it);
  auto at = std::find_if(list_.begin(), list_.end(), [&](const DraftSummary& d) {
    return d.saved_at < summary.saved_at || (d.saved_at == summary.saved_at && d.id < summary.id);
  });
  list_.insert(at, std::move(summary));
}

void DraftLibrary::set_aside(const std::string& path, const std::string& why, bool foreign) {
  ++pending_;
  storage_.move_aside(
      path, guard([this, path, why, foreign](StorageResult r, std::string new_path) {
        --pending_;
        if (!r.ok) {
          messages_.push_back(
              trf(Str::MoveAsideFailed, storage_.describe(path).c_str(), r.error.c_str()));
        } else if (foreign) {
          messages_.push_back(trf(Str::ForeignFile, storage_.describe(path).c_str(),
                                  storage_.describe(new_path).c_str()));
        } else {
          messages_.push_back(trf(Str::BrokenDraft, storage_.describe(path).c_str(), why.c_str(),
                                  storage_.describe(new_path).c_str()));
        }
      }));
}

void DraftLibrary::refresh(Callback<void()> done) {
  const uint32_t generation = ++refresh_generation_;
  ++pending_;
  auto finish = std::make_shared<Callback<void()>>(std::move(done));
  storage_.list(
      "drafts", guard([this, generation, finish](StorageResult r, std::vector<StoredItem> items) {
        if (generation != refresh_generation_) {  // a newer refresh took over
          --pending_;
          return;
        }
        if (!r.ok)
          messages_.push_back(
              trf(Str::ReadFailed, storage_.describe("drafts").c_str(), r.error.c_str()));
        list_.clear();
        // Each file is read and checked; `remaining` counts reads still out, this listing included.
        auto remaining = std::make_shared<size_t>(items.size() + 1);
        auto one_done = [this, remaining, finish]() {
          if (--*remaining == 0) {
            --pending_;
            if (*finish) (*finish)();
          }
        };
        for (const StoredItem& item : items) {
          const std::string path = "drafts/" + item.name;
          if (!ends_with(item.name, ".json") || item.name.size() <= 5) {
            set_aside(path, {}, true);
            one_done();
            continue;
          }
          const std::string id = item.name.substr(0, item.name.size() - 5);
          const int64_t modified = item.modified;
          storage_.read(
              path, guard([this, path, id, modified, generation, one_done](StorageResult rr,
                                                                           std::string data) {
                if (generation == refresh_generation_) {
                  core::Article a;
                  std::string why;
                  if (!rr.ok) {
                    messages_.push_back(
                        trf(Str::ReadFailed, storage_.describe(path).c_str(), rr.error.c_str()));
                  } else if (!parse_draft(data, a, why)) {
                    set_aside(path, why, false);
                  } else {
                    put(summarize(id, a, modified));
                  }
                }
                one_done();
              }));
        }
        one_done();
      }));
}

void DraftLibrary::load(const std::string& id, Callback<void(StorageResult, core::Article)> done) {
  const std::string path = path_of(id);
  storage_.read(path,
                guard([this, id, path, done = std::move(done)](StorageResult r, std::string data) {
                  core::Article a;
                  if (!r.ok) {
                    done(r, a);
                    return;
                  }
                  std::string why;
                  if (!parse_draft(data, a, why)) {
                    set_aside(path, why, false);
                    list_.erase(std::remove_if(list_.begin(), list_.end(),
                                               [&](const DraftSummary& d) { return d.id == id; }),
                                list_.end());
                    done(StorageResult::failure(why), a);
                    return;
                  }
                  done(r, std::move(a));
                }));
}

void DraftLibrary::save(const std::string& id, const core::Article& article,
                        Callback<void(StorageResult)> done) {
  DraftSummary summary = summarize(id, article, clock_ ? clock_() : int64_t(std::time(nullptr)));
  storage_.write(path_of(id), core::article_to_json(article),
                 guard([this, summary, done = std::move(done)](StorageResult r) {
                   if (r.ok) put(summary);
                   if (done) done(r);
                 }));
}

void DraftLibrary::remove(const std::string& id, Callback<void(StorageResult)> done) {
  storage_.remove(path_of(id), guard([this, id, done = std::move(done)](StorageResult r) {
                    if (r.ok)
                      list_.erase(std::remove_if(list_.begin(), list_.end(),
                                                 [&](const DraftSummary& d) { return d.id == id; }),
                                  list_.end());
                    if (done) done(r);
                  }));
}

std::vector<std::string> DraftLibrary::take_messages() {
  std::vector<std::string> out;
  out.swap(messages_);
  return out;
}

}  // namespace press::ui
