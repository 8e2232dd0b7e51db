#pragma once
// Catch2 checks shared by the core tests that compare two articles.
#include <catch2/catch.hpp>

#include "core/article.h"

// The parts a reader sees (channel to body), field by field so a failure names the field.
inline void check_same_content(const press::core::Article& actual, const press::core::Article& expected) {
  CHECK(actual.channel == expected.channel);
  CHECK(actual.title == expected.title);
  CHECK(actual.author == expected.author);
  CHECK(actual.source == expected.source);
  CHECK(actual.published_at == expected.published_at);
  CHECK(actual.updated_at == expected.updated_at);
  CHECK(actual.link == expected.link);
  CHECK(actual.editor == expected.editor);
  CHECK(actual.body == expected.body);
}
