// The site's watermark on published pictures (issue 14): drawn in the chosen corner and
// nowhere else, on every size at least min_width wide, never on attachments; a profile
// without one publishes exactly what it did before; a bad one is a clear error. Pictures
// are made and decoded here with libvips.
#include <vips/vips.h>

#include <catch2/catch.hpp>
#include <filesystem>

#include "core/site.h"
#include "server/media_image.h"
#include "server/media_ingest.h"
#include "server/startup.h"
#include "server/tokens.h"
#include "server_harness.h"

using namespace press_test;
using nlohmann::json;
using press::core::SiteWatermark;
using press::core::WatermarkCorner;
using press::server::Watermark;

namespace {

void vips_ready() {
  REQUIRE(press::server::init_image_codecs(2));
}

// Owns a VipsImage reference.
struct Vips {
  VipsImage* image = nullptr;
  Vips() = default;
  explicit Vips(VipsImage* i) : image(i) {}
  ~Vips() {
    if (image) g_object_unref(image);
  }
  Vips(const Vips&) = delete;
  Vips& operator=(const Vips&) = delete;
};

// A flat picture of one colour (`bands` 1 or 3, plus an opaque alpha band when `alpha`), in
// the format of `suffix`.
std::string flat_picture(int width, int height, const char* suffix, double value = 60,
                         int bands = 3, bool alpha = false) {
  vips_ready();
  Vips black, level, bytes8, with_alpha;
  REQUIRE(vips_black(&black.image, width, height, "bands", bands, nullptr) == 0);
  REQUIRE(vips_linear1(black.image, &level.image, 1.0, value, nullptr) == 0);
  REQUIRE(vips_cast_uchar(level.image, &bytes8.image, nullptr) == 0);
  VipsImage* out = bytes8.image;
  if (alpha) {
    REQUIRE(vips_bandjoin_const1(bytes8.image, &with_alpha.image, 255.0, nullptr) == 0);
    out = with_alpha.image;
  }
  void* buffer = nullptr;
  size_t size = 0;
  REQUIRE(vips_image_write_to_buffer(out, suffix, &buffer, &size, nullptr) == 0);
  std::string bytes(static_cast<const char*>(buffer), size);
  g_free(buffer);
  return bytes;
}

// A red square logo with a transparent border, as PNG.
std::string red_logo() {
  vips_ready();
  Vips black, red, square, alpha_black, alpha, joined;
  REQUIRE(vips_black(&black.image, 60, 60, "bands", 3, nullptr) == 0);
  double scale[3] = {1, 1, 1}, offset[3] = {255, 0, 0};
  REQUIRE(vips_linear(black.image, &red.image, scale, offset, 3, nullptr) == 0);
  REQUIRE(vips_cast_uchar(red.image, &square.image, nullptr) == 0);
  REQUIRE(vips_black(&alpha_black.image, 40, 40, nullptr) == 0);
  Vips opaque, bordered;
  REQUIRE(vips_linear1(alpha_black.image, &opaque.image, 1.0, 255.0, nullptr) == 0);
  REQUIRE(vips_embed(opaque.image, &bordered.image, 10, 10, 60, 60, nullptr) == 0);
  Vips alpha8;
  REQUIRE(vips_cast_uchar(bordered.image, &alpha8.image, nullptr) == 0);
  REQUIRE(vips_bandjoin2(square.image, alpha8.image, &joined.image, nullptr) == 0);
  void* buffer = nullptr;
  size_t size = 0;
  REQUIRE(vips_image_write_to_buffer(joined.image, ".png", &buffer, &size, nullptr) == 0);
  std::string bytes(static_cast<const char*>(buffer), size);
  g_free(buffer);
  return bytes;
}

std::vector<double> corner_average(const std::string& bytes, WatermarkCorner c) {
  Vips image(vips_image_new_from_buffer(bytes.data(), bytes.size(), "", nullptr));
  REQUIRE(image.image);
  const int w = vips_image_get_width(image.image), h = vips_image_get_height(image.image);
  const int rw = w / 4, rh = h / 5;
  const bool left = c == WatermarkCorner::TopLeft || c == WatermarkCorner::BottomLeft;
  const bool top = c == WatermarkCorner::TopLeft || c == WatermarkCorner::TopRight;
  Vips region, stats;
  REQUIRE(vips_extract_area(image.image, &region.image, left ? 0 : w - rw, top ? 0 : h - rh, rw, rh,
                            nullptr) == 0);
  REQUIRE(vips_stats(region.image, &stats.image, nullptr) == 0);
  std::vector<double> averages;
  const int bands = vips_image_get_bands(region.image);
  for (int b = 0; b < bands; ++b) {
    double* row = VIPS_MATRIX(stats.image, 4, b + 1);  // column 4 is the mean
    averages.push_back(*row);
  }
  return averages;
}

double brightness(const std::string& bytes, WatermarkCorner c) {
  const std::vector<double> bands = corner_average(bytes, c);
  double sum = 0;
  for (double b : bands) sum += b;
  return sum / double(bands.size());
}

WatermarkCorner opposite(WatermarkCorner c) {
  switch (c) {
    case WatermarkCorner::TopLeft:
      return WatermarkCorner::BottomRight;
    case WatermarkCorner::TopRight:
      return WatermarkCorner::BottomLeft;
    case WatermarkCorner::BottomLeft:
      return WatermarkCorner::TopRight;
    default:
      return WatermarkCorner::TopLeft;
  }
}

Watermark ready(const SiteWatermark& mark, const std::string& folder = ".") {
  vips_ready();
  std::vector<std::string> warnings;
  auto w = press::server::prepare_watermark(mark, folder, warnings);
  INFO((w ? "" : w.error().message()));
  REQUIRE(w);
  INFO((warnings.empty() ? "" : warnings[0]));
  CHECK(warnings.empty());
  return *w;
}

press::server::EncodedImage encode(const std::string& bytes, press::core::FileKind kind,
                                   const Watermark* mark) {
  auto e = press::server::encode_image(bytes, kind, {}, mark);
  INFO((e ? "" : e.error().message()));
  REQUIRE(e);
  return std::move(*e);
}

SiteWatermark text_mark(WatermarkCorner corner, double opacity = 0.8) {
  SiteWatermark m;
  m.text = "XX大学新闻网";
  m.corner = corner;
  m.opacity = opacity;
  return m;
}

}  // namespace

TEST_CASE("the watermark text is drawn in the chosen corner and nowhere else",
          "[media][watermark]") {
  const std::string photo = flat_picture(1600, 1000, ".png");
  const auto plain = encode(photo, press::core::FileKind::Png, nullptr);
  for (WatermarkCorner corner : {WatermarkCorner::TopLeft, WatermarkCorner::TopRight,
                                 WatermarkCorner::BottomLeft, WatermarkCorner::BottomRight}) {
    INFO(press::core::to_string(corner));
    const Watermark mark = ready(text_mark(corner));
    const auto marked = encode(photo, press::core::FileKind::Png, &mark);
    CHECK(marked.width == plain.width);
    REQUIRE(marked.sized.size() == plain.sized.size());
    // The main file and every published width: white text over the grey makes the corner
    // brighter; the opposite corner is the same pixels as without a mark (PNG: lossless).
    std::vector<std::pair<std::string, std::string>> pairs = {{plain.main, marked.main}};
    for (size_t i = 0; i < plain.sized.size(); ++i)
      pairs.emplace_back(plain.sized[i].second, marked.sized[i].second);
    for (const auto& [before, after] : pairs) {
      CHECK(brightness(after, corner) > brightness(before, corner) + 2.0);
      CHECK(corner_average(after, opposite(corner)) == corner_average(before, opposite(corner)));
      for (WatermarkCorner other : {WatermarkCorner::TopLeft, WatermarkCorner::TopRight,
                                    WatermarkCorner::BottomLeft, WatermarkCorner::BottomRight})
        if (other != corner) CHECK(brightness(after, other) == brightness(before, other));
    }
  }
}

TEST_CASE("the watermark: opacity, min_width, JPEG, grey and alpha pictures, a logo",
          "[media][watermark]") {
  const std::string jpeg = flat_picture(2000, 1200, ".jpg");
  const auto plain = encode(jpeg, press::core::FileKind::Jpeg, nullptr);
  const WatermarkCorner br = WatermarkCorner::BottomRight, tl = WatermarkCorner::TopLeft;

  SECTION("more opacity, a brighter corner; a JPEG's far corner is untouched") {
    const Watermark faint = ready(text_mark(br, 0.2)), strong = ready(text_mark(br, 1.0));
    const auto a = encode(jpeg, press::core::FileKind::Jpeg, &faint);
    const auto b = encode(jpeg, press::core::FileKind::Jpeg, &strong);
    CHECK(brightness(a.main, br) > brightness(plain.main, br) + 0.5);
    CHECK(brightness(b.main, br) > brightness(a.main, br) + 1.0);
    CHECK(std::abs(brightness(b.main, tl) - brightness(plain.main, tl)) < 0.01);
    // Drawing is deterministic: the same upload makes the same bytes (and id) again.
    CHECK(encode(jpeg, press::core::FileKind::Jpeg, &strong).main == b.main);
  }

  SECTION("sizes narrower than min_width are published unmarked") {
    SiteWatermark m = text_mark(br);
    m.min_width = 1000;
    const Watermark mark = ready(m);
    const auto marked = encode(jpeg, press::core::FileKind::Jpeg, &mark);
    REQUIRE(marked.sized.size() == 3);  // 480, 960, 1600
    CHECK(marked.sized[0].second == plain.sized[0].second);
    CHECK(marked.sized[1].second == plain.sized[1].second);
    CHECK(marked.sized[2].second != plain.sized[2].second);
    CHECK(marked.main != plain.main);
    // The smaller sizes are made from unmarked pixels: no shrunk mark in them.
    m.min_width = 0;
    const Watermark everywhere = ready(m);
    const auto all = encode(jpeg, press::core::FileKind::Jpeg, &everywhere);
    CHECK(all.sized[0].second != plain.sized[0].second);
  }

  SECTION("grey pictures, and PNGs with an alpha band, are marked in their own bands") {
    const Watermark mark = ready(text_mark(br));
    const std::string grey = flat_picture(1200, 800, ".png", 60, 1);
    const auto g0 = encode(grey, press::core::FileKind::Png, nullptr);
    const auto g1 = encode(grey, press::core::FileKind::Png, &mark);
    CHECK(corner_average(g1.main, br).size() == 1);
    CHECK(brightness(g1.main, br) > brightness(g0.main, br) + 2.0);
    const std::string rgba = flat_picture(1200, 800, ".png", 60, 3, true);
    const auto a0 = encode(rgba, press::core::FileKind::Png, nullptr);
    const auto a1 = encode(rgba, press::core::FileKind::Png, &mark);
    const std::vector<double> bands = corner_average(a1.main, br);
    REQUIRE(bands.size() == 4);
    CHECK(bands[3] == 255.0);  // still opaque
    CHECK(bands[0] > corner_average(a0.main, br)[0] + 2.0);
    CHECK(corner_average(a1.main, tl) == corner_average(a0.main, tl));
  }

  SECTION("a logo, read relative to the profile's folder, drawn left of the text") {
    TempDir folder;
    write_file(folder.file("img/logo.png"), red_logo());
    SiteWatermark m;
    m.logo = "img/logo.png";
    m.corner = tl;
    m.opacity = 1.0;
    const Watermark mark = ready(m, folder.path());
    const std::string png = flat_picture(1600, 1000, ".png");
    const auto p0 = encode(png, press::core::FileKind::Png, nullptr);
    const auto p1 = encode(png, press::core::FileKind::Png, &mark);
    const std::vector<double> before = corner_average(p0.main, tl),
                              after = corner_average(p1.main, tl);
    CHECK(after[0] > before[0] + 2.0);  // red up
    CHECK(after[1] <= before[1]);       // green and blue not
    CHECK(corner_average(p1.main, br) == corner_average(p0.main, br));
    // With a text too, both are drawn: more changes than the logo alone.
    m.text = "新闻网";
    const Watermark both = ready(m, folder.path());
    const auto p2 = encode(png, press::core::FileKind::Png, &both);
    CHECK(brightness(p2.main, tl) > brightness(p1.main, tl));
  }

  SECTION("the text is drawn as typed, not read as markup") {
    SiteWatermark m = text_mark(br);
    m.text = "<b>A&B</b> 新闻网";
    const Watermark mark = ready(m);
    CHECK(mark.text == m.text);
    CHECK(encode(jpeg, press::core::FileKind::Jpeg, &mark).main != plain.main);
  }

  SECTION("a picture too small for the mark is left unmarked") {
    SiteWatermark m = text_mark(br);
    m.min_width = 0;
    m.text = "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十";
    const Watermark mark = ready(m);
    const std::string tiny = flat_picture(120, 40, ".png");
    CHECK(encode(tiny, press::core::FileKind::Png, &mark).main ==
          encode(tiny, press::core::FileKind::Png, nullptr).main);
  }
}

TEST_CASE("no watermark publishes what it did before; attachments are never marked",
          "[media][watermark]") {
  const std::string photo = flat_picture(1000, 600, ".jpg");
  const press::server::MediaLimits limits;
  auto plain = press::server::prepare_media(photo, "a.jpg", limits);
  REQUIRE(plain);
  auto none = press::server::prepare_media(photo, "a.jpg", limits, nullptr);
  REQUIRE(none);
  CHECK(none->main == plain->main);
  CHECK(none->source_sha256 == press::server::sha256_hex(photo));
  CHECK(press::server::upload_key(photo, nullptr) == press::server::sha256_hex(photo));

  const Watermark mark = ready(text_mark(WatermarkCorner::BottomRight));
  auto marked = press::server::prepare_media(photo, "a.jpg", limits, &mark);
  REQUIRE(marked);
  CHECK(marked->main != plain->main);
  CHECK(marked->file.id == press::server::sha256_hex(marked->main));
  // The "same upload" key changes with the mark, so a changed mark is drawn anew.
  CHECK(marked->source_sha256 == press::server::upload_key(photo, &mark));
  CHECK(marked->source_sha256 != plain->source_sha256);
  const Watermark other = ready(text_mark(WatermarkCorner::TopLeft));
  CHECK(press::server::upload_key(photo, &other) != press::server::upload_key(photo, &mark));

  const std::string pdf = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n";
  auto attachment = press::server::prepare_media(pdf, "a.pdf", limits, &mark);
  REQUIRE(attachment);
  CHECK(attachment->main == pdf);
}

TEST_CASE("bad watermark settings are clear errors; a text without fonts is left out",
          "[media][watermark]") {
  vips_ready();
  TempDir folder;
  std::vector<std::string> warnings;
  auto first = [](const press::core::Result<Watermark>& w) {
    REQUIRE_FALSE(w);
    REQUIRE(w.error().problems.size() == 1);
    return w.error().problems[0];
  };
  SiteWatermark m;
  m.logo = "missing.png";
  press::core::Diagnostic d = first(press::server::prepare_watermark(m, folder.path(), warnings));
  CHECK(d.path == "watermark.logo");
  CHECK(d.message.find(folder.file("missing.png")) != std::string::npos);
  CHECK(d.message.find("cannot read") != std::string::npos);

  write_file(folder.file("logo.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
  m.logo = "logo.svg";
  d = first(press::server::prepare_watermark(m, folder.path(), warnings));
  CHECK(d.path == "watermark.logo");
  CHECK(d.message.find("not a JPEG, PNG, WebP or GIF") != std::string::npos);

  const std::string png = flat_picture(100, 100, ".png");
  write_file(folder.file("cut.png"), png.substr(0, png.size() / 2));
  m.logo = "cut.png";
  d = first(press::server::prepare_watermark(m, folder.path(), warnings));
  CHECK(d.path == "watermark.logo");
  CHECK(d.message.find("cannot be decoded") != std::string::npos);
  CHECK(warnings.empty());

  // A character no font has (a private-use one): the text is left out with a warning, and
  // a mark with nothing left draws nothing.
  SiteWatermark t;
  t.text = "\xF3\xB0\x80\x80";  // U+F0000
  auto w = press::server::prepare_watermark(t, folder.path(), warnings);
  REQUIRE(w);
  REQUIRE(warnings.size() == 1);
  CHECK(warnings[0].find("no font") != std::string::npos);
  CHECK(w->text.empty());
  CHECK_FALSE(w->draws());
}

TEST_CASE("press-server with a watermark: marked uploads, the same upload stored once",
          "[media][watermark]") {
  TempDir dir, site_dir;
  json site = parse_json(read_file(std::string(PRESS_SOURCE_DIR) + "/assets/sites/zjitc.json"));
  write_file(site_dir.file("logo.png"), red_logo());
  site["watermark"] = {{"text", "XX大学新闻网"},
                       {"logo", "logo.png"},
                       {"corner", "bottom-left"},
                       {"opacity", 0.9},
                       {"min_width", 480}};
  write_file(site_dir.file("site.json"), site.dump());
  const std::string photo = flat_picture(1600, 900, ".jpg");

  std::string plain_id;
  {
    TempDir plain_dir;
    ServerProcess plain(plain_dir.path());
    auto r =
        plain.client()->Post("/api/v1/media?name=a.jpg", auth(), photo, "application/octet-stream");
    REQUIRE(r);
    REQUIRE(r->status == 201);
    plain_id = parse_json(r->body)["id"];
  }

  ServerProcess server(dir.path(), {"--site", site_dir.file("site.json")});
  auto c = server.client();
  auto r = c->Post("/api/v1/media?name=a.jpg", auth(), photo, "application/octet-stream");
  REQUIRE(r);
  REQUIRE(r->status == 201);
  const json j = parse_json(r->body);
  CHECK(j["widths"] == json::array({480, 960}));
  const std::string id = j["id"];
  CHECK(id != plain_id);
  const std::string stored = read_file(dir.file("media/" + id + ".jpg"));
  CHECK(press::server::sha256_hex(stored) == id);
  CHECK(brightness(stored, WatermarkCorner::BottomLeft) >
        brightness(flat_picture(1600, 900, ".jpg"), WatermarkCorner::BottomLeft) + 2.0);
  CHECK(std::abs(brightness(stored, WatermarkCorner::TopRight) - 60.0) < 1.0);
  auto served = c->Get("/media/" + id + "-480.jpg");
  REQUIRE(served);
  CHECK(served->status == 200);

  // The same upload again: found by its source, nothing decoded or stored again.
  auto again = c->Post("/api/v1/media?name=b.jpg", auth(), photo, "application/octet-stream");
  REQUIRE(again);
  CHECK(again->status == 200);
  CHECK(parse_json(again->body)["id"] == id);
}

TEST_CASE("press-server refuses to start with a bad watermark", "[media][watermark][cli]") {
  TempDir dir, site_dir;
  json site = parse_json(read_file(std::string(PRESS_SOURCE_DIR) + "/assets/sites/zjitc.json"));
  std::string out;
  site["watermark"] = {{"text", "新闻网"}, {"opacity", 2}};
  write_file(site_dir.file("bad.json"), site.dump());
  CHECK(run_command({"--site", site_dir.file("bad.json"), "--data", dir.path()}, out) == 2);
  site["watermark"] = {{"logo", "nowhere.png"}};
  write_file(site_dir.file("nologo.json"), site.dump());
  CHECK(run_command({"--site", site_dir.file("nologo.json"), "--data", dir.path()}, out) == 2);

  // load_watermark: the same checks the server runs at start.
  press::core::SiteParse parsed = press::core::parse_site(site.dump());
  REQUIRE(parsed.ok());
  std::optional<Watermark> loaded;
  vips_ready();
  CHECK_FALSE(press::server::load_watermark(site_dir.file("nologo.json"), parsed.site, loaded));
  CHECK_FALSE(loaded);
  parsed.site.watermark.reset();
  CHECK(press::server::load_watermark(site_dir.file("nologo.json"), parsed.site, loaded));
  CHECK_FALSE(loaded);
}
