// Integration tests of press-server: each test starts the real binary on loopback.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
