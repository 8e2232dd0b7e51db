#pragma once
// The preview's page model, inside the ui folder only: text blocks with styled runs and
// their wrapped lines, boxes painted under and over the text, link targets and the
// anchors that map Markdown offsets to heights. The builder (preview_builder.h) fills
// it when the content changes; the painter (preview.cpp) draws the visible part of it.
#include <imgui.h>
#include <imgui_internal.h>

#include <cstdint>
#include <string>
#include <vector>

#include "core/text_layout.h"
#include "ui/platform.h"

namespace press::ui {

constexpr ImU32 rgb(uint32_t hex, uint8_t alpha = 255) {
  return IM_COL32((hex >> 16) & 0xFF, (hex >> 8) & 0xFF, hex & 0xFF, alpha);
}

// The portal's colours (web/portal.css).
constexpr ImU32 kRed = rgb(0x9e1b1e), kRedDark = rgb(0x7a1417);
constexpr ImU32 kText = rgb(0x333333), kStrong = rgb(0x222222), kMuted = rgb(0x888888);
constexpr ImU32 kCrumb = rgb(0x666666), kCrumbSep = rgb(0xbbbbbb), kRule = rgb(0xe3e3e3);
constexpr ImU32 kDashed = rgb(0xd6d6d6), kLink = rgb(0x1a4d8f), kWhite = rgb(0xffffff);
constexpr ImU32 kPageBg = rgb(0xf3f3f3), kQuoteBar = rgb(0xd9b3b4), kQuoteBg = rgb(0xfaf6f6);
constexpr ImU32 kQuoteText = rgb(0x555555), kCellBorder = rgb(0xcfcfcf), kHeadBg = rgb(0xf2e9e9);
constexpr ImU32 kCodeBg = rgb(0xf4f4f4), kPreBg = rgb(0xf6f6f6), kPreBorder = rgb(0xe5e5e5);
constexpr ImU32 kBadLink = rgb(0xb04040), kPlaceholder = rgb(0xbbbbbb);

enum PreviewFace : uint8_t { kRegular, kBold, kTitle, kSmall };
enum class PreviewAlign : uint8_t { Left, Center, Right, Justify };

struct PreviewRun {
  uint32_t begin = 0;  // byte offset in the block's text
  uint8_t face = kRegular;
  uint8_t style = 0;  // core::SpanStyle bits
  int32_t link = -1;  // index into PreviewPage::links
  ImU32 color = kText;
};

struct PreviewText {
  std::string text;
  std::vector<PreviewRun> runs;
  const std::vector<core::LineBox>* lines = nullptr;  // in the memo
  float x = 0, y = 0, width = 0;
  float em = 16;          // font em in preview pixels
  float line_height = 0;  // CSS line-height in pixels
  float indent = 0;
  PreviewAlign align = PreviewAlign::Left;
  bool body = false;  // from the article body (the rest is the page chrome)
  float height() const { return lines ? float(lines->size()) * line_height : 0; }
};

enum BoxSide : uint8_t { kLeft = 1, kTop = 2, kRightSide = 4, kBottom = 8, kAll = 15 };

struct PreviewBox {
  ImRect rect;
  ImU32 fill = 0;
  ImU32 border = 0;
  uint8_t sides = 0;
  float thickness = 1;
  bool dashed = false;
};

struct PreviewLink {
  std::string url;
  bool allowed = false;
};

// Where body text from a Markdown offset sits on the page: what following the editor uses.
struct PreviewAnchor {
  uint32_t source_offset = 0;
  float y = 0, height = 0;
};

// A picture of the body: where it goes and the catalogued file (its id) it shows.
struct PreviewFigure {
  ImRect rect;
  std::string id;
};

struct PreviewPage {
  std::vector<PreviewText> texts;
  std::vector<PreviewFigure> figures;
  std::vector<PreviewBox> backgrounds;  // painted under the text
  std::vector<PreviewBox> rules;        // borders and lines, over the backgrounds
  std::vector<PreviewLink> links;
  std::vector<PreviewAnchor> anchors;
  float width = 0, height = 0;
  float column_x0 = 0, column_x1 = 0;  // the white column
  float column_y0 = 0;
  float footer_y = 0, footer_height = 0;
};

// The four faces of a FontSet, and sizes in preview pixels for each.
struct PreviewFaces {
  const FontSet* set = nullptr;
  ImFont* font(uint8_t face) const {
    switch (face) {
      case kBold:
        return set->bold;
      case kTitle:
        return set->title;
      case kSmall:
        return set->small;
      default:
        return set->regular;
    }
  }
  float face_em(uint8_t face) const {
    switch (face) {
      case kTitle:
        return set->title_em;
      case kSmall:
        return set->small_em;
      default:
        return set->em;
    }
  }
  // ImGui size (line height of the face) that draws characters em pixels wide.
  float size(uint8_t face, float em) const { return font(face)->FontSize * em / face_em(face); }
  float advance(uint8_t face, float em, char32_t cp) const {
    ImFont* f = font(face);
    const float a = f->GetCharAdvance(cp <= 0xFFFF ? ImWchar(cp) : ImWchar(0xFFFD));
    return a * em / face_em(face);
  }
  // False when the atlas lacks the glyph and advance() measured the fallback instead.
  bool has_glyph(uint8_t face, char32_t cp) const {
    return cp < 0x20 ||
           font(face)->FindGlyphNoFallback(cp <= 0xFFFF ? ImWchar(cp) : ImWchar(0xFFFD)) != nullptr;
  }
  // A face drawn in place of a missing bold face is thickened by drawing it twice.
  bool synthetic_bold(uint8_t face) const {
    return (face == kBold || face == kTitle) && font(face) == set->regular;
  }
};

}  // namespace press::ui
