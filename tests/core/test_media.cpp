// Media references (core/media.h): the reference format, URLs, labels and the catalog.
#include <catch2/catch.hpp>
#include <string>

#include "core/media.h"

using namespace press::core;

namespace {

const std::string kId(64, 'a');
const std::string kOtherId = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

}  // namespace

TEST_CASE("media extensions and their kinds", "[media]") {
  for (const char* ext : {"jpg", "png", "webp", "gif"}) {
    CHECK(is_media_extension(ext));
    CHECK(media_kind_of_extension(ext) == MediaKind::Image);
  }
  for (const char* ext : {"pdf", "docx", "xlsx", "pptx", "zip"}) {
    CHECK(is_media_extension(ext));
    CHECK(media_kind_of_extension(ext) == MediaKind::Attachment);
  }
  for (const char* ext : {"", "jpeg", "JPG", "svg", "html", "exe", "pdf "})
    CHECK_FALSE(is_media_extension(ext));
}

TEST_CASE("parse_media_ref takes media/<id>.<ext> and /media/<id>.<ext> only", "[media]") {
  const auto a = parse_media_ref("media/" + kId + ".jpg");
  REQUIRE(a);
  CHECK(a->id == kId);
  CHECK(a->ext == "jpg");
  const auto b = parse_media_ref("/media/" + kOtherId + ".pdf");
  REQUIRE(b);
  CHECK(b->id == kOtherId);
  CHECK(b->ext == "pdf");

  const std::string bad[] = {
      "",
      "media/",
      "media/" + kId,                               // no extension
      "media/" + kId + ".",                         // empty extension
      "media/" + kId + ".svg",                      // not a media extension
      "media/" + kId + ".JPG",                      // extensions are lowercase
      "media/" + std::string(64, 'A') + ".jpg",     // ids are lowercase hex
      "media/" + std::string(63, 'a') + ".jpg",     // too short
      "media/" + std::string(65, 'a') + ".jpg",     // too long
      "media/" + std::string(63, 'a') + "g.jpg",    // not hex
      "media/" + kId + ".jpg?x=1",                  // no query
      "media/" + kId + ".jpg#top",                  // no fragment
      "media/" + kId + "-480.jpg",                  // a published width is no reference
      "media/sub/" + kId + ".jpg",                  // no other folder
      "//media/" + kId + ".jpg",                    // a host
      "https://example.org/media/" + kId + ".jpg",  // another site
      "./media/" + kId + ".jpg",
      "media/../" + kId + ".jpg",
      "Media/" + kId + ".jpg",
      " media/" + kId + ".jpg",
  };
  for (const std::string& url : bad) {
    INFO(url);
    CHECK_FALSE(parse_media_ref(url));
  }
}

TEST_CASE("is_media_path: what is meant as a media reference", "[media]") {
  CHECK(is_media_path("media/" + kId + ".jpg"));
  CHECK(is_media_path("/media/" + kId + ".jpg"));
  CHECK(is_media_path("media/photo.jpg"));  // meant as one, malformed
  CHECK(is_media_path("/media/"));
  CHECK_FALSE(is_media_path(""));
  CHECK_FALSE(is_media_path("/"));
  CHECK_FALSE(is_media_path("images/a.jpg"));
  CHECK_FALSE(is_media_path("https://example.org/media/a.jpg"));
  CHECK_FALSE(is_media_path("mediafile.jpg"));
}

TEST_CASE("media URLs: the file and its published widths", "[media]") {
  const MediaRef ref{kId, "jpg"};
  CHECK(media_url(ref) == "/media/" + kId + ".jpg");
  CHECK(media_url(ref, 480) == "/media/" + kId + "-480.jpg");
  CHECK(media_url(ref, 0) == media_url(ref));
  // A URL parses back to its reference.
  const auto back = parse_media_ref(media_url(ref));
  REQUIRE(back);
  CHECK(back->id == ref.id);
  CHECK(back->ext == ref.ext);
}

TEST_CASE("file type labels and sizes as the page shows them", "[media]") {
  CHECK(media_type_label("pdf") == "PDF");
  CHECK(media_type_label("docx") == "DOCX");
  CHECK(media_type_label("xlsx") == "XLSX");

  CHECK(format_file_size(0) == "0.0 KB");
  CHECK(format_file_size(1) == "0.1 KB");  // something, however small
  CHECK(format_file_size(1024) == "1.0 KB");
  CHECK(format_file_size(1536) == "1.5 KB");
  CHECK(format_file_size(358605) == "350.2 KB");
  CHECK(format_file_size(1048575) == "1.0 MB");  // would round to 1024.0 KB
  CHECK(format_file_size(1024 * 1024) == "1.0 MB");
  CHECK(format_file_size(1258291) == "1.2 MB");
  CHECK(format_file_size(uint64_t(100) * 1024 * 1024) == "100.0 MB");
  CHECK(format_file_size(uint64_t(5) * 1024 * 1024 * 1024) == "5120.0 MB");
}

TEST_CASE("the catalog finds a file by id, or by its reference", "[media]") {
  MediaCatalog catalog;
  MediaFile photo;
  photo.id = kId;
  photo.ext = "jpg";
  photo.width = 1600;
  photo.height = 900;
  catalog.files.push_back(photo);
  MediaFile notice;
  notice.id = kOtherId;
  notice.ext = "pdf";
  notice.kind = MediaKind::Attachment;
  catalog.files.push_back(notice);

  REQUIRE(catalog.find(kId));
  CHECK(catalog.find(kId)->width == 1600);
  CHECK(catalog.find(kOtherId)->ext == "pdf");
  CHECK_FALSE(catalog.find(std::string(64, 'b')));
  CHECK_FALSE(catalog.find(""));
  CHECK(catalog.find(MediaRef{kId, "jpg"}) == &catalog.files[0]);
  CHECK_FALSE(catalog.find(MediaRef{kId, "png"}));  // the same id stored as another type
  CHECK_FALSE(MediaCatalog{}.find(kId));
}
