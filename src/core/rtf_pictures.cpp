// Pictures out of RTF (core/rtf_pictures.h) in one pass over the bytes. Groups are tracked on
// an explicit stack that holds only the groups whose meaning matters here (shapes, their
// properties, pictures); the plain groups that make up most of a document are counted on the
// stack entry around them, and a group whose content is ignored is a single depth counter, so
// hostile nesting costs neither recursion nor memory.
#include "core/rtf_pictures.h"

#include <algorithm>
#include <utility>

namespace press::core {
namespace {

enum class GroupKind : uint8_t { Outside, Shape, ShapeProperty, PropertyName, Picture };

struct Group {
  GroupKind kind = GroupKind::Outside;
  // Shape: a picture inside it was reported, so its \shprslt shows that picture again.
  bool picture_taken = false;
  // ShapeProperty: its \sn is "pib", so its \sv holds the picture the shape shows (other
  // properties, such as a picture fill "fillBlip", hold pictures that are no <img>).
  bool names_picture = false;
  size_t plain_groups = 0;       // groups opened inside this one that change nothing tracked here
  int32_t enclosing_shape = -1;  // the stack index of the innermost Shape around this group
};

// Shapes nest (a group shape holds shapes), but no document needs this many inside each other;
// deeper ones are read as plain groups, which keeps the stack small against hostile input.
constexpr size_t kMaxTrackedGroups = 1024;
constexpr size_t kMaxSavedUnicodeSkips = 1024;
constexpr int64_t kMaxParameter = 0x7fffffff;  // RTF parameters are 32-bit at most

struct ControlWord {
  std::string_view name;
  bool has_parameter = false;
  int64_t parameter = 0;
};

bool is_letter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool starts_with(const std::string& bytes, std::string_view prefix) {
  return bytes.size() >= prefix.size() &&
         std::string_view(bytes).substr(0, prefix.size()) == prefix;
}

uint32_t scaled_twips(int64_t goal, int64_t scale_percent) {
  if (goal <= 0) return 0;
  // \picscalex0 (or a negative one) is no scale a writer means; read it as absent.
  if (scale_percent <= 0) scale_percent = 100;
  const uint64_t twips = static_cast<uint64_t>(goal) * static_cast<uint64_t>(scale_percent) / 100;
  return static_cast<uint32_t>(std::min<uint64_t>(twips, UINT32_MAX));
}

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

class PictureScanner {
 public:
  PictureScanner(std::string_view rtf, size_t max_total_bytes)
      : in_(rtf), budget_(max_total_bytes) {
    stack_.emplace_back();
  }

  RtfPictures run() {
    size_t start = 0;
    while (start < in_.size() &&
           (in_[start] == ' ' || in_[start] == '\t' || in_[start] == '\r' || in_[start] == '\n'))
      ++start;
    if (in_.substr(start, 5) != "{\\rtf") {
      fail(start, "not RTF: no {\\rtf at the start");
      return std::move(out_);
    }
    pos_ = start;
    while (pos_ < in_.size() && !stopped_) {
      const size_t at = pos_;
      const char c = in_[pos_++];
      if (c == '{') {
        open_group();
      } else if (c == '}') {
        close_group();
      } else if (c == '\\') {
        control(at);
      } else if (c != '\r' && c != '\n') {  // line breaks in RTF are no content
        text(c);
      }
    }
    if (!stopped_ && open_groups_ > 0) {
      if (stack_.back().kind == GroupKind::Picture)
        fail(in_.size(), "the input ends inside the picture that starts at byte offset " +
                             std::to_string(picture_start_));
      else
        fail(in_.size(), "the input ends with " + std::to_string(open_groups_) +
                             (open_groups_ == 1 ? " group" : " groups") + " still open");
    }
    return std::move(out_);
  }

 private:
  void fail(size_t at, const std::string& what) {
    if (out_.error.empty()) out_.error = what + " (byte offset " + std::to_string(at) + ")";
  }

  void open_group() {
    ++open_groups_;
    unicode_fallback_left_ = 0;
    ignorable_next_ = false;
    if (skipped_depth_ > 0) {
      ++skipped_depth_;
      return;
    }
    Group& top = stack_.back();
    // A picture's groups ({\*\blipuid}, {\*\picprop}) hold no picture data, and a property
    // name is plain text.
    if (top.kind == GroupKind::Picture || top.kind == GroupKind::PropertyName) {
      skipped_depth_ = 1;
      return;
    }
    ++top.plain_groups;
  }

  void close_group() {
    unicode_fallback_left_ = 0;
    ignorable_next_ = false;
    if (!saved_unicode_skips_.empty() && saved_unicode_skips_.back().first == open_groups_) {
      unicode_fallback_length_ = saved_unicode_skips_.back().second;
      saved_unicode_skips_.pop_back();
    }
    --open_groups_;
    // What follows the document's group (a clipboard's trailing NUL, say) is no document.
    if (open_groups_ == 0) stopped_ = true;
    if (skipped_depth_ > 0) {
      --skipped_depth_;
      return;
    }
    Group& top = stack_.back();
    if (top.plain_groups > 0) {
      --top.plain_groups;
      return;
    }
    if (stack_.size() > 1) finish_tracked_group();
  }

  void finish_tracked_group() {
    const Group done = stack_.back();
    stack_.pop_back();
    switch (done.kind) {
      case GroupKind::Picture:
        report_picture(done);
        break;
      case GroupKind::PropertyName:
        if (stack_.back().kind == GroupKind::ShapeProperty)
          stack_.back().names_picture = trimmed(property_name_) == "pib";
        break;
      case GroupKind::Shape:
        // A group shape's \shprslt repeats the pictures of the shapes inside it.
        if (done.picture_taken && done.enclosing_shape >= 0)
          stack_[static_cast<size_t>(done.enclosing_shape)].picture_taken = true;
        break;
      case GroupKind::ShapeProperty:
      case GroupKind::Outside:
        break;
    }
  }

  void report_picture(const Group& group) {
    if (group.enclosing_shape >= 0)
      stack_[static_cast<size_t>(group.enclosing_shape)].picture_taken = true;
    RtfPicture::Format format = declared_format_;
    if (format == RtfPicture::Format::Png && !starts_with(picture_.bytes, "\x89PNG\r\n\x1a\n"))
      format = RtfPicture::Format::Other;
    if (format == RtfPicture::Format::Jpeg && !starts_with(picture_.bytes, "\xFF\xD8\xFF"))
      format = RtfPicture::Format::Other;
    picture_.format = format;
    picture_.width_twips = scaled_twips(goal_width_, scale_x_);
    picture_.height_twips = scaled_twips(goal_height_, scale_y_);
    bytes_taken_ += picture_.bytes.size();
    out_.pictures.push_back(std::move(picture_));
    picture_ = RtfPicture{};
  }

  void control(size_t at) {
    if (pos_ >= in_.size()) {
      fail(at, "a backslash ends the input");
      return;
    }
    const char c = in_[pos_];
    if (is_letter(c)) {
      control_word(at, read_control_word());
      return;
    }
    ++pos_;
    if (c == '*') {
      if (skipped_depth_ == 0) ignorable_next_ = true;
      return;
    }
    if (c == '\'') {  // \'hh: one character of text, in the document's code page
      for (int digits = 0; digits < 2 && pos_ < in_.size() && hex_value(in_[pos_]) >= 0; ++digits)
        ++pos_;
    }
    // \'hh, \{ \} \\ \~ and the other control symbols are characters: one of them may be the
    // fallback of a \uN, and none is picture data.
    ignorable_next_ = false;
    if (unicode_fallback_left_ > 0) --unicode_fallback_left_;
  }

  ControlWord read_control_word() {
    ControlWord word;
    const size_t start = pos_;
    while (pos_ < in_.size() && is_letter(in_[pos_])) ++pos_;
    word.name = in_.substr(start, pos_ - start);
    bool negative = false;
    if (pos_ + 1 < in_.size() && in_[pos_] == '-' && is_digit(in_[pos_ + 1])) {
      negative = true;
      ++pos_;
    }
    while (pos_ < in_.size() && is_digit(in_[pos_])) {
      word.has_parameter = true;
      word.parameter = std::min(word.parameter * 10 + (in_[pos_] - '0'), kMaxParameter + 1);
      ++pos_;
    }
    if (negative) word.parameter = -word.parameter;
    if (pos_ < in_.size() && in_[pos_] == ' ')
      ++pos_;  // the space ending a control word is part of it
    return word;
  }

  void control_word(size_t at, const ControlWord& word) {
    const bool ignorable = ignorable_next_;
    ignorable_next_ = false;
    // \bin's bytes may hold braces and backslashes: they are skipped in every state.
    if (word.name == "bin") {
      binary(at, word);
      return;
    }
    if (skipped_depth_ > 0) return;
    unicode_fallback_left_ = 0;
    if (word.name == "u") {
      unicode_fallback_left_ = unicode_fallback_length_;
      return;
    }
    if (word.name == "uc") {
      set_unicode_fallback_length(word.parameter);
      return;
    }
    if (ignorable) {
      // Word's pictures are in {\*\shppict}, floating ones in {\shp{\*\shpinst}}; every other
      // ignorable destination (\blipuid, \picprop, \fldinst, \listpicture, …) shows none.
      if (word.name != "shppict" && word.name != "shpinst") skip_current_group();
      return;
    }
    Group& top = stack_.back();
    if (top.kind == GroupKind::Picture) {
      picture_word(word);
      return;
    }
    // A destination names the group it is in; a tracked group already has its meaning.
    if (top.plain_groups == 0) return;
    if (word.name == "pict") {
      if (track_current_group(GroupKind::Picture)) start_picture(at);
    } else if (word.name == "nonshppict") {
      skip_current_group();  // the copy for readers that do not know \shppict
    } else if (word.name == "shp" || word.name == "shpgrp") {
      track_current_group(GroupKind::Shape);
    } else if (word.name == "shprslt") {
      // The shape drawn for readers that do not know \shp: a duplicate when the shape's own
      // picture was taken, the only rendering of it otherwise.
      const int32_t shape = innermost_shape();
      if (shape >= 0 && stack_[static_cast<size_t>(shape)].picture_taken) skip_current_group();
    } else if (word.name == "sp") {
      track_current_group(GroupKind::ShapeProperty);
    } else if (word.name == "sn") {
      if (top.kind == GroupKind::ShapeProperty && track_current_group(GroupKind::PropertyName))
        property_name_.clear();
    } else if (word.name == "sv") {
      if (top.kind == GroupKind::ShapeProperty && !top.names_picture) skip_current_group();
    }
  }

  void picture_word(const ControlWord& word) {
    using Format = RtfPicture::Format;
    const std::string_view name = word.name;
    const int64_t value = std::max<int64_t>(word.parameter, 0);
    if (name == "pngblip") {
      declared_format_ = Format::Png;
    } else if (name == "jpegblip") {
      declared_format_ = Format::Jpeg;
    } else if (name == "emfblip") {
      declared_format_ = Format::Emf;
    } else if (name == "wmetafile") {
      declared_format_ = Format::Wmf;
    } else if (name == "macpict" || name == "dibitmap" || name == "wbitmap" ||
               name == "pmmetafile") {
      declared_format_ = Format::Other;
    } else if (name == "picwgoal") {
      goal_width_ = value;
    } else if (name == "pichgoal") {
      goal_height_ = value;
    } else if (name == "picscalex") {
      scale_x_ = value;
    } else if (name == "picscaley") {
      scale_y_ = value;
    }
  }

  void binary(size_t at, const ControlWord& word) {
    if (!word.has_parameter || word.parameter < 0) {
      fail(at, "\\bin without a byte count");
      return;
    }
    const size_t count = static_cast<size_t>(word.parameter);
    if (count > in_.size() - pos_) {
      fail(at, "\\bin wants " + std::to_string(count) + " bytes but only " +
                   std::to_string(in_.size() - pos_) + " remain");
      stopped_ = true;
      return;
    }
    const std::string_view bytes = in_.substr(pos_, count);
    pos_ += count;
    if (skipped_depth_ == 0 && stack_.back().kind == GroupKind::Picture) {
      pending_nibble_ = -1;
      take(bytes);
    }
  }

  void text(char c) {
    ignorable_next_ = false;
    if (skipped_depth_ > 0) return;
    if (unicode_fallback_left_ > 0) {
      --unicode_fallback_left_;
      return;
    }
    const Group& top = stack_.back();
    if (top.kind == GroupKind::Picture) {
      // Hex digits; spaces (and anything else, which no writer puts there) are no data.
      const int value = hex_value(c);
      if (value < 0) return;
      if (pending_nibble_ < 0) {
        pending_nibble_ = value;
      } else {
        const char byte = static_cast<char>(pending_nibble_ << 4 | value);
        pending_nibble_ = -1;
        take(std::string_view(&byte, 1));
      }
    } else if (top.kind == GroupKind::PropertyName && property_name_.size() < 32) {
      property_name_ += c;
    }
  }

  void take(std::string_view bytes) {
    const size_t room = budget_ - bytes_taken_ - picture_.bytes.size();
    if (bytes.size() > room) {
      out_.truncated = true;
      stopped_ = true;
      return;
    }
    picture_.bytes.append(bytes.data(), bytes.size());
  }

  void start_picture(size_t at) {
    picture_ = RtfPicture{};
    picture_start_ = at;
    pending_nibble_ = -1;
    declared_format_ = RtfPicture::Format::Other;
    goal_width_ = goal_height_ = 0;
    scale_x_ = scale_y_ = 100;
  }

  // The innermost open group, a plain one, becomes a tracked group of `kind`.
  bool track_current_group(GroupKind kind) {
    if (kind != GroupKind::Picture && stack_.size() >= kMaxTrackedGroups) return false;
    Group& top = stack_.back();
    --top.plain_groups;
    Group group;
    group.kind = kind;
    group.enclosing_shape = innermost_shape();
    stack_.push_back(group);
    return true;
  }

  // The innermost open group's content is ignored up to its closing brace.
  void skip_current_group() {
    Group& top = stack_.back();
    if (top.plain_groups > 0)
      --top.plain_groups;
    else if (stack_.size() > 1)
      stack_.pop_back();  // a tracked group turned ignorable: a picture in it is dropped
    else
      return;  // outside every group there is nothing to skip
    skipped_depth_ = 1;
  }

  int32_t innermost_shape() const {
    const Group& top = stack_.back();
    return top.kind == GroupKind::Shape ? static_cast<int32_t>(stack_.size() - 1)
                                        : top.enclosing_shape;
  }

  void set_unicode_fallback_length(int64_t length) {
    // \uc is a character property: it ends with its group.
    if (open_groups_ > 0 && saved_unicode_skips_.size() < kMaxSavedUnicodeSkips &&
        (saved_unicode_skips_.empty() || saved_unicode_skips_.back().first != open_groups_))
      saved_unicode_skips_.emplace_back(open_groups_, unicode_fallback_length_);
    unicode_fallback_length_ = static_cast<uint32_t>(std::clamp<int64_t>(length, 0, 64));
  }

  std::string_view in_;
  size_t pos_ = 0;
  const size_t budget_;
  bool stopped_ = false;
  RtfPictures out_;

  std::vector<Group> stack_;  // stack_[0] stands for outside every group
  size_t open_groups_ = 0;
  size_t skipped_depth_ = 0;     // > 0: this many groups deep inside one whose content is ignored
  bool ignorable_next_ = false;  // after \*: the next control word names an ignorable destination

  // After \uN the next \ucN characters are its fallback for older readers, not text.
  uint32_t unicode_fallback_length_ = 1;
  size_t unicode_fallback_left_ = 0;
  std::vector<std::pair<size_t, uint32_t>> saved_unicode_skips_;  // (group depth, \uc before)

  std::string property_name_;  // the text of the open \sn group

  size_t bytes_taken_ = 0;  // bytes of the pictures reported
  RtfPicture picture_;      // the picture being read
  size_t picture_start_ = 0;
  int pending_nibble_ = -1;
  RtfPicture::Format declared_format_ = RtfPicture::Format::Other;
  int64_t goal_width_ = 0, goal_height_ = 0, scale_x_ = 100, scale_y_ = 100;
};

}  // namespace

RtfPictures rtf_pictures(std::string_view rtf, size_t max_total_bytes) {
  return PictureScanner(rtf, max_total_bytes).run();
}

}  // namespace press::core
