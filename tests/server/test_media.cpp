// The media store: uploads by form and by raw body, what is refused and why, what is
// stored (re-encoded, stripped, sized), how it is served and exported. Pictures are made
// here with libvips; no binary fixture is committed.
#include <vips/vips.h>
#include <zlib.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <set>

#include "server/media_image.h"
#include "server/media_name.h"
#include "server/media_store.h"
#include "server/startup.h"
#include "server_harness.h"

using namespace press_test;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

// --- Pictures and files made in the test ---------------------------------------------

void vips_ready() {
  REQUIRE(press::server::init_image_codecs(2));
}

// A picture of noise (hard to compress, like a photo) or a smooth gradient, saved by libvips
// in the format of `suffix` (".jpg", ".png", ".webp", ".gif").
std::string make_picture(int width, int height, const char* suffix, bool noise = true) {
  vips_ready();
  VipsImage* grey = nullptr;
  if (noise) {
    REQUIRE(vips_gaussnoise(&grey, width, height, "mean", 128.0, "sigma", 50.0, nullptr) == 0);
  } else {
    VipsImage* ramp = nullptr;
    REQUIRE(vips_grey(&ramp, width, height, nullptr) == 0);
    REQUIRE(vips_linear1(ramp, &grey, 255.0, 0.0, nullptr) == 0);
    g_object_unref(ramp);
  }
  VipsImage* bytes8 = nullptr;
  REQUIRE(vips_cast_uchar(grey, &bytes8, nullptr) == 0);
  VipsImage* bands[3] = {bytes8, bytes8, bytes8};
  VipsImage* rgb = nullptr;
  REQUIRE(vips_bandjoin(bands, &rgb, 3, nullptr) == 0);
  void* buffer = nullptr;
  size_t size = 0;
  REQUIRE(vips_image_write_to_buffer(rgb, suffix, &buffer, &size, nullptr) == 0);
  std::string out(static_cast<const char*>(buffer), size);
  g_free(buffer);
  g_object_unref(rgb);
  g_object_unref(bytes8);
  g_object_unref(grey);
  return out;
}

void put16le(std::string& s, uint32_t v) {
  s += char(v & 0xFF);
  s += char((v >> 8) & 0xFF);
}
void put32le(std::string& s, uint32_t v) {
  put16le(s, v & 0xFFFF);
  put16le(s, v >> 16);
}
void put32be(std::string& s, uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) s += char((v >> shift) & 0xFF);
}

constexpr const char* kExifMarker = "SECRET-GPS-MARKER";

// An EXIF block (APP1) with an orientation (6: turn 90 degrees clockwise), a description
// holding kExifMarker and a GPS latitude, put right after the JPEG's SOI.
std::string with_exif(const std::string& jpeg) {
  std::string tiff = "II*";
  tiff += '\0';
  put32le(tiff, 8);
  auto entry = [&](uint32_t tag, uint32_t type, uint32_t count, uint32_t value) {
    put16le(tiff, tag), put16le(tiff, type), put32le(tiff, count), put32le(tiff, value);
  };
  const std::string description = std::string(kExifMarker) + '\0';
  put16le(tiff, 3);                                     // IFD0 at 8: three entries
  entry(0x010E, 2, uint32_t(description.size()), 104);  // ImageDescription
  entry(0x0112, 3, 1, 6);                               // Orientation = 6
  entry(0x8825, 4, 1, 50);                              // the GPS IFD
  put32le(tiff, 0);
  put16le(tiff, 2);                                                    // GPS IFD at 50
  tiff += std::string("\x01\x00\x02\x00\x02\x00\x00\x00N\0\0\0", 12);  // GPSLatitudeRef "N"
  entry(0x0002, 5, 3, 80);                                             // GPSLatitude
  put32le(tiff, 0);
  for (uint32_t v : {30u, 1u, 15u, 1u, 7u, 1u}) put32le(tiff, v);  // at 80: 30 15' 7"
  tiff += description;                                             // at 104
  std::string app1 = "\xFF\xE1";
  const uint32_t length = uint32_t(2 + 6 + tiff.size());
  app1 += char(length >> 8);
  app1 += char(length & 0xFF);
  app1 += std::string("Exif\0\0", 6) + tiff;
  return jpeg.substr(0, 2) + app1 + jpeg.substr(2);
}

void png_chunk(std::string& png, const char* type, const std::string& data) {
  put32be(png, uint32_t(data.size()));
  const std::string typed = type + data;
  png += typed;
  put32be(png,
          uint32_t(crc32(0, reinterpret_cast<const Bytef*>(typed.data()), uInt(typed.size()))));
}

// A PNG whose header says width x height, with a few bytes of image data: what a
// decompression bomb looks like before anyone decodes it.
std::string png_header_only(uint32_t width, uint32_t height) {
  std::string png = "\x89PNG\r\n\x1a\n";
  std::string ihdr;
  put32be(ihdr, width);
  put32be(ihdr, height);
  ihdr += std::string("\x08\x02\x00\x00\x00", 5);  // 8-bit RGB
  png_chunk(png, "IHDR", ihdr);
  png_chunk(png, "IDAT", std::string("\x78\x9c\x03\x00\x00\x00\x00\x01", 8));
  png_chunk(png, "IEND", "");
  return png;
}

// A ZIP of stored entries; `claimed` overrides the uncompressed size its directory states.
std::string make_zip(const std::vector<std::pair<std::string, std::string>>& files,
                     uint32_t claimed = 0) {
  std::string out, directory;
  for (const auto& [name, data] : files) {
    const uint32_t offset = uint32_t(out.size());
    const uint32_t crc =
        uint32_t(crc32(0, reinterpret_cast<const Bytef*>(data.data()), uInt(data.size())));
    out += "PK\x03\x04";
    put16le(out, 20), put16le(out, 0), put16le(out, 0), put32le(out, 0), put32le(out, crc);
    put32le(out, uint32_t(data.size())), put32le(out, uint32_t(data.size()));
    put16le(out, uint32_t(name.size())), put16le(out, 0);
    out += name + data;
    directory += "PK\x01\x02";
    put16le(directory, 20), put16le(directory, 20), put16le(directory, 0), put16le(directory, 0);
    put32le(directory, 0), put32le(directory, crc), put32le(directory, uint32_t(data.size()));
    put32le(directory, claimed ? claimed : uint32_t(data.size()));
    put16le(directory, uint32_t(name.size())), put16le(directory, 0), put16le(directory, 0);
    put16le(directory, 0), put16le(directory, 0), put32le(directory, 0), put32le(directory, offset);
    directory += name;
  }
  const uint32_t at = uint32_t(out.size());
  out += directory + "PK\x05\x06";
  put16le(out, 0), put16le(out, 0), put16le(out, uint32_t(files.size()));
  put16le(out, uint32_t(files.size()));
  put32le(out, uint32_t(directory.size())), put32le(out, at), put16le(out, 0);
  return out;
}

std::string make_docx() {
  return make_zip({{"[Content_Types].xml", "<Types/>"},
                   {"word/document.xml", "<w:document>通知</w:document>"}});
}

const std::string kPdf = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n";

// --- Talking to the server -------------------------------------------------------------

std::shared_ptr<httplib::Response> upload_form(httplib::Client& c, const std::string& bytes,
                                               const std::string& filename,
                                               const std::string& token = kAdminToken) {
  httplib::MultipartFormDataItems items{{"file", bytes, filename, "application/octet-stream"}};
  auto r = c.Post("/api/v1/media", auth(token), items);
  REQUIRE(r);
  return std::make_shared<httplib::Response>(r.value());
}

std::shared_ptr<httplib::Response> upload_raw(httplib::Client& c, const std::string& bytes,
                                              const std::string& name = "") {
  const std::string path = "/api/v1/media" + (name.empty() ? "" : "?name=" + name);
  auto r = c.Post(path.c_str(), auth(), bytes, "application/octet-stream");
  REQUIRE(r);
  return std::make_shared<httplib::Response>(r.value());
}

std::vector<std::string> files_in(const std::string& dir) {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) names.push_back(e.path().filename());
  std::sort(names.begin(), names.end());
  return names;
}

std::vector<press::core::MediaFile> media_rows(const TempDir& dir) {
  auto db = press::server::Database::open(dir.file("press.db"));
  REQUIRE(db);
  return press::server::list_media(**db);
}

std::string disposition_on_wire(int port, const std::string& path) {
  const std::string reply =
      raw_request(port, "GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n", false, 3000);
  const std::string name = "Content-Disposition: ";
  const size_t at = reply.find(name);
  if (at == std::string::npos) return {};
  return reply.substr(at + name.size(), reply.find("\r\n", at) - at - name.size());
}

bool is_sha256_hex(const std::string& s) {
  return s.size() == 64 && s.find_first_not_of("0123456789abcdef") == std::string::npos;
}

}  // namespace

TEST_CASE("a picture uploaded as a form and one as a raw body; the same file twice is stored once",
          "[media]") {
  TempDir dir;
  ServerProcess server(dir.path());
  auto c = server.client();
  const std::string photo = make_picture(2000, 1000, ".jpg");

  auto first = upload_form(*c, photo, "会议.jpg");
  REQUIRE(first->status == 201);
  const json j = parse_json(first->body);
  CHECK(is_sha256_hex(j["id"].get<std::string>()));
  CHECK(j["ext"] == "jpg");
  CHECK(j["kind"] == "image");
  CHECK(j["mime"] == "image/jpeg");
  CHECK(j["width"] == 2000);
  CHECK(j["height"] == 1000);
  CHECK(j["widths"] == json::array({480, 960, 1600}));
  CHECK(j["name"] == "会议.jpg");
  const std::string id = j["id"];
  CHECK(j["url"] == "/media/" + id + ".jpg");
  CHECK(first->get_header_value("Location") == "/media/" + id + ".jpg");
  // Content addressing: the id is the sha256 of the stored main file.
  const std::string stored = read_file(dir.file("media/" + id + ".jpg"));
  CHECK(j["bytes"] == stored.size());
  CHECK(press::server::sha256_hex(stored) == id);
  CHECK(stored != photo);  // always re-encoded
  CHECK(files_in(dir.file("media")) ==
        std::vector<std::string>{id + "-1600.jpg", id + "-480.jpg", id + "-960.jpg", id + ".jpg"});

  // The same bytes again, this time as a raw body: 200 and the same file, nothing new.
  auto again = upload_raw(*c, photo, "other.jpg");
  CHECK(again->status == 200);
  CHECK(parse_json(again->body) == j);
  CHECK(files_in(dir.file("media")).size() == 4);
  CHECK(media_rows(dir).size() == 1);

  // A raw body with no name; a small picture has no smaller widths.
  auto small = upload_raw(*c, make_picture(300, 200, ".webp"));
  REQUIRE(small->status == 201);
  const json s = parse_json(small->body);
  CHECK(s["ext"] == "webp");
  CHECK(s["name"] == "");
  CHECK(s["widths"] == json::array());
  CHECK(media_rows(dir).size() == 2);

  // The longest side is at most 2560.
  auto large = upload_raw(*c, make_picture(3000, 1500, ".png", false), "wide.png");
  REQUIRE(large->status == 201);
  const json l = parse_json(large->body);
  CHECK(l["width"] == 2560);
  CHECK(l["height"] == 1280);
  CHECK(l["widths"] == json::array({480, 960, 1600}));
}

TEST_CASE("uploads need an editor's token", "[media]") {
  TempDir dir;
  ServerProcess server(dir.path());
  auto c = server.client();
  const std::string photo = make_picture(100, 100, ".png");
  auto wrong = upload_form(*c, photo, "a.png", "not-a-valid-token-at-all");
  CHECK(wrong->status == 401);
  CHECK(parse_json(wrong->body)["error"] == "invalid_token");
  auto none = c->Post("/api/v1/media", photo, "image/png");
  REQUIRE(none);
  CHECK(none->status == 401);
  CHECK(parse_json(none->body)["error"] == "unauthorized");
  std::string token;
  REQUIRE(run_command({"token", "create", "--role", "reader", "--data", dir.path()}, token) == 0);
  token.pop_back();
  CHECK(upload_form(*c, photo, "a.png", token)->status == 403);
  CHECK(files_in(dir.file("media")).empty());
  CHECK(media_rows(dir).empty());
}

TEST_CASE("what is refused gets a clear status and message, and leaves nothing behind", "[media]") {
  TempDir dir;
  ServerProcess server(dir.path(), {"--max-image", "300000"});
  auto c = server.client();
  const std::string jpeg = make_picture(400, 300, ".jpg");
  std::string corrupt_png = make_picture(200, 200, ".png");
  for (size_t i = corrupt_png.size() / 2; i < corrupt_png.size() / 2 + 64; ++i)
    corrupt_png[i] ^= 0x5A;

  struct Case {
    const char* what;
    std::string bytes;
    std::string name;
    int status;
    const char* error;
    const char* says;
  };
  const Case cases[] = {
      {"an SVG with a script",
       "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>", "logo.svg", 415,
       "unsupported_media_type", "SVG"},
      {"an HTML page named .pdf", "<!DOCTYPE html><html><body>通知</body></html>", "通知.pdf", 415,
       "unsupported_media_type", "HTML"},
      {"a truncated JPEG", jpeg.substr(0, jpeg.size() / 2), "cut.jpg", 422, "invalid_media",
       "damaged or incomplete"},
      {"a corrupt PNG", corrupt_png, "bad.png", 422, "invalid_media", "damaged or incomplete"},
      {"a 50,000 x 50,000 PNG", png_header_only(50000, 50000), "bomb.png", 413, "payload_too_large",
       "50000 x 50000"},
      {"a zip bomb", make_zip({{"a.txt", "0123456789"}}, 0xF0000000u), "bomb.zip", 413,
       "payload_too_large", "zip bomb"},
      {"a PNG with a ZIP appended", make_picture(50, 50, ".png") + make_zip({{"a.txt", "x"}}),
       "both.png", 415, "unsupported_media_type", "ZIP"},
      {"a JPEG with a script at its start",
       jpeg.substr(0, 20) + "<script>x</script>" + jpeg.substr(20), "x.jpg", 415,
       "unsupported_media_type", "script"},
      {"a PDF cut short", kPdf.substr(0, 30), "cut.pdf", 422, "invalid_media", "incomplete"},
      {"plain text", "just some words", "notes.txt", 415, "unsupported_media_type", "not accepted"},
      {"an empty file", "", "empty.jpg", 400, "invalid_upload", "empty"},
      {"a picture over the image limit", make_picture(1000, 1000, ".png"), "big.png", 413,
       "payload_too_large", "at most 300000"},
  };
  for (const Case& k : cases) {
    INFO(k.what);
    const auto started = std::chrono::steady_clock::now();
    auto r = upload_form(*c, k.bytes, k.name);
    const auto took = std::chrono::steady_clock::now() - started;
    CHECK(r->status == k.status);
    const json j = parse_json(r->body);
    CHECK(j["error"] == k.error);
    CHECK(j["message"].get<std::string>().find(k.says) != std::string::npos);
    REQUIRE(j["errors"].size() == 1);
    CHECK(j["errors"][0].contains("code"));
    CHECK(took < std::chrono::seconds(2));  // the pixel bomb is refused from its header
  }
  CHECK(parse_json(
            upload_form(*c, png_header_only(50000, 50000), "b.png")->body)["errors"][0]["code"] ==
        "too_large");

  // A body announced as 100 MB is refused by its length, without being read.
  const std::string request =
      "POST /api/v1/media HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " +
      std::string(kAdminToken) +
      "\r\nContent-Type: application/octet-stream\r\nContent-Length: 104857600\r\n\r\nabc";
  const auto started = std::chrono::steady_clock::now();
  const std::string reply = raw_request(server.port(), request, false, 3000);
  CHECK(status_of(reply) == 413);
  CHECK(reply.find("payload_too_large") != std::string::npos);
  CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(2));
  // A form without a "file" field.
  httplib::MultipartFormDataItems other{{"picture", jpeg, "a.jpg", "image/jpeg"}};
  auto missing = c->Post("/api/v1/media", auth(), other);
  REQUIRE(missing);
  CHECK(missing->status == 400);
  CHECK(parse_json(missing->body)["errors"][0]["code"] == "required");

  CHECK(files_in(dir.file("media")).empty());
  CHECK(media_rows(dir).empty());
  CHECK(c->Get("/api/v1/health")->status == 200);  // and the server is fine
}

TEST_CASE(
    "the bytes decide, not the name: a PNG named .jpg is a PNG; a path in the name is dropped",
    "[media]") {
  TempDir dir;
  ServerProcess server(dir.path());
  auto c = server.client();
  auto png = upload_form(*c, make_picture(120, 80, ".png"), "photo.jpg");
  REQUIRE(png->status == 201);
  const json p = parse_json(png->body);
  CHECK(p["ext"] == "png");
  CHECK(p["mime"] == "image/png");
  CHECK(p["name"] == "photo.jpg");

  auto gif = upload_form(*c, make_picture(64, 48, ".gif"), "anim.gif");
  REQUIRE(gif->status == 201);
  CHECK(parse_json(gif->body)["ext"] == "gif");

  auto traversal = upload_form(*c, make_picture(60, 60, ".jpg"), "../../x");
  REQUIRE(traversal->status == 201);
  const json t = parse_json(traversal->body);
  CHECK(t["name"] == "x");
  CHECK_FALSE(fs::exists(dir.file("x")));
  CHECK_FALSE(fs::exists(fs::path(dir.path()).parent_path() / "x"));
  auto raw = upload_raw(*c, make_picture(61, 60, ".jpg"), "..%2F..%2Fetc%2Fpasswd");
  REQUIRE(raw->status == 201);
  CHECK(parse_json(raw->body)["name"] == "passwd");
  for (const std::string& name : files_in(dir.file("media")))
    CHECK(is_sha256_hex(name.substr(0, 64)));
}

TEST_CASE("EXIF and GPS data are stripped and the picture is turned upright", "[media]") {
  TempDir dir;
  ServerProcess server(dir.path());
  auto c = server.client();
  const std::string photo = with_exif(make_picture(1200, 600, ".jpg"));
  REQUIRE(photo.find(kExifMarker) != std::string::npos);
  {  // libvips reads the block we made: orientation 6 and the GPS latitude
    VipsImage* in = vips_image_new_from_buffer(photo.data(), photo.size(), "", nullptr);
    REQUIRE(in);
    CHECK(vips_image_get_orientation(in) == 6);
    const char* gps = nullptr;
    CHECK(vips_image_get_string(in, "exif-ifd3-GPSLatitude", &gps) == 0);
    g_object_unref(in);
  }
  auto r = upload_form(*c, photo, "现场.jpg");
  REQUIRE(r->status == 201);
  const json j = parse_json(r->body);
  CHECK(j["width"] == 600);  // turned by the orientation
  CHECK(j["height"] == 1200);
  CHECK(j["widths"] == json::array({480}));
  const std::string id = j["id"];
  for (const std::string& name : {id + ".jpg", id + "-480.jpg"}) {
    INFO(name);
    const std::string stored = read_file(dir.file("media/" + name));
    CHECK(stored.find(kExifMarker) == std::string::npos);
    CHECK(stored.find(std::string("Exif\0\0", 6)) == std::string::npos);
    CHECK(stored.find("http://ns.adobe.com/xap") == std::string::npos);  // no XMP either
    VipsImage* out = vips_image_new_from_buffer(stored.data(), stored.size(), "", nullptr);
    REQUIRE(out);
    CHECK_FALSE(vips_image_get_typeof(out, VIPS_META_EXIF_NAME));
    CHECK_FALSE(vips_image_get_typeof(out, VIPS_META_ICC_NAME));
    g_object_unref(out);
  }
}

TEST_CASE("stored files are served immutable, with their type; attachments as downloads",
          "[media]") {
  TempDir dir;
  ServerProcess server(dir.path());
  auto c = server.client();
  const json image = parse_json(upload_form(*c, make_picture(1000, 500, ".jpg"), "a.jpg")->body);
  const std::string id = image["id"];

  for (const std::string& path : {"/media/" + id + ".jpg", "/media/" + id + "-480.jpg"}) {
    INFO(path);
    auto r = c->Get(path.c_str());
    REQUIRE(r);
    CHECK(r->status == 200);
    CHECK(r->get_header_value("Content-Type") == "image/jpeg");
    CHECK(r->get_header_value("X-Content-Type-Options") == "nosniff");
    CHECK(r->get_header_value("Cache-Control") == "public, max-age=31536000, immutable");
    CHECK_FALSE(r->has_header("Content-Disposition"));
    CHECK(r->body == read_file(dir.file(path.substr(1))));
  }
  auto head = c->Head(("/media/" + id + ".jpg").c_str());
  REQUIRE(head);
  CHECK(head->status == 200);
  auto cached =
      c->Get(("/media/" + id + ".jpg").c_str(), {{"If-None-Match", "\"" + id + ".jpg\""}});
  REQUIRE(cached);
  CHECK(cached->status == 304);

  auto pdf = upload_form(*c, kPdf, "2024年 通知.pdf");
  REQUIRE(pdf->status == 201);
  const json p = parse_json(pdf->body);
  CHECK(p["kind"] == "attachment");
  CHECK(p["mime"] == "application/pdf");
  CHECK(p["id"] == press::server::sha256_hex(kPdf));  // attachments are kept byte for byte
  auto download = c->Get(p["url"].get<std::string>().c_str());
  REQUIRE(download);
  CHECK(download->status == 200);
  CHECK(download->body == kPdf);
  CHECK(download->get_header_value("Content-Type") == "application/pdf");
  CHECK(download->get_header_value("X-Content-Type-Options") == "nosniff");
  // (cpp-httplib's client decodes percent-encoding in header values: read the wire.)
  CHECK(disposition_on_wire(server.port(), p["url"]) ==
        "attachment; filename*=UTF-8''2024%E5%B9%B4%20%E9%80%9A%E7%9F%A5.pdf");
  auto docx = upload_form(*c, make_docx(), "报告.zip");
  REQUIRE(docx->status == 201);
  const json d = parse_json(docx->body);
  CHECK(d["ext"] == "docx");
  auto word = c->Get(d["url"].get<std::string>().c_str());
  REQUIRE(word);
  CHECK(word->get_header_value("Content-Type") ==
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
  CHECK(disposition_on_wire(server.port(), d["url"]) ==
        "attachment; filename*=UTF-8''%E6%8A%A5%E5%91%8A.zip.docx");
  const std::string unknown(64, 'a');
  const std::string upper = std::string(id).replace(0, 1, "A");
  for (const std::string& path : std::vector<std::string>{
           "/media/" + unknown + ".jpg", "/media/" + id + ".png", "/media/" + id + "-500.jpg",
           "/media/" + id + "-0480.jpg", "/media/" + upper + ".jpg", "/media/" + id + ".jpg/x",
           "/media/" + id, "/media/press.db", "/media/..%2Fpress.db", "/media/%2e%2e/press.db",
           std::string("/media/")}) {
    INFO(path);
    auto r = c->Get(path.c_str());
    REQUIRE(r);
    CHECK(r->status == 404);
  }
}

TEST_CASE("export copies the media that exported articles refer to", "[media][export]") {
  TempDir dir, out;
  std::string used, unused;
  {
    ServerProcess server(dir.path());
    auto c = server.client();
    used = parse_json(upload_form(*c, make_picture(1000, 600, ".jpg"), "a.jpg")->body)["id"];
    unused = parse_json(upload_form(*c, make_picture(500, 300, ".png"), "b.png")->body)["id"];
    json article = parse_json(sample_article());
    article["body"] = "会议现场。\n\n![会议现场](media/" + used + ".jpg \"会议现场\")\n";
    auto created = c->Post("/api/v1/articles", auth(), article.dump(), "application/json");
    REQUIRE(created);
    REQUIRE(created->status == 201);
    const std::string article_id = parse_json(created->body)["id"];
    auto published = c->Post(("/api/v1/articles/" + article_id + "/publish").c_str(), auth(), "",
                             "application/json");
    REQUIRE(published);
    REQUIRE(published->status == 200);
  }
  std::string output;
  REQUIRE(run_command({"export", out.path(), "--data", dir.path()}, output) == 0);
  CHECK(output.find("copied 3 media files") != std::string::npos);
  CHECK(read_file(out.file("media/" + used + ".jpg")) ==
        read_file(dir.file("media/" + used + ".jpg")));
  CHECK(fs::exists(out.file("media/" + used + "-480.jpg")));
  CHECK(fs::exists(out.file("media/" + used + "-960.jpg")));
  CHECK_FALSE(fs::exists(out.file("media/" + unused + ".png")));
}

// --- The store on its own ---------------------------------------------------------------

namespace {

struct StoreFixture {
  TempDir dir;
  std::unique_ptr<press::server::WriteQueue> writes;
  std::unique_ptr<press::server::ConnectionPool> reads;
  std::unique_ptr<press::server::MediaStore> store;
  press::server::Actor editor{7, "editor-7", press::server::Role::Editor};

  StoreFixture() {
    auto db = press::server::open_data_database(dir.path());
    REQUIRE(db);
    writes = std::make_unique<press::server::WriteQueue>(std::move(db));
    reads = std::make_unique<press::server::ConnectionPool>(dir.file("press.db"));
    store = std::make_unique<press::server::MediaStore>(*reads, *writes, dir.file("media"));
  }
  static press::server::PreparedMedia attachment(const std::string& bytes) {
    press::server::PreparedMedia m;
    m.file.id = press::server::sha256_hex(bytes);
    m.file.ext = "pdf";
    m.file.kind = press::core::MediaKind::Attachment;
    m.file.mime = "application/pdf";
    m.file.bytes = bytes.size();
    m.file.name = "a.pdf";
    m.main = bytes;
    m.source_sha256 = m.file.id;
    return m;
  }
};

}  // namespace

TEST_CASE("a store that cannot write its row removes the files it wrote", "[media][store]") {
  StoreFixture f;
  const auto stored = f.store->store(StoreFixture::attachment(kPdf), f.editor);
  REQUIRE(stored);
  CHECK(stored->created);
  CHECK(files_in(f.dir.file("media")).size() == 1);
  CHECK_FALSE(f.store->store(StoreFixture::attachment(kPdf), f.editor)->created);

  f.writes->stop();  // every later write fails
  press::server::PreparedMedia picture = StoreFixture::attachment(kPdf + "x");
  picture.sized = {{480, "small"}, {960, "medium"}};
  picture.file.widths = {480, 960};
  const auto failed = f.store->store(picture, f.editor);
  REQUIRE_FALSE(failed);
  CHECK(failed.error().code == press::core::ErrorCode::unavailable);
  CHECK(files_in(f.dir.file("media")).size() == 1);  // only the first file, no temporaries

  // A media folder that cannot be written: nothing half-written either.
  fs::remove_all(f.dir.file("media"));
  write_file(f.dir.file("media"), "not a folder");
  StoreFixture g;
  press::server::MediaStore broken(*g.reads, *g.writes, f.dir.file("media"));
  CHECK_FALSE(broken.store(StoreFixture::attachment(kPdf), g.editor));
  CHECK(media_rows(g.dir).empty());
}

TEST_CASE("atomic writes leave no temporary; stale ones are swept", "[media][store]") {
  TempDir dir;
  REQUIRE(press::server::write_file_atomically(dir.path(), "a.bin", "bytes"));
  CHECK(files_in(dir.path()) == std::vector<std::string>{"a.bin"});
  CHECK(read_file(dir.file("a.bin")) == "bytes");
  CHECK(fs::status(dir.file("a.bin")).permissions() ==
        (fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read |
         fs::perms::others_read));
  CHECK_FALSE(press::server::write_file_atomically(dir.file("missing"), "a.bin", "x"));
  write_file(dir.file(".tmp-b.jpg.123456"), "half");
  press::server::remove_stale_temporaries(dir.path());
  CHECK(files_in(dir.path()) == std::vector<std::string>{"a.bin"});
}

TEST_CASE("references in articles: the catalog and the unreferenced files", "[media][store]") {
  StoreFixture f;
  const std::string a = kPdf, b = kPdf + "b";
  REQUIRE(f.store->store(StoreFixture::attachment(a), f.editor));
  REQUIRE(f.store->store(StoreFixture::attachment(b), f.editor));
  const std::string id_a = press::server::sha256_hex(a), id_b = press::server::sha256_hex(b);

  const std::string body = "![图](media/" + id_a + ".pdf \"x\") and /media/" + id_a +
                           "-480.jpg and media/" + std::string(63, 'f') + ".jpg and media/" +
                           std::string(64, 'F') + ".jpg";
  CHECK(press::server::referenced_media_ids(body) == std::vector<std::string>{id_a});

  auto db = press::server::Database::open(f.dir.file("press.db"));
  REQUIRE(db);
  const press::core::MediaCatalog catalog =
      press::server::media_catalog(**db, {id_a, std::string(64, '0'), id_a});
  REQUIRE(catalog.files.size() == 1);
  CHECK(catalog.files[0].id == id_a);
  CHECK(catalog.files[0].kind == press::core::MediaKind::Attachment);

  // An article referring to a; b is unreferenced (once old enough to collect).
  REQUIRE((*db)->exec(("INSERT INTO articles (id, revision, status, channel_key, title, "
                       "published_at, updated_at, created_at, modified_at, json) VALUES (1, 1, "
                       "'draft', '', 't', 0, 0, 0, 0, '{\"body\": \"![x](media/" +
                       id_a + ".pdf)\"}')")
                          .c_str()));
  const auto now = int64_t(std::time(nullptr));
  auto unused = press::server::unreferenced_media(**db, now + 10);
  REQUIRE(unused);
  REQUIRE(unused->size() == 1);
  CHECK((*unused)[0].id == id_b);
  CHECK(press::server::unreferenced_media(**db, now - 3600)->empty());  // too recent to collect
}

TEST_CASE("upload names are kept without paths, control characters or disguises",
          "[media][names]") {
  using press::server::sanitize_upload_name;
  CHECK(sanitize_upload_name("../../x") == "x");
  CHECK(sanitize_upload_name("C:\\Users\\张三\\照片.jpg") == "照片.jpg");
  CHECK(sanitize_upload_name("a\x01\x1f\x7f"
                             "b.pdf") == "ab.pdf");
  CHECK(sanitize_upload_name("photo\xE2\x80\xAE"
                             "fdp.exe") == "photofdp.exe");  // no RLO
  CHECK(sanitize_upload_name("bad\xFF.pdf") == "bad\xEF\xBF\xBD.pdf");
  CHECK(sanitize_upload_name("..") == "");
  CHECK(sanitize_upload_name("  name.pdf  ") == "name.pdf");
  std::string long_name;
  for (int i = 0; i < 200; ++i) long_name += "字";
  const std::string cut = sanitize_upload_name(long_name + ".docx");
  CHECK(cut.size() <= 255);
  CHECK(cut.substr(cut.size() - 5) == ".docx");
  CHECK(cut.size() % 3 == 5 % 3);  // whole characters only

  using press::server::attachment_disposition;
  CHECK(attachment_disposition("a b.pdf", "id.pdf", "pdf") ==
        "attachment; filename*=UTF-8''a%20b.pdf");
  CHECK(attachment_disposition("", "abc.pdf", "pdf") == "attachment; filename*=UTF-8''abc.pdf");
  CHECK(attachment_disposition("x\";y.PDF", "i.pdf", "pdf") ==
        "attachment; filename*=UTF-8''x%22%3By.PDF");
}

TEST_CASE(
    "a published article shows its stored photo as a figure and its file under 附件; a "
    "reference to a file not stored blocks the publish",
    "[media][pages]") {
  TempDir dir;
  ServerProcess server(dir.path());
  auto c = server.client();
  const json photo =
      parse_json(upload_form(*c, make_picture(2000, 1000, ".jpg"), "会议.jpg")->body);
  const json file = parse_json(upload_form(*c, make_docx(), "通知.docx")->body);
  REQUIRE(photo["kind"] == "image");
  REQUIRE(file["kind"] == "attachment");
  const std::string photo_ref = "media/" + photo["id"].get<std::string>() + ".jpg";
  const std::string file_ref = "media/" + file["id"].get<std::string>() + ".docx";

  json article = parse_json(sample_article());
  article["body"] = "开幕式现场。\n\n![开幕式现场](" + photo_ref +
                    " \"学院举行开幕式\")\n\n请下载[通知.docx](" + file_ref + ")。\n";
  auto created = c->Post("/api/v1/articles", auth(), article.dump(), "application/json");
  REQUIRE(created->status == 201);
  const std::string id = parse_json(created->body)["id"];
  auto published = c->Post(("/api/v1/articles/" + id + "/publish").c_str(), auth());
  REQUIRE(published->status == 200);

  const std::string page = c->Get(("/news/" + id + ".html").c_str())->body;
  const std::string url = "/media/" + photo["id"].get<std::string>();
  CHECK(page.find("<figure class=\"press-figure\">") != std::string::npos);
  CHECK(page.find("srcset=\"" + url + "-480.jpg 480w, " + url + "-960.jpg 960w, " + url +
                  "-1600.jpg 1600w, " + url + ".jpg 2000w\"") != std::string::npos);
  CHECK(page.find("width=\"2000\" height=\"1000\"") != std::string::npos);
  CHECK(page.find("<figcaption>学院举行开幕式</figcaption>") != std::string::npos);
  CHECK(page.find("<section class=\"attachments\">") != std::string::npos);
  CHECK(page.find("/" + file_ref) != std::string::npos);
  // The published page's picture is there to fetch.
  CHECK(c->Get((url + "-960.jpg").c_str())->status == 200);

  // The same article pointing at a picture the server never stored is not published.
  json missing = parse_json(sample_article());
  missing["body"] = "![图](media/" + std::string(64, 'a') + ".jpg \"不存在\")\n";
  auto made = c->Post("/api/v1/articles", auth(), missing.dump(), "application/json");
  REQUIRE(made->status == 201);
  const std::string other = parse_json(made->body)["id"];
  auto refused = c->Post(("/api/v1/articles/" + other + "/publish").c_str(), auth());
  CHECK(refused->status == 422);
  CHECK(refused->body.find("media-ref") != std::string::npos);
  CHECK(c->Get(("/news/" + other + ".html").c_str())->status == 404);
}
