// Guard rules image-alt and media-ref: pictures without alt text, broken media references.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "core/guard.h"
#include "core/media.h"
#include "sample_guard.h"

using namespace press::core;

namespace {

const std::string kPhoto(64, 'a');
const std::string kPdf(64, 'b');

MediaCatalog catalog() {
  MediaCatalog c;
  MediaFile photo;
  photo.id = kPhoto;
  photo.ext = "jpg";
  c.files.push_back(photo);
  MediaFile pdf;
  pdf.id = kPdf;
  pdf.ext = "pdf";
  pdf.kind = MediaKind::Attachment;
  c.files.push_back(pdf);
  return c;
}

std::vector<Finding> findings_of(const std::string& body, const std::string& rule,
                                 const MediaCatalog* media = nullptr) {
  Article a;
  a.title = "标题";
  a.body = body;
  const GuardReport report = sample_site_guard().check(a, parse_markdown(a.body), nullptr, media);
  std::vector<Finding> out;
  for (const Finding& f : report.findings)
    if (f.rule == rule) out.push_back(f);
  return out;
}

}  // namespace

TEST_CASE("an image without alt text is a warning placed on the image", "[guard][media]") {
  const std::string body =
      "第一段。\n\n![](media/" + kPhoto + ".jpg \"说明\")\n\n文字![ ](b.png)和![图](c.png)。\n";
  const std::vector<Finding> f = findings_of(body, "image-alt");
  REQUIRE(f.size() == 2);
  CHECK(f[0].severity == Severity::Warning);
  CHECK(f[0].field == "body");
  CHECK(f[0].line == 3);
  CHECK(f[0].column == 1);
  CHECK(f[0].text == "![](media/" + kPhoto + ".jpg \"说明\")");
  CHECK(f[0].message.find("alt text") != std::string::npos);
  CHECK(f[1].line == 5);
  CHECK(f[1].column == 3);
  CHECK(f[1].text == "![ ](b.png)");
  // A warning does not block.
  Article a;
  a.body = "![](b.png)";
  CHECK_FALSE(sample_site_guard().check(a, parse_markdown(a.body)).blocks());
  // Images in links and lists are found too; alt text makes it go away.
  CHECK(findings_of("- [![](a.png)](/x)\n", "image-alt").size() == 1);
  CHECK(findings_of("![照片](a.png) [![链接图](b.png)](/x)", "image-alt").empty());
}

TEST_CASE("a malformed media reference blocks, located at the reference", "[guard][media]") {
  const std::string body = "正文。\n\n![照片](media/IMG_0001.jpg)\n\n[通知](/media/" + kPdf +
                           ".PDF) 和 [名单](media/" + kPdf + ".pdf)\n";
  const std::vector<Finding> f = findings_of(body, "media-ref");
  REQUIRE(f.size() == 2);
  CHECK(f[0].severity == Severity::Blocking);
  CHECK(f[0].line == 3);
  CHECK(f[0].column == 7);
  CHECK(f[0].text == "media/IMG_0001.jpg");
  CHECK(f[0].message.find("not a media reference") != std::string::npos);
  CHECK(f[1].line == 5);
  CHECK(f[1].text == "/media/" + kPdf + ".PDF");
  // Without a catalog a well-formed reference is not judged; other folders are not media.
  CHECK(
      findings_of("![照片](media/" + kPhoto + ".jpg) [x](/images/a.jpg) [y](https://a.cn/media/x)",
                  "media-ref")
          .empty());
}

TEST_CASE("with a catalog, a reference to a file not in it blocks", "[guard][media]") {
  const MediaCatalog c = catalog();
  const std::string missing(64, 'c');
  const std::string body = "![照片](media/" + kPhoto + ".jpg)\n\n![缺失](media/" + missing +
                           ".jpg)\n\n![类型](media/" + kPhoto + ".png)\n\n[通知](media/" + kPdf +
                           ".pdf) ![附件图](media/" + kPdf + ".pdf)\n";
  const std::vector<Finding> f = findings_of(body, "media-ref", &c);
  REQUIRE(f.size() == 3);
  CHECK(f[0].line == 3);
  CHECK(f[0].text == "media/" + missing + ".jpg");
  CHECK(f[0].message.find("not among the stored media files") != std::string::npos);
  CHECK(f[1].line == 5);
  CHECK(f[1].message.find("stored as .jpg") != std::string::npos);
  CHECK(f[2].line == 7);
  CHECK(f[2].column == 89);  // the second reference to the PDF: as an image
  CHECK(f[2].message.find("not an image") != std::string::npos);
  // Everything catalogued: nothing to say.
  CHECK(findings_of("![照片](media/" + kPhoto + ".jpg)\n\n[通知](/media/" + kPdf + ".pdf)",
                    "media-ref", &c)
            .empty());
  // A link without text is found from the start of the body.
  const std::vector<Finding> empty =
      findings_of("正文\n\n[](media/" + missing + ".pdf)", "media-ref", &c);
  REQUIRE(empty.size() == 1);
  CHECK(empty[0].line == 3);
  CHECK(empty[0].column == 4);
}

TEST_CASE("media findings come before the text's, so the limit cannot drop them",
          "[guard][media]") {
  std::string body;
  for (int i = 0; i < 1100; ++i) body += "博彩。";
  body += "\n\n![](media/bad.jpg)\n";
  CHECK(findings_of(body, "image-alt").size() == 1);
  CHECK(findings_of(body, "media-ref").size() == 1);
}
