// ui::Callback: the move-only function object every completion travels in.
#include <catch2/catch.hpp>
#include <memory>
#include <string>
#include <vector>

#include "ui/callback.h"

using press::ui::Callback;

TEST_CASE("Callback: empty until given a function, then calls it with its arguments",
          "[callback]") {
  Callback<int(int, const std::string&)> f;
  CHECK_FALSE(f);
  f = [base = 40](int n, const std::string& s) { return base + n + int(s.size()); };
  REQUIRE(f);
  CHECK(f(1, "x") == 42);
  f = nullptr;
  CHECK_FALSE(f);
}

TEST_CASE("Callback: moving hands the captures on without copying them; they die once",
          "[callback]") {
  auto token = std::make_shared<int>(7);
  std::weak_ptr<int> watch = token;
  Callback<int()> a = [token = std::move(token)] { return *token; };
  CHECK(watch.use_count() == 1);
  Callback<int()> b = std::move(a);
  CHECK_FALSE(a);
  CHECK(watch.use_count() == 1);  // moved, not copied
  CHECK(b() == 7);
  std::vector<Callback<int()>> queue;
  queue.push_back(std::move(b));
  queue.reserve(64);  // the vector moves its elements
  CHECK(queue[0]() == 7);
  CHECK(watch.use_count() == 1);
  queue.clear();
  CHECK(watch.expired());
}

TEST_CASE("Callback: a move-only capture and a mutable lambda", "[callback]") {
  auto owned = std::make_unique<std::string>("稿");
  Callback<std::string()> f = [owned = std::move(owned), calls = 0]() mutable {
    return *owned + std::to_string(++calls);
  };
  CHECK(f() == "稿1");
  CHECK(f() == "稿2");
  Callback<std::string()> g;
  g = std::move(f);
  CHECK(g() == "稿3");
}

TEST_CASE("Callback: a plain function pointer", "[callback]") {
  Callback<int(int)> twice = +[](int n) { return 2 * n; };
  CHECK(twice(21) == 42);
}
