// The article workflow on its own, without HTTP: state changes, stale revisions, audit rows.
#include <catch2/catch.hpp>

#include "core/article_json.h"
#include "server/article_workflow.h"
#include "server/startup.h"
#include "server_harness.h"

using namespace press::server;
using press::core::ArticleStatus;
using press::core::ErrorCode;
using press_test::TempDir;

namespace {

// A store, guard and cache over a fresh data folder, as the server wires them.
struct Fixture {
  TempDir dir;
  press::core::SiteProfile site;
  std::unique_ptr<press::core::Guard> guard;
  std::unique_ptr<WriteQueue> writes;
  std::unique_ptr<ConnectionPool> reads;
  std::unique_ptr<ArticleStore> store;
  PageCache cache;
  ViewCounts views;
  std::unique_ptr<ArticleWorkflow> workflow;
  Actor editor{7, "editor-7", Role::Editor};

  Fixture() {
    REQUIRE(load_site_profile(PRESS_SOURCE_DIR "/assets/sites/zjitc.json", site));
    guard = std::make_unique<press::core::Guard>(site);
    auto db = open_data_database(dir.path());
    REQUIRE(db);
    writes = std::make_unique<WriteQueue>(std::move(db));
    reads = std::make_unique<ConnectionPool>(dir.file("press.db"));
    store = std::make_unique<ArticleStore>(*reads, *writes);
    workflow = std::make_unique<ArticleWorkflow>(*store, site, *guard, cache, views);
  }
  press::core::Article sample() const {
    return press::core::parse_article(press_test::sample_article()).article;
  }
  std::vector<std::string> actions() {
    int64_t total = 0;
    std::vector<std::string> out;
    for (const AuditEntry& e : store->audit_log(0, 100, &total)) out.insert(out.begin(), e.action);
    return out;
  }
};

}  // namespace

TEST_CASE("workflow: create, update, publish, unpublish, delete, restore", "[workflow]") {
  Fixture f;
  auto created = f.workflow->create(f.editor, f.sample());
  REQUIRE(created.ok());
  CHECK(created->id == 1);
  CHECK(created->article.revision == 1);
  CHECK(created->article.status == ArticleStatus::Draft);

  auto edited = f.sample();
  edited.title = "改过的标题";
  auto updated = f.workflow->update(f.editor, 1, 1, edited);
  REQUIRE(updated.ok());
  CHECK(updated->article.revision == 2);

  auto published = f.workflow->publish(f.editor, 1, std::nullopt);
  REQUIRE(published.ok());
  CHECK(published->effect == ArticleChange::Effect::stored);
  CHECK(published->article.status == ArticleStatus::Published);
  CHECK(f.cache.article(1) != nullptr);  // the page is live once committed
  auto again = f.workflow->publish(f.editor, 1, std::nullopt);
  REQUIRE(again.ok());
  CHECK(again->effect == ArticleChange::Effect::unchanged);

  auto unpublished = f.workflow->unpublish(f.editor, 1, 3);
  REQUIRE(unpublished.ok());
  CHECK(unpublished->article.status == ArticleStatus::Draft);
  CHECK(f.cache.article(1) == nullptr);

  auto removed = f.workflow->remove(f.editor, 1, std::nullopt);
  REQUIRE(removed.ok());
  CHECK(f.store->get(1)->deleted);
  auto gone = f.workflow->publish(f.editor, 1, std::nullopt);
  REQUIRE(!gone.ok());
  CHECK(gone.error().code == ErrorCode::not_found);
  CHECK(gone.error().problems[0].path == "deleted");

  auto restored = f.workflow->restore(f.editor, 1);
  REQUIRE(restored.ok());
  CHECK(restored->article.revision == 6);
  CHECK(!f.store->get(1)->deleted);
  auto twice = f.workflow->restore(f.editor, 1);
  REQUIRE(!twice.ok());
  CHECK(twice.error().code == ErrorCode::conflict);
  CHECK(twice.error().problems[0].path == "deleted");

  // Every write left its audit row, in order, naming who did it.
  CHECK(f.actions() == std::vector<std::string>{"create", "update", "publish", "unpublish",
                                                "delete", "restore"});
}

TEST_CASE("workflow: a stale revision is a conflict and stores nothing", "[workflow]") {
  Fixture f;
  REQUIRE(f.workflow->create(f.editor, f.sample()).ok());
  REQUIRE(f.workflow->update(f.editor, 1, 1, f.sample()).ok());
  auto stale = f.workflow->update(f.editor, 1, 1, f.sample());
  REQUIRE(!stale.ok());
  CHECK(stale.error().code == ErrorCode::conflict);
  CHECK(stale.error().problems[0].path == "revision");
  auto stale_publish = f.workflow->publish(f.editor, 1, 1);
  REQUIRE(!stale_publish.ok());
  CHECK(stale_publish.error().code == ErrorCode::conflict);
  CHECK(f.store->get(1)->revision == 2);
  auto missing = f.workflow->update(f.editor, 9, 1, f.sample());
  REQUIRE(!missing.ok());
  CHECK(missing.error().code == ErrorCode::not_found);
  CHECK(f.actions() == std::vector<std::string>{"create", "update"});
}

TEST_CASE("workflow: the guard's refusal writes nothing but an audit row", "[workflow][guard]") {
  Fixture f;
  auto defaced = press::core::parse_article(
      press_test::read_file(PRESS_SOURCE_DIR "/assets/samples/defaced-article.json"));
  REQUIRE(defaced.ok());
  REQUIRE(f.workflow->create(f.editor, defaced.article).ok());
  auto blocked = f.workflow->publish(f.editor, 1, std::nullopt);
  REQUIRE(blocked.ok());
  CHECK(blocked->effect == ArticleChange::Effect::blocked_by_guard);
  CHECK(blocked->guard.blocks());
  CHECK(f.store->get(1)->status == ArticleStatus::Draft);
  CHECK(f.cache.article(1) == nullptr);
  CHECK(f.actions() == std::vector<std::string>{"create", "publish-blocked"});
}

TEST_CASE("workflow: storage that refuses writes is unavailable, not a conflict", "[workflow]") {
  Fixture f;
  REQUIRE(f.workflow->create(f.editor, f.sample()).ok());
  f.writes->stop();  // later writes fail, as on a database error
  auto failed = f.workflow->update(f.editor, 1, 1, f.sample());
  REQUIRE(!failed.ok());
  CHECK(failed.error().code == ErrorCode::unavailable);
  CHECK(f.store->get(1)->revision == 1);
}
