#include "server/article_workflow.h"

#include <ctime>
#include <string>
#include <utility>

#include "core/article_json.h"
#include "server/publishing.h"

namespace press::server {

using core::Error;
using core::ErrorCode;
using core::Result;

namespace {

Error storage_unavailable() {
  return Error::of(ErrorCode::unavailable, "the write could not be stored; nothing was changed");
}

Error stale(std::string message) {
  return Error::at(ErrorCode::conflict, "revision", std::move(message));
}

ArticleChange stored(int64_t id, core::Article article) {
  ArticleChange change;
  change.id = id;
  change.article = std::move(article);
  return change;
}

}  // namespace

Error no_such_article() {
  return Error::of(ErrorCode::not_found, "no such article");
}

Error article_deleted(std::string_view restore) {
  return Error::at(ErrorCode::not_found, "deleted",
                   "the article was deleted; " + std::string(restore) + " brings it back");
}

Result<ArticleRecord> ArticleWorkflow::read(int64_t id, Visibility expected_visibility) {
  bool failed = false;
  std::optional<ArticleRecord> record = store_.get(id, &failed);
  if (failed) return storage_unavailable();
  if (!record) return no_such_article();
  if (expected_visibility == Visibility::live && record->deleted) return article_deleted();
  if (expected_visibility == Visibility::deleted && !record->deleted)
    return Error::at(ErrorCode::conflict, "deleted", "the article is not deleted");
  return std::move(*record);
}

ArticleWorkflow::Plan ArticleWorkflow::plan_public_page(const Actor& who, int64_t stored_revision,
                                                        std::string_view refused_action,
                                                        ArticleChange change, ArticleWrite write) {
  // When the media table cannot be read the catalog is empty: the guard then refuses the
  // article's media references, so no page goes out pointing at a file not vouched for.
  const core::MediaCatalog media =
      store_.media_for(change.article.body).value_or(core::MediaCatalog{});
  PublicRender render = render_public_page(change.article, site_, guard_, media);
  change.guard = render.report;
  if (render.blocked()) {
    // Refusals are audited too: someone tried to put this on the public site.
    store_.audit(who, refused_action, change.id, stored_revision,
                 std::to_string(render.report.findings.size()) + " findings");
    change.effect = ArticleChange::Effect::blocked_by_guard;
    return Plan{std::move(change), std::move(write)};
  }
  const int64_t id = change.id;
  // Rendered here, on the request thread; the writer only installs it after the commit.
  std::shared_ptr<const ArticlePage> page =
      make_article_page(render.html, int64_t(std::time(nullptr)), views_.counter(id));
  write.after_commit = [this, id, page] { cache_.put_article(id, page); };
  return Plan{std::move(change), std::move(write)};
}

Result<ArticleChange> ArticleWorkflow::run_with_retries(const Actor& who, int64_t id,
                                                        const Command& command) {
  for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
    Result<ArticleRecord> current = read(id, command.acts_on);
    if (!current) return current.error();
    if (command.based_on && current->revision != *command.based_on)
      return stale("the article changed since revision " + std::to_string(*command.based_on));
    core::ArticleParse parsed = core::parse_article(current->json);
    if (!parsed.ok())
      return Error::of(ErrorCode::internal, "article " + std::to_string(id) +
                                                " in the database does not parse; it was left "
                                                "unchanged");
    Plan plan = command.plan(*current, std::move(parsed.article));
    plan.change.id = id;
    if (plan.change.effect != ArticleChange::Effect::stored) return std::move(plan.change);
    const WriteQueue::Outcome outcome =
        store_.replace(id, current->revision, plan.change.article, who, std::move(plan.write));
    if (outcome == WriteQueue::Outcome::Failed) return storage_unavailable();
    if (outcome == WriteQueue::Outcome::Committed) return std::move(plan.change);
    // Declined: someone wrote between the read and the write. A caller who named the
    // revision must see what changed; otherwise the command applies to the newer copy.
    if (command.based_on) return stale("the article changed meanwhile");
  }
  return Error::at(ErrorCode::conflict,
                   command.give_up == GiveUp::as_stale_revision ? "revision" : "",
                   "the article keeps changing; try again");
}

Result<ArticleChange> ArticleWorkflow::create(const Actor& who, core::Article draft) {
  if (store_.create(draft, who) != WriteQueue::Outcome::Committed) return storage_unavailable();
  const int64_t id = std::stoll(draft.id);  // the store's own decimal id
  return stored(id, std::move(draft));
}

Result<ArticleChange> ArticleWorkflow::update(const Actor& who, int64_t id, int64_t based_on,
                                              core::Article next) {
  next.id = std::to_string(id);
  next.revision = based_on + 1;
  next.status = core::ArticleStatus::Draft;

  // The common case first, without reading anything: a draft saved on top of the revision
  // it was read at. Anything else (a stale revision, a published or deleted article, no
  // such article) is declined by the write itself and sorted out below.
  WriteQueue::Outcome outcome = store_.replace(
      id, based_on, next, who, {"update", Visibility::live, Precondition::live_draft_at_revision});
  if (outcome == WriteQueue::Outcome::Failed) return storage_unavailable();
  if (outcome == WriteQueue::Outcome::Committed) return stored(id, std::move(next));

  Result<ArticleRecord> current = read(id, Visibility::live);
  if (!current) return current.error();
  if (current->revision != based_on)
    return stale("the article changed since revision " + std::to_string(based_on) +
                 "; your edit was not stored. Merge with the current copy and send it again");

  next.status = current->status;
  Plan plan{stored(id, std::move(next)), ArticleWrite{"update"}};
  if (current->status == core::ArticleStatus::Published) {
    // The live page changes with this edit: it must pass the guard like a publish.
    plan = plan_public_page(who, current->revision, "update-blocked", std::move(plan.change),
                            std::move(plan.write));
    if (plan.change.effect == ArticleChange::Effect::blocked_by_guard)
      return std::move(plan.change);
  }
  outcome = store_.replace(id, based_on, plan.change.article, who, std::move(plan.write));
  if (outcome == WriteQueue::Outcome::Failed) return storage_unavailable();
  if (outcome == WriteQueue::Outcome::Declined)
    return stale("another edit was stored first; your edit was not stored. Merge and send again");
  return std::move(plan.change);
}

Result<ArticleChange> ArticleWorkflow::remove(const Actor& who, int64_t id,
                                              std::optional<int64_t> based_on) {
  Command command{based_on, Visibility::live, GiveUp::as_stale_revision, {}};
  command.plan = [this, id](const ArticleRecord& current, core::Article next) {
    next.revision = current.revision + 1;
    next.status =
        core::ArticleStatus::Draft;  // a deleted article is offline; restoring gives a draft
    ArticleWrite write{"delete", Visibility::deleted};
    if (current.status == core::ArticleStatus::Published)
      write.after_commit = [this, id] { cache_.remove_article(id); };
    return Plan{stored(id, std::move(next)), std::move(write)};
  };
  return run_with_retries(who, id, command);
}

Result<ArticleChange> ArticleWorkflow::restore(const Actor& who, int64_t id) {
  Command command{std::nullopt, Visibility::deleted, GiveUp::plain_conflict, {}};
  command.plan = [id](const ArticleRecord& current, core::Article next) {
    next.revision = current.revision + 1;
    next.status = core::ArticleStatus::Draft;  // publishing again is a new decision
    return Plan{stored(id, std::move(next)), ArticleWrite{"restore"}};
  };
  return run_with_retries(who, id, command);
}

Result<ArticleChange> ArticleWorkflow::publish(const Actor& who, int64_t id,
                                               std::optional<int64_t> based_on) {
  Command command{based_on, Visibility::live, GiveUp::plain_conflict, {}};
  command.plan = [this, &who, id](const ArticleRecord& current, core::Article next) {
    ArticleChange change = stored(id, std::move(next));
    if (current.status == core::ArticleStatus::Published) {
      change.effect = ArticleChange::Effect::unchanged;  // already live: nothing to do
      return Plan{std::move(change), ArticleWrite{"publish"}};
    }
    change.article.revision = current.revision + 1;
    change.article.status = core::ArticleStatus::Published;
    return plan_public_page(who, current.revision, "publish-blocked", std::move(change),
                            ArticleWrite{"publish"});
  };
  return run_with_retries(who, id, command);
}

Result<ArticleChange> ArticleWorkflow::unpublish(const Actor& who, int64_t id,
                                                 std::optional<int64_t> based_on) {
  Command command{based_on, Visibility::live, GiveUp::plain_conflict, {}};
  command.plan = [this, id](const ArticleRecord& current, core::Article next) {
    ArticleChange change = stored(id, std::move(next));
    ArticleWrite write{"unpublish"};
    if (current.status == core::ArticleStatus::Draft) {
      change.effect = ArticleChange::Effect::unchanged;  // not live: nothing to do
      return Plan{std::move(change), std::move(write)};
    }
    change.article.revision = current.revision + 1;
    change.article.status = core::ArticleStatus::Draft;
    write.after_commit = [this, id] { cache_.remove_article(id); };
    return Plan{std::move(change), std::move(write)};
  };
  return run_with_retries(who, id, command);
}

}  // namespace press::server
