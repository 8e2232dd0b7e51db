// Portal HTML with media: figures of catalogued images, images inside links, the 附件 list.
#include <catch2/catch.hpp>
#include <string>

#include "core/article_json.h"
#include "core/body_media.h"
#include "core/media.h"
#include "core/portal_page.h"
#include "core/site.h"
#include "test_support.h"

using namespace press::core;

namespace {

const std::string kPhoto = "1111111111111111111111111111111111111111111111111111111111111111";
const std::string kPdf = "2222222222222222222222222222222222222222222222222222222222222222";
const std::string kXlsx = "3333333333333333333333333333333333333333333333333333333333333333";
const std::string kBare = "4444444444444444444444444444444444444444444444444444444444444444";

MediaCatalog catalog() {
  MediaCatalog c;
  MediaFile photo;
  photo.id = kPhoto;
  photo.ext = "jpg";
  photo.mime = "image/jpeg";
  photo.bytes = 512000;
  photo.width = 1600;
  photo.height = 1067;
  photo.widths = {480, 960};
  photo.name = "IMG_0001.jpg";
  c.files.push_back(photo);
  MediaFile pdf;
  pdf.id = kPdf;
  pdf.ext = "pdf";
  pdf.kind = MediaKind::Attachment;
  pdf.mime = "application/pdf";
  pdf.bytes = 1258291;
  pdf.name = "通知.pdf";
  c.files.push_back(pdf);
  MediaFile xlsx;
  xlsx.id = kXlsx;
  xlsx.ext = "xlsx";
  xlsx.kind = MediaKind::Attachment;
  xlsx.bytes = 35840;
  xlsx.name = "名单.xlsx";
  c.files.push_back(xlsx);
  MediaFile bare;  // an image of unknown size without published widths
  bare.id = kBare;
  bare.ext = "png";
  c.files.push_back(bare);
  return c;
}

std::string html(std::string_view md, const MediaCatalog* media) {
  return render_body_html(parse_markdown(md), media);
}

const std::string kPhotoImg = "<img src=\"/media/" + kPhoto + ".jpg\" srcset=\"/media/" + kPhoto +
                              "-480.jpg 480w, /media/" + kPhoto + "-960.jpg 960w, /media/" +
                              kPhoto +
                              ".jpg 1600w\" sizes=\"(max-width: 760px) 100vw, 760px\" "
                              "width=\"1600\" height=\"1067\" loading=\"lazy\" "
                              "decoding=\"async\" alt=\"揭牌仪式\">";

}  // namespace

TEST_CASE("a figure of a catalogued image: sizes, caption, no layout shift", "[html][media]") {
  const MediaCatalog c = catalog();
  CHECK(html("![揭牌仪式](media/" + kPhoto + ".jpg \"领导为联合体揭牌\")", &c) ==
        "<figure class=\"press-figure\">" + kPhotoImg +
            "<figcaption>领导为联合体揭牌</figcaption></figure>\n");
  // "/media/..." is the same reference; without a title there is no caption.
  CHECK(html("![揭牌仪式](/media/" + kPhoto + ".jpg)", &c) ==
        "<figure class=\"press-figure\">" + kPhotoImg + "</figure>\n");
  // Between paragraphs, as a block of its own.
  CHECK(html("前文。\n\n![揭牌仪式](media/" + kPhoto + ".jpg)\n\n后文。", &c) ==
        "<p>前文。</p>\n<figure class=\"press-figure\">" + kPhotoImg +
            "</figure>\n<p>后文。</p>\n");
  // Unknown size and no published widths: no srcset, no width and height.
  CHECK(html("![图](media/" + kBare + ".png \"说明\")", &c) ==
        "<figure class=\"press-figure\"><img src=\"/media/" + kBare +
            ".png\" loading=\"lazy\" decoding=\"async\" "
            "alt=\"图\"><figcaption>说明</figcaption></figure>\n");
}

TEST_CASE("a linked figure keeps its link around the image", "[html][media]") {
  const MediaCatalog c = catalog();
  CHECK(html("[![揭牌仪式](media/" + kPhoto + ".jpg \"现场\")](/news/12.html)", &c) ==
        "<figure class=\"press-figure\"><a href=\"/news/12.html\">" + kPhotoImg +
            "</a><figcaption>现场</figcaption></figure>\n");
  // A link to the large version opens it; an absolute one in a new tab.
  CHECK(html("[![揭牌仪式](media/" + kPhoto + ".jpg)](https://www.zjitc.edu.cn/)", &c) ==
        "<figure class=\"press-figure\"><a href=\"https://www.zjitc.edu.cn/\" rel=\"noopener\" "
        "target=\"_blank\">" +
            kPhotoImg + "</a></figure>\n");
  // A link the policy refuses is dropped, the figure stays.
  CHECK(html("[![揭牌仪式](media/" + kPhoto + ".jpg)](javascript:alert(1))", &c) ==
        "<figure class=\"press-figure\">" + kPhotoImg + "</figure>\n");
}

TEST_CASE("images not catalogued render as before, lazily, inside their link", "[html][media]") {
  const MediaCatalog c = catalog();
  // The case: the link around an image was lost.
  CHECK(html("[![图](a.jpg)](/uri)", nullptr) ==
        "<p><a href=\"/uri\"><img src=\"a.jpg\" alt=\"图\" loading=\"lazy\"></a></p>\n");
  CHECK(html("[![图](a.jpg)](/uri)", &c) ==
        "<p><a href=\"/uri\"><img src=\"a.jpg\" alt=\"图\" loading=\"lazy\"></a></p>\n");
  CHECK(html("[前![图](a.jpg)后](/uri)", nullptr) ==
        "<p><a href=\"/uri\">前<img src=\"a.jpg\" alt=\"图\" loading=\"lazy\">后</a></p>\n");
  CHECK(html("**[![图](a.jpg)](/uri)**", nullptr) ==
        "<p><a href=\"/uri\"><strong><img src=\"a.jpg\" alt=\"图\" "
        "loading=\"lazy\"></strong></a></p>\n");
  // A media reference without a catalog, or missing from it, is still written as its URL.
  const std::string missing(64, 'e');
  CHECK(html("![图](media/" + missing + ".jpg \"说明\")", &c) ==
        "<p><img src=\"/media/" + missing +
            ".jpg\" alt=\"图\" title=\"说明\" loading=\"lazy\"></p>\n");
  CHECK(html("![揭牌仪式](media/" + kPhoto + ".jpg)", nullptr) ==
        "<p><img src=\"/media/" + kPhoto + ".jpg\" alt=\"揭牌仪式\" loading=\"lazy\"></p>\n");
  // Inline images of the catalog stay inline.
  CHECK(html("文字![揭牌仪式](media/" + kPhoto + ".jpg)文字", &c) ==
        "<p>文字<img src=\"/media/" + kPhoto +
            ".jpg\" alt=\"揭牌仪式\" loading=\"lazy\">文字</p>\n");
  // A reference of the wrong type (an attachment as an image) is no figure.
  CHECK(html("![x](media/" + kPdf + ".pdf)", &c) ==
        "<p><img src=\"/media/" + kPdf + ".pdf\" alt=\"x\" loading=\"lazy\"></p>\n");
  // Malformed references stay as written.
  CHECK(html("![图](media/photo.jpg)", &c) ==
        "<p><img src=\"media/photo.jpg\" alt=\"图\" loading=\"lazy\"></p>\n");
}

TEST_CASE("attachments the body links to are listed after it", "[html][media]") {
  const MediaCatalog c = catalog();
  const std::string md = "请下载[关于*报名*的通知](media/" + kPdf + ".pdf)并填写[名单](/media/" +
                         kXlsx + ".xlsx)。\n\n再次提醒：[通知](media/" + kPdf + ".pdf)。";
  const std::string list =
      "<section class=\"attachments\">\n<h2>附件</h2>\n<ul>\n"
      "<li><a href=\"/media/" +
      kPdf +
      ".pdf\" download>关于报名的通知</a> <span class=\"file-meta\">PDF · 1.2 MB</span></li>\n"
      "<li><a href=\"/media/" +
      kXlsx +
      ".xlsx\" download>名单</a> <span class=\"file-meta\">XLSX · 35.0 KB</span></li>\n"
      "</ul>\n</section>\n";
  CHECK(html(md, &c) == "<p>请下载<a href=\"/media/" + kPdf +
                            ".pdf\">关于<em>报名</em>的通知</a>并填写<a href=\"/media/" + kXlsx +
                            ".xlsx\">名单</a>。</p>\n<p>再次提醒：<a href=\"/media/" + kPdf +
                            ".pdf\">通知</a>。</p>\n" + list);
  // Without a catalog the links are there, the list is not.
  CHECK(html(md, nullptr).find("attachments") == std::string::npos);
  // A link without text (an icon) is named by the uploaded name; links to images or unknown files
  // are not attachments.
  const std::vector<AttachmentItem> items = describe_attachments(
      parse_markdown("[![图标](media/" + kBare + ".png)](media/" + kPdf + ".pdf) [图](media/" +
                     kPhoto + ".jpg) [x](media/" + std::string(64, 'f') + ".pdf) [y](media/" +
                     kXlsx + ".pdf)"),
      &c);
  REQUIRE(items.size() == 1);
  CHECK(items[0].name == "通知.pdf");
  CHECK(items[0].url == "/media/" + kPdf + ".pdf");
  CHECK(items[0].type == "PDF");
  CHECK(items[0].size == "1.2 MB");
  CHECK(describe_attachments(parse_markdown("[通知](media/" + kPdf + ".pdf)"), nullptr).empty());
}

TEST_CASE("the page holds the same body and list as the fragment", "[html][media]") {
  const MediaCatalog c = catalog();
  const SiteProfile site = parse_site(read_source_file("assets/sites/zjitc.json")).site;
  Article a = parse_article(read_source_file("assets/samples/sample-article.json")).article;
  a.body +=
      "\n\n![揭牌仪式](media/" + kPhoto + ".jpg \"现场\")\n\n附：[通知](media/" + kPdf + ".pdf)\n";
  const Document d = parse_markdown(a.body);
  const std::string page = render_portal_page(a, site, d, &c);
  const std::string fragment = render_body_html(d, &c);
  CHECK(fragment.find("<figure class=\"press-figure\">") != std::string::npos);
  CHECK(fragment.find("<section class=\"attachments\">") != std::string::npos);
  CHECK(page.find("<div class=\"article-body\">\n" + fragment + "</div>\n") != std::string::npos);
  CHECK(render_portal_page(a, site, d, &c) == page);  // byte-stable
  // Without media the page is what it always was.
  CHECK(render_portal_page(a, site, d) == render_portal_page(a, site, d, nullptr));
}

TEST_CASE("media descriptions: the figure's parts as the preview reads them", "[media]") {
  const MediaCatalog c = catalog();
  const Document d =
      parse_markdown("[![揭牌仪式](media/" + kPhoto + ".jpg \"现场\")](/x)\n\n![图](b.jpg)");
  const auto fig = describe_media_figure(d, d.blocks[1], &c);
  REQUIRE(fig);
  CHECK(fig->src == "/media/" + kPhoto + ".jpg");
  REQUIRE(fig->srcset.size() == 3);
  CHECK(fig->srcset[0].url == "/media/" + kPhoto + "-480.jpg");
  CHECK(fig->srcset[2].width == 1600);
  CHECK(fig->alt == "揭牌仪式");
  CHECK(fig->caption == "现场");
  REQUIRE(fig->link >= 0);
  CHECK(d.links[size_t(fig->link)].url == "/x");
  CHECK(fig->file == &c.files[0]);
  CHECK_FALSE(describe_media_figure(d, d.blocks[2], &c));  // not a media image
  CHECK_FALSE(describe_media_figure(d, d.blocks[1], nullptr));
  CHECK(page_url("media/" + kPhoto + ".jpg") == "/media/" + kPhoto + ".jpg");
  CHECK(page_url("media/x.jpg") == "media/x.jpg");
  CHECK(page_url("https://a.cn/b.png") == "https://a.cn/b.png");
}
