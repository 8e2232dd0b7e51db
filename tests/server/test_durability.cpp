// SIGKILL in the middle of a stream of writes: every acknowledged write survives, and no
// article is half-written.
#include <atomic>
#include <catch2/catch.hpp>
#include <map>
#include <mutex>
#include <thread>

#include "core/article_json.h"
#include "server/article_store.h"
#include "server/database.h"
#include "server_harness.h"

using namespace press_test;
using nlohmann::json;

TEST_CASE("acknowledged writes survive SIGKILL; nothing is half-written", "[durability]") {
  TempDir dir;
  struct Acked {
    int64_t revision;
    std::string title;
    size_t body_size;
  };
  std::mutex mutex;
  std::map<std::string, Acked> acked;  // article id -> last acknowledged write
  std::atomic<bool> stop{false};
  std::atomic<int> writes{0};
  const json base = parse_json(sample_article());

  {
    ServerProcess server(dir.path());
    std::vector<std::thread> writers;
    for (int w = 0; w < 6; ++w) {
      writers.emplace_back([&, w] {
        auto c = server.client();
        c->set_connection_timeout(1, 0);
        c->set_read_timeout(2, 0);
        std::vector<std::pair<std::string, int64_t>> mine;  // (id, revision) this writer owns
        for (int n = 0; !stop.load(); ++n) {
          json a = base;
          a["title"] = "写入者" + std::to_string(w) + "-" + std::to_string(n);
          // Bodies of varying size, so a torn write would show.
          a["body"] = base["body"].get<std::string>() + std::string(size_t(n % 7) * 3000, 'x');
          if (mine.empty() || n % 4 == 0) {
            auto r = c->Post("/api/v1/articles", auth(), a.dump(), "application/json");
            if (!r || r->status != 201) continue;
            const json j = parse_json(r->body);
            mine.emplace_back(j["id"].get<std::string>(), j["revision"].get<int64_t>());
            std::lock_guard<std::mutex> lock(mutex);
            acked[mine.back().first] = {mine.back().second, a["title"],
                                        a["body"].get<std::string>().size()};
          } else {
            auto& [id, revision] = mine[size_t(n) % mine.size()];
            a["revision"] = revision;
            auto r =
                c->Put(("/api/v1/articles/" + id).c_str(), auth(), a.dump(), "application/json");
            if (!r || r->status != 200) continue;
            revision = parse_json(r->body)["revision"];
            std::lock_guard<std::mutex> lock(mutex);
            acked[id] = {revision, a["title"], a["body"].get<std::string>().size()};
          }
          ++writes;
        }
      });
    }
    // Let the stream run, then kill the server without warning while writes are in flight.
    while (writes.load() < 400) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    CHECK(server.stop(SIGKILL) == 128 + SIGKILL);
    stop = true;
    for (auto& t : writers) t.join();
  }
  INFO(writes.load() << " acknowledged writes to " << acked.size() << " articles");
  REQUIRE(acked.size() > 50);

  ServerProcess server(dir.path());
  auto c = server.client();
  int in_flight_committed = 0;
  for (const auto& [id, ack] : acked) {
    INFO("article " << id);
    auto r = c->Get(("/api/v1/articles/" + id).c_str(), auth());
    REQUIRE(r);
    REQUIRE(r->status == 200);
    auto parsed = press::core::parse_article(r->body);
    REQUIRE(parsed.ok());
    const int64_t revision = parsed.article.revision;
    CHECK(revision >= ack.revision);
    CHECK(revision <= ack.revision + 1);  // at most the one write that was in flight
    if (revision == ack.revision) {
      CHECK(parsed.article.title == ack.title);
      CHECK(parsed.article.body.size() == ack.body_size);
    } else {
      ++in_flight_committed;
    }
  }
  CHECK(in_flight_committed <= 6);  // one per writer at most

  // Every row in the database is whole: its JSON parses, and the columns derived from it agree.
  auto opened = press::server::Database::open(dir.path() + "/press.db");
  REQUIRE(opened.ok());
  auto& db = *opened;
  press::server::ListFilter all;
  all.limit = 100000;
  const auto list = press::server::list_articles(*db, all);
  REQUIRE(list.ok);
  CHECK(list.items.size() >= acked.size());
  for (const auto& summary : list.items) {
    auto record = press::server::read_article_record(*db, summary.id);
    REQUIRE(record);
    auto parsed = press::core::parse_article(record->json);
    INFO("row " << summary.id);
    REQUIRE(parsed.ok());
    CHECK(parsed.article.revision == record->revision);
    CHECK(parsed.article.title == summary.title);
    CHECK(parsed.article.id == std::to_string(summary.id));
  }
}
