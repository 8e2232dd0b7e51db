// Two editors, one article: exactly one edit wins, the other learns of it and loses nothing.
#include <catch2/catch.hpp>
#include <future>
#include <thread>

#include "server_harness.h"

using namespace press_test;
using nlohmann::json;

TEST_CASE("two editors saving the same revision: one wins, the other gets 409 and the current copy",
          "[concurrency]") {
  TempDir dir;
  ServerProcess server(dir.path());
  auto setup = server.client();
  REQUIRE(setup->Post("/api/v1/articles", auth(), sample_article(), "application/json")->status ==
          201);

  for (int round = 0; round < 25; ++round) {
    INFO("round " << round);
    const json base = parse_json(setup->Get("/api/v1/articles/1", auth())->body);
    std::promise<void> go;
    std::shared_future<void> start = go.get_future().share();
    auto edit = [&](const std::string& title) {
      auto c = server.client();
      c->Get("/api/v1/health");  // connect before the start signal, so both requests race
      json mine = base;
      mine["title"] = title;
      start.wait();
      auto r = c->Put("/api/v1/articles/1", auth(), mine.dump(), "application/json");
      return r ? std::make_pair(r->status, r->body) : std::make_pair(0, std::string());
    };
    const std::string title_a = "编辑甲的修改 " + std::to_string(round);
    const std::string title_b = "编辑乙的修改 " + std::to_string(round);
    auto a = std::async(std::launch::async, edit, title_a);
    auto b = std::async(std::launch::async, edit, title_b);
    go.set_value();
    const auto ra = a.get(), rb = b.get();

    REQUIRE(((ra.first == 200 && rb.first == 409) || (ra.first == 409 && rb.first == 200)));
    const auto& winner = ra.first == 200 ? ra : rb;
    const auto& loser = ra.first == 200 ? rb : ra;
    const std::string winning_title = ra.first == 200 ? title_a : title_b;
    CHECK(parse_json(winner.second)["revision"] == base["revision"].get<int64_t>() + 1);
    const json conflict = parse_json(loser.second);
    CHECK(conflict["error"] == "conflict");
    CHECK(conflict["current"]["title"] == winning_title);  // the loser sees what won
    CHECK(conflict["current"]["revision"] == base["revision"].get<int64_t>() + 1);
    CHECK(parse_json(setup->Get("/api/v1/articles/1", auth())->body)["title"] == winning_title);
  }
}

TEST_CASE("many editors rebasing on 409: no update is lost", "[concurrency]") {
  TempDir dir;
  ServerProcess server(dir.path());
  auto setup = server.client();
  REQUIRE(setup->Post("/api/v1/articles", auth(), sample_article(), "application/json")->status ==
          201);
  constexpr int kEditors = 6, kEdits = 15;
  std::vector<std::future<std::vector<int64_t>>> editors;
  for (int e = 0; e < kEditors; ++e) {
    editors.push_back(std::async(std::launch::async, [&, e] {
      auto c = server.client();
      std::vector<int64_t> revisions;
      json current = parse_json(c->Get("/api/v1/articles/1", auth())->body);
      for (int i = 0; i < kEdits;) {
        json mine = current;
        // Each editor appends its own line: a merge keeps everyone's lines.
        mine["body"] = current["body"].get<std::string>() + "\n\n编辑" + std::to_string(e) + "第" +
                       std::to_string(i) + "段";
        auto r = c->Put("/api/v1/articles/1", auth(), mine.dump(), "application/json");
        if (!r) break;
        if (r->status == 200) {
          revisions.push_back(parse_json(r->body)["revision"]);
          current = mine;
          current["revision"] = revisions.back();
          ++i;
        } else if (r->status == 409) {
          current = parse_json(r->body)["current"];  // rebase on what the server has
        } else {
          break;
        }
      }
      return revisions;
    }));
  }
  std::vector<int64_t> all;
  for (auto& f : editors) {
    auto revisions = f.get();
    CHECK(revisions.size() == size_t(kEdits));
    all.insert(all.end(), revisions.begin(), revisions.end());
  }
  std::sort(all.begin(), all.end());
  CHECK(std::adjacent_find(all.begin(), all.end()) ==
        all.end());  // every success got its own revision
  const json final = parse_json(setup->Get("/api/v1/articles/1", auth())->body);
  CHECK(final["revision"] == 1 + kEditors * kEdits);
  const std::string body = final["body"];
  for (int e = 0; e < kEditors; ++e)
    for (int i = 0; i < kEdits; ++i)
      CHECK(body.find("编辑" + std::to_string(e) + "第" + std::to_string(i) + "段") !=
            std::string::npos);
}
