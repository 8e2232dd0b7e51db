#include "core/guard_privacy.h"

#include <ctime>
#include <vector>

namespace press::core {

namespace {

// Full-width digits are U+FF10..U+FF19: EF BC 90..99.
bool fullwidth_digit_at(std::string_view s, size_t i) {
  return i + 2 < s.size() && (unsigned char)s[i] == 0xEF && (unsigned char)s[i + 1] == 0xBC &&
         (unsigned char)s[i + 2] >= 0x90 && (unsigned char)s[i + 2] <= 0x99;
}

// The digit at i ('0'..'9') and its length in bytes, or 0 when there is none.
size_t digit_at(std::string_view s, size_t i, char& value) {
  if (i < s.size() && s[i] >= '0' && s[i] <= '9') {
    value = s[i];
    return 1;
  }
  if (fullwidth_digit_at(s, i)) {
    value = char('0' + ((unsigned char)s[i + 2] - 0x90));
    return 3;
  }
  return 0;
}

bool ascii_alnum(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// True when the byte before i ends something a number there belongs to: a Latin word, a
// longer run of digits, a path, query or address ("/", "=", "@"), a version or a
// hyphenated code ("v1.", "2023-").
bool joined_before(std::string_view s, size_t i) {
  if (i == 0) return false;
  if (i >= 3 && fullwidth_digit_at(s, i - 3)) return true;
  const char c = s[i - 1];
  if (ascii_alnum(c) || c == '_') return true;
  switch (c) {
    case '/':
    case '=':
    case '%':
    case '&':
    case '?':
    case '#':
    case '@':
    case '\\':
      return true;
    case '.':
    case '-':
      return i >= 2 && ascii_alnum(s[i - 2]);
    default:
      return false;
  }
}

// The same after a number ending at i.
bool joined_after(std::string_view s, size_t i) {
  if (i >= s.size()) return false;
  if (fullwidth_digit_at(s, i)) return true;
  const char c = s[i];
  if (ascii_alnum(c) || c == '_' || c == '@' || c == '%' || c == '=') return true;
  if (c == '.' || c == '-' || c == '/' || c == ':')
    return i + 1 < s.size() && ascii_alnum(s[i + 1]);
  return false;
}

// Whether a number is inside a URL written out as text: the printable ASCII before it, back
// to a space or a CJK character, holds "://" or starts with "www.". Asked at positions that
// only grow, it reads each byte once (walking back from every number of a long list of
// numbers would be quadratic).
class UrlContext {
 public:
  explicit UrlContext(std::string_view s) : s_(s) {}

  bool inside(size_t i) {
    for (; read_ < i && read_ < s_.size(); ++read_) {
      const auto c = (unsigned char)s_[read_];
      if (c <= 0x20 || c >= 0x7F) {
        stretch_ = read_ + 1;
        url_ = false;
      } else if (!url_) {
        url_ = (read_ >= stretch_ + 2 && s_.substr(read_ - 2, 3) == "://") ||
               (read_ == stretch_ + 3 && s_.substr(stretch_, 4) == "www.");
      }
    }
    return url_;
  }

 private:
  std::string_view s_;
  size_t read_ = 0, stretch_ = 0;
  bool url_ = false;
};

struct Group {
  size_t begin, end;   // bytes in the unit
  std::string digits;  // ASCII
};

int days_in_month(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : kDays[m - 1];
}

// Today's date in UTC as yyyymmdd (a day either way is no matter for a birth date).
int today_utc() {
  // Days since 1970-01-01 to a civil date (H. Hinnant's algorithm): no gmtime, which is
  // neither thread-safe nor the same everywhere.
  const long long z = (long long)(std::time(nullptr) / 86400) + 719468;
  const long long era = (z >= 0 ? z : z - 146096) / 146097;
  const long long doe = z - era * 146097;
  const long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const long long mp = (5 * doy + 2) / 153;
  const long long d = doy - (153 * mp + 2) / 5 + 1;
  const long long m = mp < 10 ? mp + 3 : mp - 9;
  const long long y = yoe + era * 400 + (m <= 2);
  return int(y * 10000 + m * 100 + d);
}

bool all_digits(std::string_view s) {
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return !s.empty();
}

// A card number: 16 to 19 digits, Luhn-valid, and the first digit one the card networks
// use (3 to 6), so a Luhn-valid serial or order number starting otherwise stays clean.
bool card_number(std::string_view d) {
  return d.size() >= 16 && d.size() <= 19 && all_digits(d) && d[0] >= '3' && d[0] <= '6' &&
         luhn_valid(d);
}

bool mobile_number(std::string_view d) {
  return d.size() == 11 && all_digits(d) && d[0] == '1' && d[1] >= '3' && d[1] <= '9';
}

class NumberReader {
 public:
  NumberReader(std::string_view text, const Place& place, Findings& findings, int today)
      : text_(text), place_(place), findings_(findings), today_(today), url_(text) {}

  // Reads the number starting at i; returns where to go on.
  size_t read(size_t i) {
    groups_.clear();
    size_t at = i;
    while (true) {
      Group g{at, at, {}};
      char v;
      for (size_t n; (n = digit_at(text_, at, v)) != 0; at += n) g.digits += v;
      g.end = at;
      groups_.push_back(std::move(g));
      // One space or hyphen between groups ("6222 0212 3456 7890", "138-1234-5678").
      char next;
      if (groups_.size() < 6 && at + 1 < text_.size() && (text_[at] == ' ' || text_[at] == '-') &&
          digit_at(text_, at + 1, next))
        ++at;
      else
        break;
    }
    // The X of an ID number ends its last group.
    Group& last = groups_.back();
    const bool id_shaped =
        last.digits.size() == 17 || (groups_.size() == 3 && groups_[0].digits.size() == 6 &&
                                     groups_[1].digits.size() == 8 && last.digits.size() == 3);
    if (id_shaped && last.end < text_.size() &&
        (text_[last.end] == 'X' || text_[last.end] == 'x')) {
      last.digits += 'X';
      ++last.end;
    }
    const size_t end = last.end;
    if (joined_before(text_, i) || joined_after(text_, end) || url_.inside(i)) return end;
    if (!whole(i, end)) {
      // Not one number: each group separated by spaces alone may still be one.
      for (size_t k = 0; k < groups_.size(); ++k) {
        const bool spaced_before = k == 0 || text_[groups_[k].begin - 1] == ' ';
        const bool spaced_after = k + 1 == groups_.size() || text_[groups_[k].end] == ' ';
        if (spaced_before && spaced_after)
          plain(groups_[k].begin, groups_[k].end, groups_[k].digits);
      }
    }
    return end;
  }

 private:
  // The groups as one number: a spaced card, a grouped mobile or ID number, or one run.
  bool whole(size_t begin, size_t end) {
    std::string all;
    std::vector<size_t> sizes;
    for (const Group& g : groups_) {
      all += g.digits;
      sizes.push_back(g.digits.size());
    }
    if (groups_.size() == 1) return plain(begin, end, all);
    const size_t n = sizes.size();
    // +86 / 86 before a mobile number: "86 138 1234 5678", "+86-13812345678".
    if (sizes[0] == 2 && groups_[0].digits == "86") {
      const std::string national = all.substr(2);
      const bool shaped =
          (n == 2 && sizes[1] == 11) || (n == 4 && sizes[1] == 3 && sizes[2] == 4 && sizes[3] == 4);
      if (shaped && mobile_number(national)) return mobile(with_plus(begin), end, national);
    }
    if (n == 3 && sizes[0] == 3 && sizes[1] == 4 && sizes[2] == 4 && mobile_number(all))
      return mobile(begin, end, all);
    if (n == 3 && sizes[0] == 6 && sizes[1] == 8 && sizes[2] == 4 && valid_id_number(all, today_))
      return id(begin, end, all);
    bool fours = n >= 4 && sizes[n - 1] >= 1 && sizes[n - 1] <= 4;
    for (size_t k = 0; k + 1 < n; ++k) fours = fours && sizes[k] == 4;
    if (fours && card_number(all)) return card(begin, end, all);
    return false;
  }

  bool plain(size_t begin, size_t end, const std::string& d) {
    if (d.size() == 18 && valid_id_number(d, today_)) return id(begin, end, d);
    if (card_number(d)) return card(begin, end, d);
    if (mobile_number(d)) return mobile(begin, end, d);
    if (d.size() == 13 && d.compare(0, 2, "86") == 0 && mobile_number(d.substr(2)))
      return mobile(with_plus(begin), end, d.substr(2));
    return false;
  }

  size_t with_plus(size_t begin) const {
    return begin > 0 && text_[begin - 1] == '+' ? begin - 1 : begin;
  }

  bool id(size_t b, size_t e, const std::string& d) {
    findings_.emit(place_, Rule::IdNumber, Severity::Blocking, b, e,
                   "a resident ID number: personal information must not be published; delete "
                   "it or mask it",
                   mask_number(d));
    return true;
  }
  bool card(size_t b, size_t e, const std::string& d) {
    findings_.emit(place_, Rule::BankCard, Severity::Blocking, b, e,
                   "a bank card number: delete it or mask it", mask_number(d));
    return true;
  }
  bool mobile(size_t b, size_t e, const std::string& d) {
    findings_.emit(place_, Rule::MobileNumber, Severity::Warning, b, e,
                   "a mobile number: mask it unless it is meant to be public",
                   mask_number(d, 3, 4));
    return true;
  }

  std::string_view text_;
  const Place& place_;
  Findings& findings_;
  int today_;
  UrlContext url_;
  std::vector<Group> groups_;
};

}  // namespace

char id_check_char(std::string_view id17) {
  static constexpr int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  int sum = 0;
  for (size_t k = 0; k < 17 && k < id17.size(); ++k) sum += (id17[k] - '0') * kWeights[k];
  return "10X98765432"[sum % 11];
}

bool valid_id_number(std::string_view id, int today_yyyymmdd) {
  if (id.size() != 18 || !all_digits(id.substr(0, 17)) || id[0] == '0') return false;
  const char last = id[17] == 'x' ? 'X' : id[17];
  if (last != 'X' && (last < '0' || last > '9')) return false;
  if (id_check_char(id) != last) return false;
  int date = 0;
  for (size_t k = 6; k < 14; ++k) date = date * 10 + (id[k] - '0');
  const int y = date / 10000, m = date / 100 % 100, d = date % 100;
  if (y < 1900 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m)) return false;
  return date <= (today_yyyymmdd > 0 ? today_yyyymmdd : today_utc());
}

bool luhn_valid(std::string_view digits) {
  if (!all_digits(digits)) return false;
  int sum = 0;
  bool twice = false;
  for (size_t k = digits.size(); k-- > 0; twice = !twice) {
    int v = digits[k] - '0';
    if (twice && (v *= 2) > 9) v -= 9;
    sum += v;
  }
  return sum % 10 == 0;
}

std::string mask_number(std::string_view digits, size_t keep_front, size_t keep_back) {
  if (digits.size() <= keep_front + keep_back) return std::string(digits);
  return std::string(digits.substr(0, keep_front)) +
         std::string(digits.size() - keep_front - keep_back, '*') +
         std::string(digits.substr(digits.size() - keep_back));
}

void check_privacy(std::string_view text, const Place& place, Findings& findings,
                   int today_yyyymmdd) {
  NumberReader reader(text, place, findings, today_yyyymmdd > 0 ? today_yyyymmdd : today_utc());
  char v;
  for (size_t i = 0; i < text.size();) {
    const auto c = (unsigned char)text[i];
    // Only a digit (or a full-width digit's first byte) can start a number.
    if (!(c >= '0' && c <= '9') && c != 0xEF) {
      ++i;
      continue;
    }
    if (!digit_at(text, i, v)) {
      ++i;
      continue;
    }
    i = reader.read(i);
  }
}

}  // namespace press::core
