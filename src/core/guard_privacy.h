#pragma once
// Personal numbers in published text: resident ID numbers and bank card numbers (blocking:
// a list of names with ID numbers is the classic leak in a published notice) and mainland
// mobile numbers (a warning: a contact teacher's number is often meant to be public).
//
// A number is a whole run of digits (ASCII or full-width): one next to a Latin letter, a
// digit or URL punctuation, or inside a URL, is part of something else (a hash, a query)
// and is not read. An 18-digit number is an ID number only with a valid ISO 7064 MOD 11-2
// check digit and a real birth date, so contract and order numbers stay clean.
#include <string>
#include <string_view>

#include "core/guard_findings.h"

namespace press::core {

// ISO 7064 MOD 11-2 check character ('0'..'9' or 'X') of the first 17 digits of id17.
char id_check_char(std::string_view id17);
// 18 ASCII characters, the last maybe 'X'/'x': check digit, birth date (1900 up to
// today_yyyymmdd) and a non-zero region.
bool valid_id_number(std::string_view id, int today_yyyymmdd);
// ASCII digits passing the Luhn check.
bool luhn_valid(std::string_view digits);
// The first 4 and last 4 kept, the rest '*' ("3303**********1234").
std::string mask_number(std::string_view digits, size_t keep_front = 4, size_t keep_back = 4);

// Reports the numbers in text (one unit at place). today: yyyymmdd, 0 for today's date.
void check_privacy(std::string_view text, const Place& place, Findings& findings,
                   int today_yyyymmdd = 0);

}  // namespace press::core
