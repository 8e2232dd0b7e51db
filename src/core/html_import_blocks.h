#pragma once
// The importer's middle step (html_markdown.h): the HTML tree read into a flat list of
// blocks holding runs of plain text with their look, which html_import_write.cpp turns
// into Markdown. Splitting the two keeps every escaping and emphasis rule in one place.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/html_markdown.h"

namespace press::core::html_import {

enum Look : uint8_t { kBold = 1, kItalic = 2, kStrike = 4, kCode = 8 };

struct Run {
  enum class Kind : uint8_t { Text, Image };
  Kind kind = Kind::Text;
  std::string text;  // Text: plain text, whitespace already collapsed
  uint8_t look = 0;  // Look flags
  int link = -1;     // index into the block list's links, -1: none
  int image = -1;    // Image: index into HtmlImport::images
};

struct TableCell {
  std::vector<Run> runs;
};

struct Block {
  enum class Kind : uint8_t { Paragraph, Heading, ListItem, Table, Code, Rule };
  Kind kind = Kind::Paragraph;
  int level = 0;          // Heading: 1..6 as written; ListItem: nesting depth from 1
  bool ordered = false;   // ListItem
  int number = 1;         // ListItem (ordered): its number
  int list = 0;           // ListItem: items of one list share this
  int quote = 0;          // block-quote depth
  bool centered = false;  // Paragraph: set centred (a caption under a picture, a title)
  std::vector<Run> runs;
  std::vector<std::vector<TableCell>> rows;  // Table: the first row is the header
  std::string code;                          // Code: the preformatted text
};

struct Blocks {
  std::vector<Block> blocks;
  std::vector<std::string> links;  // safe link targets, referred to by Run::link
};

// The Markdown of the blocks: one blank line between blocks, tight lists, tables padded
// to their widest row, headings renumbered so the top level present is ##.
std::string write_markdown(const Blocks& blocks, const std::vector<ImportedImage>& images);

// Inline Markdown of runs (emphasis merged across runs, punctuation and spaces kept out
// of emphasis markers so CommonMark's flanking rules let them close). Outside tables
// the result starts a line, so what would start a block there ("# ", "1. ", "- ") is
// escaped.
std::string write_inline(const std::vector<Run>& runs, const Blocks& blocks,
                         const std::vector<ImportedImage>& images, bool in_table);

}  // namespace press::core::html_import
