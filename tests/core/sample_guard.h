#pragma once
// The guard of the shipped sample site profile, compiled once for the tests that share it.
#include <catch2/catch.hpp>

#include "core/guard.h"
#include "core/site.h"
#include "test_support.h"

inline const press::core::Guard& sample_site_guard() {
  static const press::core::Guard g([] {
    press::core::SiteParse p = press::core::parse_site(read_source_file("assets/sites/zjitc.json"));
    REQUIRE(p.ok());
    return p.site;
  }());
  return g;
}
