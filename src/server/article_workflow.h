#pragma once
// The state changes of an article, without HTTP: create, update, delete, restore, publish,
// unpublish. Each takes plain inputs (who, which article, the revision the caller saw) and
// returns core::Result. Every write is conditional on the revision it read and audited in
// the same step (ArticleStore::replace); a write the caller did not pin to a revision is
// retried when someone else wrote first. New states and commands (review, revisions,
// scheduled publishing) belong here, so the HTTP layer stays a translator.
//
// Failures, and the field the first problem names (the HTTP layer tells them apart by it):
//   not_found    no such article; path "deleted" when it exists but is deleted
//   conflict     path "revision": the stored revision is not the one expected (the caller
//                should fetch the current copy); path "deleted": restoring an article that
//                is not deleted; no path: it kept changing through every retry
//   unavailable  the database refused the read or the write; nothing was changed
//   internal     the stored article does not parse; it was left unchanged
#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>

#include "core/article.h"
#include "core/guard.h"
#include "core/result.h"
#include "core/site.h"
#include "server/article_store.h"
#include "server/page_cache.h"
#include "server/view_counts.h"

namespace press::server {

struct ArticleChange {
  enum class Effect {
    stored,            // the article was written (and audited)
    unchanged,         // it already was in the asked-for state: nothing written
    blocked_by_guard,  // the guard refuses the public page; nothing written, the refusal audited
  };
  Effect effect = Effect::stored;
  int64_t id = 0;
  core::Article article;    // as stored now (unchanged: as it is; blocked: as it was proposed)
  core::GuardReport guard;  // when a public page was rendered: its findings, warnings included
};

// The not_found errors above, for the HTTP layer's reads to answer alike.
core::Error no_such_article();
core::Error article_deleted(std::string_view restore = "POST .../restore");

class ArticleWorkflow {
 public:
  ArticleWorkflow(ArticleStore& store, const core::SiteProfile& site, const core::Guard& guard,
                  PageCache& cache, ViewCounts& views)
      : store_(store), site_(site), guard_(guard), cache_(cache), views_(views) {}

  // A new draft; the store assigns id and revision 1, whatever `draft` says.
  core::Result<ArticleChange> create(const Actor& who, core::Article draft);
  // Replaces the content of revision `based_on`. A published article stays published, and
  // its page changes only if the guard accepts the new content.
  core::Result<ArticleChange> update(const Actor& who, int64_t id, int64_t based_on,
                                     core::Article next);
  // Soft delete: the article goes offline and can be restored as a draft.
  core::Result<ArticleChange> remove(const Actor& who, int64_t id,
                                     std::optional<int64_t> based_on);
  core::Result<ArticleChange> restore(const Actor& who, int64_t id);
  core::Result<ArticleChange> publish(const Actor& who, int64_t id,
                                      std::optional<int64_t> based_on);
  core::Result<ArticleChange> unpublish(const Actor& who, int64_t id,
                                        std::optional<int64_t> based_on);

  static constexpr int kMaxAttempts = 3;  // tries of a write the caller did not pin

 private:
  // What one attempt of a command makes of the stored article: a write, or an answer.
  struct Plan {
    ArticleChange change;  // change.effect == stored: write change.article with `write`
    ArticleWrite write;
  };
  // The conflict after the last retry: a plain one, or a stale revision (which the HTTP layer
  // answers with the current copy, as delete always has).
  enum class GiveUp { plain_conflict, as_stale_revision };
  struct Command {
    std::optional<int64_t> based_on;
    Visibility acts_on = Visibility::live;  // restore acts on a deleted article
    GiveUp give_up = GiveUp::plain_conflict;
    // Given the stored article (revision already bumped in `next`), decides the change.
    std::function<Plan(const ArticleRecord& current, core::Article next)> plan;
  };
  core::Result<ArticleChange> run_with_retries(const Actor& who, int64_t id,
                                               const Command& command);

  core::Result<ArticleRecord> read(int64_t id, Visibility expected_visibility);
  // Renders the public page; when the guard refuses it, records `refused_action` and says so.
  Plan plan_public_page(const Actor& who, int64_t stored_revision,
                        std::string_view refused_action, ArticleChange change,
                        ArticleWrite write);

  ArticleStore& store_;
  const core::SiteProfile& site_;
  const core::Guard& guard_;
  PageCache& cache_;
  ViewCounts& views_;
};

}  // namespace press::server
