// Pictures out of the clipboard's RTF (core/rtf_pictures.h): one per picture shown, in order,
// from documents shaped the way Word, WPS and LibreOffice write them, and hostile ones.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "core/rtf_pictures.h"
#include "test_support.h"

using namespace press::core;
using Format = RtfPicture::Format;

namespace {

std::string from_hex(std::string_view hex) {
  std::string bytes;
  for (size_t i = 0; i + 1 < hex.size(); i += 2)
    bytes += static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16));
  return bytes;
}

// A real 1×1 RGBA PNG (67 bytes) and a real 1×1 grayscale JPEG (159 bytes).
const std::string kPng = from_hex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000a49444154789c63"
    "000100000500010d0a2db40000000049454e44ae426082");
const std::string kJpeg = from_hex(
    "ffd8ffe000104a46494600010100000100010000ffdb004300100b0c0e0c0a100e0d0e1211101318281a1816"
    "16183123251d283a333d3c3933383740485c4e404457453738506d51575f626768673e4d71797064785c6567"
    "63ffc0000b080001000101011100ffc40014000100000000000000000000000000000001ffc4001410010000"
    "0000000000000000000000000000ffda0008010100003f001fffd9");
const std::string kWmf = from_hex("010009000003a600000000008000000000000400000003010800");

// Word writes hex in lines of 128 digits.
std::string to_hex(std::string_view bytes, size_t line = 128) {
  static const char digits[] = "0123456789abcdef";
  std::string hex;
  for (size_t i = 0; i < bytes.size(); ++i) {
    if (i > 0 && i * 2 % line == 0) hex += "\r\n";
    const auto byte = static_cast<unsigned char>(bytes[i]);
    hex += digits[byte >> 4];
    hex += digits[byte & 15];
  }
  return hex;
}

std::string document(const std::string& body) {
  return "{\\rtf1\\ansi\\ansicpg936\\uc1\\deff0{\\fonttbl{\\f0\\fnil\\fcharset134 "
         "\\'cb\\'ce\\'cc\\'e5;}}{\\colortbl;\\red0\\green0\\blue0;}"
         "{\\stylesheet{\\ql \\li0\\ri0 Normal;}}\r\n\\pard\\plain \\li-360\\fi-120 " +
         body + "\\par}";
}

// An inline picture the way Word 2007+ writes it: the picture, then its metafile fallback.
std::string word_picture(const std::string& blip, const std::string& bytes, int width_goal = 1440,
                         int height_goal = 720, int scale = 100) {
  const std::string geometry =
      "\\picscalex" + std::to_string(scale) + "\\picscaley" + std::to_string(scale) +
      "\\piccropl0\\piccropr0\\picw2540\\pich1270" + "\\picwgoal" + std::to_string(width_goal) +
      "\\pichgoal" + std::to_string(height_goal);
  return "{\\*\\shppict{\\pict{\\*\\picprop\\shplid1025{\\sp{\\sn shapeType}{\\sv 75}}"
         "{\\sp{\\sn wzDescription}{\\sv \\'cd\\'bc}}}" +
         geometry + "\\" + blip +
         "\\bliptag-1290384756{\\*\\blipuid b317c28c0e2f1a1bd0c3ab44e2a9cd05}" + to_hex(bytes) +
         "}}{\\nonshppict{\\pict" + geometry + "\\wmetafile8\\bliptag-1290384756 " + to_hex(kWmf) +
         "}}";
}

// A floating picture (Word 2007+): a shape whose "pib" property is the picture, and a
// \shprslt with the picture again for readers that do not know shapes.
std::string floating_picture(const std::string& bytes) {
  return "{\\shp{\\*\\shpinst\\shpleft-120\\shptop56\\shpright2760\\shpbottom1496\\shpfhdr0"
         "\\shpbxcolumn\\shpbypara\\shpwr2\\shpwrk0\\shpz0\\shplid1026"
         "{\\sp{\\sn shapeType}{\\sv 75}}{\\sp{\\sn fFlipH}{\\sv 0}}"
         "{\\sp{\\sn pib}{\\sv {\\pict\\picscalex100\\picscaley100\\picw5080\\pich2540"
         "\\picwgoal2880\\pichgoal1440\\pngblip\\bliptag255{\\*\\blipuid 000000ff}" +
         to_hex(bytes) +
         "}}}{\\sp{\\sn fLayoutInCell}{\\sv 1}}}{\\shprslt\\par\\pard\\ql \\li0\\ri0 "
         "{\\pict\\picscalex100\\picscaley100\\picwgoal2880\\pichgoal1440\\wmetafile8 " +
         to_hex(kWmf) + "}\\par}}";
}

std::string plain_picture(const std::string& blip, const std::string& bytes) {
  return "{\\pict\\" + blip + " " + to_hex(bytes) + "}";
}

}  // namespace

TEST_CASE("rtf: a Word picture written twice (\\shppict, \\nonshppict) is one PNG", "[rtf]") {
  const RtfPictures result =
      rtf_pictures(document("Before " + word_picture("pngblip", kPng) + " after"));
  CHECK(result.error.empty());
  CHECK_FALSE(result.truncated);
  REQUIRE(result.pictures.size() == 1);
  CHECK(result.pictures[0].format == Format::Png);
  CHECK(result.pictures[0].bytes == kPng);
  CHECK(result.pictures[0].width_twips == 1440);
  CHECK(result.pictures[0].height_twips == 720);
}

TEST_CASE("rtf: pictures come in document order, whatever their format", "[rtf]") {
  const RtfPictures result = rtf_pictures(document(
      word_picture("jpegblip", kJpeg, 2000, 1000, 50) + "\\par " + word_picture("pngblip", kPng) +
      "\\par " + plain_picture("emfblip", std::string("\x01\0\0\0EMF", 7)) + "\\par " +
      plain_picture("wmetafile8", kWmf) + "\\par " + plain_picture("dibitmap0", "BMbits") +
      plain_picture("macpict", "PICT")));
  CHECK(result.error.empty());
  REQUIRE(result.pictures.size() == 6);
  CHECK(result.pictures[0].format == Format::Jpeg);
  CHECK(result.pictures[0].bytes == kJpeg);
  CHECK(result.pictures[0].width_twips == 1000);  // \picscalex50
  CHECK(result.pictures[0].height_twips == 500);
  CHECK(result.pictures[1].format == Format::Png);
  CHECK(result.pictures[1].bytes == kPng);
  CHECK(result.pictures[2].format == Format::Emf);
  CHECK(result.pictures[2].bytes == std::string("\x01\0\0\0EMF", 7));
  CHECK(result.pictures[3].format == Format::Wmf);
  CHECK(result.pictures[3].bytes == kWmf);
  CHECK(result.pictures[4].format == Format::Other);
  CHECK(result.pictures[5].format == Format::Other);
  CHECK(result.pictures[5].bytes == "PICT");
}

TEST_CASE("rtf: PNG and JPEG are what the bytes are, not what the RTF says", "[rtf]") {
  const RtfPictures result = rtf_pictures(
      document(plain_picture("pngblip", kJpeg) + plain_picture("jpegblip", kPng) +
               plain_picture("pngblip", kPng.substr(0, 7)) + plain_picture("jpegblip", kJpeg)));
  REQUIRE(result.pictures.size() == 4);
  CHECK(result.pictures[0].format == Format::Other);
  CHECK(result.pictures[1].format == Format::Other);
  CHECK(result.pictures[2].format == Format::Other);  // shorter than the signature
  CHECK(result.pictures[3].format == Format::Jpeg);
}

TEST_CASE("rtf: a group without data is an empty picture, without a goal a 0 size", "[rtf]") {
  const RtfPictures result = rtf_pictures(
      document("{\\pict\\pngblip\\picw10\\pich10}{\\pict}{\\pict\\pngblip\\picwgoal300" +
               std::string("\\picscalex0\\picscaley-20\\pichgoal-5 ") + to_hex(kPng) + "}"));
  CHECK(result.error.empty());
  REQUIRE(result.pictures.size() == 3);
  CHECK(result.pictures[0].bytes.empty());
  CHECK(result.pictures[0].format == Format::Other);
  CHECK(result.pictures[0].width_twips == 0);
  CHECK(result.pictures[1].format == Format::Other);
  CHECK(result.pictures[2].format == Format::Png);
  CHECK(result.pictures[2].width_twips == 300);  // a zero scale is no scale
  CHECK(result.pictures[2].height_twips == 0);   // a negative goal is none
}

TEST_CASE("rtf: hex with line breaks, spaces and capitals; an odd last digit is dropped", "[rtf]") {
  std::string spaced;
  const std::string hex = to_hex(kPng, 1 << 20);
  for (size_t i = 0; i < hex.size(); ++i) {
    spaced += i % 2 ? static_cast<char>(std::toupper(hex[i])) : hex[i];
    if (i % 7 == 0) spaced += " ";  // splits bytes between their two digits
    if (i % 11 == 0) spaced += "\n";
    if (i % 13 == 0) spaced += "\r\n\t";
  }
  const RtfPictures result = rtf_pictures(
      document("{\\pict\\pngblip " + spaced + "}{\\pict\\jpegblip " + to_hex(kJpeg) + "f}"));
  CHECK(result.error.empty());
  REQUIRE(result.pictures.size() == 2);
  CHECK(result.pictures[0].bytes == kPng);
  CHECK(result.pictures[1].bytes == kJpeg);
}

TEST_CASE("rtf: a plain group inside a picture is none of its data", "[rtf]") {
  const RtfPictures result = rtf_pictures(
      document("{\\pict\\jpegblip {\\bliptag12 beef}" + to_hex(kJpeg) + "{00}{\\bin2 00}}"));
  REQUIRE(result.pictures.size() == 1);
  CHECK(result.pictures[0].bytes == kJpeg);
}

TEST_CASE("rtf: \\bin data is raw, braces and backslashes in it included", "[rtf]") {
  const std::string raw = kPng + "{{\\}}\\bin9 \\'{";
  const std::string bin = "\\bin" + std::to_string(raw.size()) + " " + raw;
  const RtfPictures result = rtf_pictures(
      document("{\\*\\shppict{\\pict\\pngblip\\picwgoal100\\pichgoal100" + bin + "}}" +
               "{\\nonshppict{\\pict\\wmetafile8" + bin + "}}" + "{\\*\\unknown \\bin3 }}}}" +
               "{\\pict\\jpegblip\\bin" + std::to_string(kJpeg.size()) + " " + kJpeg + "}"));
  CHECK(result.error.empty());
  REQUIRE(result.pictures.size() == 2);
  CHECK(result.pictures[0].format == Format::Png);
  CHECK(result.pictures[0].bytes == raw);
  CHECK(result.pictures[1].format == Format::Jpeg);
  CHECK(result.pictures[1].bytes == kJpeg);

  // Hex digits do not pair across \bin: a digit left alone before it is dropped.
  const RtfPictures mixed = rtf_pictures(
      document("{\\pict\\pngblip 8\\bin" + std::to_string(kPng.size()) + " " + kPng + "0}"));
  REQUIRE(mixed.pictures.size() == 1);
  CHECK(mixed.pictures[0].bytes == kPng);
}

TEST_CASE("rtf: a floating picture (\\shp) counts once, its \\shprslt is a fallback", "[rtf]") {
  const RtfPictures result = rtf_pictures(document(
      word_picture("pngblip", kPng) + floating_picture(kPng) + word_picture("jpegblip", kJpeg)));
  CHECK(result.error.empty());
  REQUIRE(result.pictures.size() == 3);
  CHECK(result.pictures[0].format == Format::Png);
  CHECK(result.pictures[1].format == Format::Png);
  CHECK(result.pictures[1].width_twips == 2880);
  CHECK(result.pictures[2].format == Format::Jpeg);
}

TEST_CASE("rtf: a shape without a picture of its own shows its \\shprslt rendering", "[rtf]") {
  // WordArt, a text box: the shape's properties hold no "pib", the fallback picture is all a
  // reader that does not draw shapes can show (Word's HTML has an <img> for it too). A picture
  // fill ("fillBlip") is no picture shown.
  const RtfPictures result = rtf_pictures(
      document("{\\shp{\\*\\shpinst\\shplid1027{\\sp{\\sn shapeType}{\\sv 136}}"
               "{\\sp{\\sn fillBlip}{\\sv {\\pict\\jpegblip " +
               to_hex(kJpeg) +
               "}}}{\\sp{\\sn gtextUNICODE}{\\sv \\u26657\\'3f\\u38395\\'3f}}}"
               "{\\shprslt{\\*\\do\\dobxcolumn\\dptxbx}{\\pict\\wmetafile8\\picwgoal900 " +
               to_hex(kWmf) + "}}}" + word_picture("pngblip", kPng)));
  CHECK(result.error.empty());
  REQUIRE(result.pictures.size() == 2);
  CHECK(result.pictures[0].format == Format::Wmf);
  CHECK(result.pictures[0].width_twips == 900);
  CHECK(result.pictures[1].format == Format::Png);
}

TEST_CASE("rtf: a group shape's \\shprslt repeats the pictures of the shapes in it", "[rtf]") {
  const RtfPictures result = rtf_pictures(
      document("{\\shpgrp{\\*\\shpinst\\shpleft0\\shptop0{\\sp{\\sn groupLeft}{\\sv 0}}" +
               floating_picture(kPng) + floating_picture(kJpeg) +
               "}{\\shprslt{\\pict\\wmetafile8 " + to_hex(kWmf) + "}}}"));
  CHECK(result.error.empty());
  REQUIRE(result.pictures.size() == 2);
  CHECK(result.pictures[0].format == Format::Png);
  CHECK(result.pictures[1].format == Format::Other);  // a pngblip with JPEG bytes
  CHECK(result.pictures[1].bytes == kJpeg);
}

TEST_CASE("rtf: a picture in a field's result counts, its instruction does not", "[rtf]") {
  const RtfPictures result = rtf_pictures(document(
      "{\\field\\fldedit{\\*\\fldinst { INCLUDEPICTURE \"C:\\\\Users\\\\a\\\\pic.png\" \\\\* "
      "MERGEFORMATINET {\\pict\\pngblip " +
      to_hex(kJpeg) + "}}}{\\fldrslt {" + word_picture("pngblip", kPng) + "}}}"));
  CHECK(result.error.empty());
  REQUIRE(result.pictures.size() == 1);
  CHECK(result.pictures[0].bytes == kPng);
}

TEST_CASE("rtf: ignorable destinations show no picture, except \\shppict and \\shpinst", "[rtf]") {
  const RtfPictures result = rtf_pictures(
      document("{\\*\\listtable{\\list{\\*\\listpicture{\\shp{\\*\\shpinst{\\sp{\\sn pib}{\\sv "
               "{\\pict\\jpegblip " +
               to_hex(kJpeg) + "}}}}}}}}" +
               "{\\*\\generator Microsoft Word 16;}{\\*\\unknownthing {\\pict\\pngblip " +
               to_hex(kPng) + "}}" + "{\\*\\shppict {\\pict\\pngblip " + to_hex(kPng) + "}}"));
  CHECK(result.error.empty());
  REQUIRE(result.pictures.size() == 1);
  CHECK(result.pictures[0].bytes == kPng);
}

TEST_CASE("rtf: escapes and Unicode fallbacks are not picture data", "[rtf]") {
  // The two characters after \uc2\u8364 are its fallback, not hex; \uc ends with its group,
  // so after {\uc3 ...} one character is skipped again. A fallback may be a \'hh. \'hh is a
  // character, neither a brace (\'7b) nor picture data.
  const RtfPictures result =
      rtf_pictures(document("\\'d0\\'c2\\'ce\\'c5 \\u-3913?\\{not a group\\} \\\\ \\'7b\\~\\-\\_"
                            "{\\uc3 \\u26032\\'d0\\'c2x}{\\pict\\pngblip\\uc2\\u8364 ab" +
                            to_hex(kPng) + "}{\\pict\\jpegblip \\u8364 a" + to_hex(kJpeg) + "}" +
                            "{\\pict\\pngblip \\u8364\\'3f" + to_hex(kPng) + "}" +
                            "{\\pict\\pngblip \\'89\\'50" + to_hex(kPng) + "\\'4e}"));
  CHECK(result.error.empty());
  REQUIRE(result.pictures.size() == 4);
  CHECK(result.pictures[2].bytes == kPng);
  CHECK(result.pictures[3].bytes == kPng);
  CHECK(result.pictures[0].format == Format::Png);
  CHECK(result.pictures[0].bytes == kPng);
  CHECK(result.pictures[1].format == Format::Jpeg);
  CHECK(result.pictures[1].bytes == kJpeg);
}

TEST_CASE("rtf: WPS and LibreOffice pictures", "[rtf]") {
  // LibreOffice: \*\shppict with \nonshppict like Word; WPS: a bare \pict in a run group.
  const RtfPictures result = rtf_pictures(document(
      "{\\rtlch \\ltrch\\loch {\\*\\shppict{\\pict\\picwgoal1134\\pichgoal567\\pngblip\r\n" +
      to_hex(kPng) + "}}{\\nonshppict{\\pict\\wmetafile8 " + to_hex(kWmf) + "}}}" +
      "{\\f0\\fs24 {\\pict\\picscalex75\\picscaley75\\picwgoal1000\\pichgoal2000\\jpegblip " +
      to_hex(kJpeg, 64) + "}}"));
  CHECK(result.error.empty());
  REQUIRE(result.pictures.size() == 2);
  CHECK(result.pictures[0].width_twips == 1134);
  CHECK(result.pictures[1].format == Format::Jpeg);
  CHECK(result.pictures[1].width_twips == 750);
  CHECK(result.pictures[1].height_twips == 1500);
}

TEST_CASE("rtf: a malformed document gives the pictures before the fault and says where", "[rtf]") {
  const std::string two = document(word_picture("pngblip", kPng) + word_picture("jpegblip", kJpeg));
  const size_t second = two.find("\\jpegblip");
  const RtfPictures cut = rtf_pictures(std::string_view(two).substr(0, second + 40));
  CHECK(cut.pictures.size() == 1);
  CHECK(cut.error.find("inside the picture that starts at byte offset") != std::string::npos);
  CHECK(cut.error.find("(byte offset " + std::to_string(second + 40) + ")") != std::string::npos);

  const RtfPictures open = rtf_pictures(two.substr(0, two.size() - 1));  // the last '}'
  CHECK(open.pictures.size() == 2);
  CHECK(open.error == "the input ends with 1 group still open (byte offset " +
                          std::to_string(two.size() - 1) + ")");

  // The document ends with its group: what follows (a clipboard's NUL, junk) is not read.
  const RtfPictures after = rtf_pictures("{\\rtf1 }}" + plain_picture("pngblip", kPng) + '\0');
  CHECK(after.error.empty());
  CHECK(after.pictures.empty());

  const RtfPictures bin =
      rtf_pictures(document(plain_picture("pngblip", kPng) + "{\\pict\\bin900 abc}"));
  CHECK(bin.pictures.size() == 1);
  CHECK(bin.error.find("\\bin wants 900 bytes but only 9 remain (byte offset ") == 0);

  CHECK(rtf_pictures("{\\rtf1 {\\pict\\bin-5 }}").error.find("\\bin without a byte count") == 0);
  CHECK(rtf_pictures("{\\rtf1 \\").error == "a backslash ends the input (byte offset 7)");
  CHECK(rtf_pictures("").error == "not RTF: no {\\rtf at the start (byte offset 0)");
  CHECK(rtf_pictures("<html>{\\rtf1 " + plain_picture("pngblip", kPng) + "}").pictures.empty());
  CHECK(rtf_pictures("\r\n {\\rtf1}").error.empty());
}

TEST_CASE("rtf: 100,000 nested groups are no recursion", "[rtf]") {
  const size_t depth = 100000;
  const std::string deep = "{\\rtf1 " + std::string(depth, '{') + plain_picture("pngblip", kPng) +
                           std::string(depth, '}') + "}";
  const RtfPictures found = rtf_pictures(deep);
  CHECK(found.error.empty());
  REQUIRE(found.pictures.size() == 1);
  CHECK(found.pictures[0].bytes == kPng);

  const RtfPictures unclosed = rtf_pictures("{\\rtf1 " + std::string(depth, '{'));
  CHECK(unclosed.error.find("with 100001 groups still open") != std::string::npos);

  // Nested destinations: skipped ones, shapes (tracked ones), shape properties, and all of them
  // left open.
  std::string shapes = "{\\rtf1 ", skipped = "{\\rtf1 ";
  for (size_t i = 0; i < depth; ++i) {
    shapes += "{\\shp{\\*\\shpinst{\\sp{\\sn pib}{\\sv ";
    skipped += "{\\*\\x{\\nonshppict ";
  }
  CHECK(rtf_pictures(shapes + plain_picture("pngblip", kPng)).pictures.size() == 1);
  CHECK(rtf_pictures(skipped + plain_picture("pngblip", kPng)).pictures.empty());
  CHECK_FALSE(rtf_pictures(shapes).error.empty());
}

TEST_CASE("rtf: the pictures' bytes stop at max_total_bytes", "[rtf]") {
  const std::string three = document(word_picture("pngblip", kPng) + word_picture("pngblip", kPng) +
                                     plain_picture("pngblip", kPng));
  const RtfPictures all = rtf_pictures(three, 3 * kPng.size());
  CHECK_FALSE(all.truncated);
  CHECK(all.pictures.size() == 3);
  const RtfPictures two = rtf_pictures(three, 3 * kPng.size() - 1);
  CHECK(two.truncated);
  CHECK(two.pictures.size() == 2);
  CHECK(two.error.empty());
  CHECK(rtf_pictures(three, 0).pictures.empty());

  // A 16 MB picture (32 MB of hex) against a 1 MB budget, and a \bin one.
  const std::string big(16u << 20, 'a');
  const RtfPictures huge = rtf_pictures("{\\rtf1{\\pict\\pngblip " + big + "}}", 1u << 20);
  CHECK(huge.truncated);
  CHECK(huge.pictures.empty());
  const RtfPictures huge_bin =
      rtf_pictures("{\\rtf1{\\pict\\bin" + std::to_string(big.size()) + " " + big + "}}", 1u << 20);
  CHECK(huge_bin.truncated);
  CHECK(huge_bin.pictures.empty());
  const RtfPictures fits = rtf_pictures("{\\rtf1{\\pict\\pngblip " + big + "}}");
  CHECK_FALSE(fits.truncated);
  REQUIRE(fits.pictures.size() == 1);
  CHECK(fits.pictures[0].bytes.size() == big.size() / 2);
}

TEST_CASE("rtf: Word 2016's clipboard RTF with two pictures (corpus sample)", "[rtf]") {
  const std::string rtf = read_source_file("tests/corpus/paste/word-two-pictures.rtf");
  REQUIRE(rtf.size() > 5000);
  const RtfPictures result = rtf_pictures(rtf);
  CHECK(result.error.empty());
  CHECK_FALSE(result.truncated);
  REQUIRE(result.pictures.size() == 2);
  CHECK(result.pictures[0].format == Format::Png);
  CHECK(result.pictures[0].bytes == kPng);
  CHECK(result.pictures[0].width_twips == 4155);
  CHECK(result.pictures[0].height_twips == 2770);
  CHECK(result.pictures[1].format == Format::Jpeg);
  CHECK(result.pictures[1].bytes == kJpeg);
  CHECK(result.pictures[1].width_twips == 2880);  // \picscalex50
  CHECK(result.pictures[1].height_twips == 1920);
}
