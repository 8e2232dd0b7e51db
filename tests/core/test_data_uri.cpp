// data: URIs (core/data_uri.h): what pasted HTML carries its pictures in, decoded the way a
// browser decodes them, and everything malformed refused.
#include <catch2/catch.hpp>
#include <string>

#include "core/data_uri.h"

using namespace press::core;

namespace {

// The 67-byte 1×1 PNG, and its base64.
const std::string kPng(
    "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89\0\0\0\n"
    "IDATx\x9c"
    "c\0\x01\0\0\x05\0\x01\r\n-\xb4\0\0\0\0IEND\xae"
    "B`\x82",
    67);
const std::string kPngBase64 =
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAACklEQVR4nGMAAQAABQABDQottAAAAABJRU5ErkJggg==";

}  // namespace

TEST_CASE("data-uri: a base64 picture", "[data-uri]") {
  REQUIRE(kPng.size() == 67);
  const auto png = decode_data_uri("data:image/png;base64," + kPngBase64);
  REQUIRE(png);
  CHECK(png->mime == "image/png");
  CHECK(png->bytes == kPng);

  // Scheme, mime and ;base64 in any case; parameters dropped from the mime.
  const auto loud = decode_data_uri("DATA:Image/PNG;Charset=UTF-8;name=a.png;BASE64," + kPngBase64);
  REQUIRE(loud);
  CHECK(loud->mime == "image/png");
  CHECK(loud->bytes == kPng);
  const auto spaced = decode_data_uri("  data: image/jpeg ; base64 ,/9j/  \n");
  REQUIRE(spaced);
  CHECK(spaced->mime == "image/jpeg");
  CHECK(spaced->bytes == "\xff\xd8\xff");
}

TEST_CASE("data-uri: base64 tolerates whitespace and missing padding only", "[data-uri]") {
  std::string wrapped;  // lines of 76 like MIME, and stray spaces and tabs
  for (size_t i = 0; i < kPngBase64.size(); ++i) {
    wrapped += kPngBase64[i];
    if (i % 76 == 75) wrapped += "\r\n";
    if (i % 9 == 4) wrapped += " \t";
  }
  const auto png = decode_data_uri("data:image/png;base64,\n" + wrapped + "\n");
  REQUIRE(png);
  CHECK(png->bytes == kPng);

  const std::string unpadded = kPngBase64.substr(0, kPngBase64.size() - 2);
  const auto bare = decode_data_uri("data:image/png;base64," + unpadded);
  REQUIRE(bare);
  CHECK(bare->bytes == kPng);
  CHECK(decode_data_uri("data:image/png;base64,QQ")->bytes == "A");
  CHECK(decode_data_uri("data:image/png;base64,QUI")->bytes == "AB");
  CHECK(decode_data_uri("data:image/png;base64,QUI=")->bytes == "AB");
  CHECK(decode_data_uri("data:image/png;base64,QUJD")->bytes == "ABC");
  CHECK(decode_data_uri("data:image/png;base64,")->bytes.empty());
  // Percent-encoded base64 is still base64 (RFC 2397 data is URL-encoded).
  CHECK(decode_data_uri("data:image/png;base64,QU%4A%44")->bytes == "ABC");
  CHECK(decode_data_uri("data:image/png;base64,QUI%3D")->bytes == "AB");

  const char* junk[] = {
      "data:image/png;base64,QUJD!",  // not the alphabet
      "data:image/png;base64,QU-D",   // base64url is not base64
      "data:image/png;base64,QU_D",
      "data:image/png;base64,Q=JD",   // padding in the middle
      "data:image/png;base64,QUI==",  // too much padding
      "data:image/png;base64,QQ=",    // padding that does not complete a quantum
      "data:image/png;base64,====",
      "data:image/png;base64,QUJDR",     // one digit is no byte
      "data:image/png;base64,QUJD\x01",  // a control character is not whitespace
      "data:image/png;base64,QUJD%",     // a broken escape
      "data:image/png;base64,QU%2",
      "data:image/png;base64,QU%21D",  // an escape of junk is junk
  };
  for (const char* uri : junk) {
    INFO(uri);
    CHECK_FALSE(decode_data_uri(uri));
  }
}

TEST_CASE("data-uri: without base64 the data is percent-decoded", "[data-uri]") {
  const auto svg = decode_data_uri(
      "data:image/svg+xml;charset=utf-8,%3Csvg%20xmlns='http://www.w3.org/2000/svg'%3E%e5%9b%be%3C/"
      "svg%3E");
  REQUIRE(svg);
  CHECK(svg->mime == "image/svg+xml");
  CHECK(svg->bytes == "<svg xmlns='http://www.w3.org/2000/svg'>图</svg>");
  const auto text = decode_data_uri("data:,a,b%2C%00c");
  REQUIRE(text);
  CHECK(text->mime == "text/plain");  // RFC 2397's default
  CHECK(text->bytes == std::string("a,b,\0c", 6));
  CHECK(decode_data_uri("data:;charset=utf-8,x")->mime == "text/plain");
  CHECK(decode_data_uri("data:image/png,")->bytes.empty());
  for (const char* uri : {"data:image/png,100%", "data:image/png,%g0", "data:image/png,%4"}) {
    INFO(uri);
    CHECK_FALSE(decode_data_uri(uri));
  }
}

TEST_CASE("data-uri: malformed headers are refused", "[data-uri]") {
  const char* bad[] = {
      "",
      "data:",
      "data:image/png;base64",  // no comma
      "dat:image/png;base64,QUJD",
      " xdata:image/png,x",
      "image/png;base64,QUJD",
      "https://example.org/a.png",
      "data:image,x",  // no subtype
      "data:/png,x",
      "data:image/,x",
      "data:image/p ng,x",
      "data:image/png/x,x",
      "data:im@ge/png,x",
      "data:image/png;base64;charset=utf-8,QUJD",  // base64 comes last
      "data:image/png;utf8,x",                     // a parameter is name=value
      "data:image/png;=x,x",
      "data:image/png;charset=,x",
      "data:image/png;,x",
      "data:image/png;base64x,QUJD",
  };
  for (const char* uri : bad) {
    INFO(uri);
    CHECK_FALSE(decode_data_uri(uri));
  }
}

TEST_CASE("data-uri: nothing over max_bytes", "[data-uri]") {
  CHECK(decode_data_uri("data:image/png;base64," + kPngBase64, 67));
  CHECK_FALSE(decode_data_uri("data:image/png;base64," + kPngBase64, 66));
  CHECK(decode_data_uri("data:image/png;base64,QUI", 2));
  CHECK_FALSE(decode_data_uri("data:image/png;base64,QUI", 1));
  CHECK(decode_data_uri("data:text/plain,abc", 3));
  CHECK_FALSE(decode_data_uri("data:text/plain,abc", 2));
  CHECK(decode_data_uri("data:text/plain,%41%42%43", 3));  // decoded bytes count, not escapes
  CHECK_FALSE(decode_data_uri("data:text/plain,%41%42%43%44", 3));

  const std::string big(8u << 20, 'A');  // 6 MB of zero bytes
  CHECK_FALSE(decode_data_uri("data:image/png;base64," + big, 1u << 20));
  const auto fits = decode_data_uri("data:image/png;base64," + big);
  REQUIRE(fits);
  CHECK(fits->bytes == std::string(6u << 20, '\0'));
}
