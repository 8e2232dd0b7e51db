// The content guard's built-in lexicon.
//
// How terms were chosen: campus news must pass with no blocking finding, so a blocking
// term is vocabulary that only gambling, pornography or spam advertising uses (a game, a
// casino brand, a bonus offer). Words that ordinary campus news does use, mostly in
// anti-fraud and safety education ("警惕网络赌博", "刷单返利类诈骗"), are warnings: the
// editor sees them, publishing is not refused.
//
// Every term was also checked for the words it hides in across a word boundary, since
// Chinese has no spaces: "援交" is inside "支援交流", "情色" inside "表情色彩", "立博" inside
// "成立博士", "申博" is the usual short form of applying for a doctorate programme,
// "彩金" is inside "精彩金句". Such terms are left out or only listed in longer forms;
// short ones that are worth keeping come with allowed words below ("金沙江").
#include "core/guard_lexicon.h"

namespace press::core::lexicon {

namespace {

constexpr Severity B = Severity::Blocking;
constexpr Severity W = Severity::Warning;

constexpr const char* kGambling = "gambling";
constexpr const char* kPorn = "pornography";
constexpr const char* kSpam = "spam service";
constexpr const char* kLogin = "login phrase";

const Term kTerms[] = {
    // Games and betting.
    {"博彩", B, kGambling},
    {"赌场", B, kGambling},
    {"百家乐", B, kGambling},
    {"时时彩", B, kGambling},
    {"六合彩", B, kGambling},
    {"幸运飞艇", B, kGambling},
    {"真人娱乐", B, kGambling},
    {"真人视讯", B, kGambling},
    {"真人荷官", B, kGambling},
    {"电子游艺", B, kGambling},
    {"老虎机", B, kGambling},
    {"百人牛牛", B, kGambling},
    {"体育投注", B, kGambling},
    {"足球投注", B, kGambling},
    {"在线投注", B, kGambling},
    {"网上投注", B, kGambling},
    {"投注平台", B, kGambling},
    {"彩票平台", B, kGambling},
    {"购彩平台", B, kGambling},
    {"网上购彩", B, kGambling},
    {"赌博网站", B, kGambling},
    {"网上赌场", B, kGambling},
    {"在线赌场", B, kGambling},
    {"娱乐城", B, kGambling},
    {"棋牌平台", B, kGambling},
    {"开元棋牌", B, kGambling},
    // Bonus offers.
    {"开户送", B, kGambling},
    {"注册送", B, kGambling},
    {"存款送", B, kGambling},
    {"充值送", B, kGambling},
    {"首存送", B, kGambling},
    {"送彩金", B, kGambling},
    {"彩金赠送", B, kGambling},
    {"领取彩金", B, kGambling},
    {"返水优惠", B, kGambling},
    // Casinos and betting brands, old and current.
    {"澳门赌场", B, kGambling},
    {"澳门博彩", B, kGambling},
    {"葡京", B, kGambling},
    {"威尼斯人", W, kGambling},
    {"澳门威尼斯人", B, kGambling},
    {"威尼斯人娱乐", B, kGambling},
    {"威尼斯人官网", B, kGambling},
    {"金沙", W, kGambling},
    {"澳门金沙", B, kGambling},
    {"金沙娱乐", B, kGambling},
    {"金沙赌场", B, kGambling},
    {"金沙官网", B, kGambling},
    {"太阳城", W, kGambling},
    {"太阳城集团", B, kGambling},
    {"太阳城娱乐", B, kGambling},
    {"太阳城官网", B, kGambling},
    {"申博太阳城", B, kGambling},
    {"皇冠体育", B, kGambling},
    {"皇冠娱乐", B, kGambling},
    {"皇冠足球", B, kGambling},
    {"必赢亚洲", B, kGambling},
    {"必赢国际", B, kGambling},
    {"必赢娱乐", B, kGambling},
    {"永利皇宫", B, kGambling},
    {"永利娱乐", B, kGambling},
    {"永利博彩", B, kGambling},
    {"银河娱乐", B, kGambling},
    {"美高梅", W, kGambling},
    {"利来国际", B, kGambling},
    {"博天堂", B, kGambling},
    {"凯发娱乐", B, kGambling},
    {"凯发国际", B, kGambling},
    {"尊龙凯时", B, kGambling},
    {"尊龙娱乐", B, kGambling},
    {"威廉希尔", B, kGambling},
    {"开云体育", B, kGambling},
    {"九游会", B, kGambling},
    {"华体会", B, kGambling},
    {"乐鱼体育", B, kGambling},
    {"米乐体育", B, kGambling},
    {"半岛体育", B, kGambling},
    {"星空体育", B, kGambling},
    {"必一运动", B, kGambling},
    {"亚博体育", B, kGambling},
    {"亚博娱乐", B, kGambling},
    {"雷竞技", B, kGambling},
    {"乐动体育", B, kGambling},
    {"欧宝体育", B, kGambling},
    {"宝博体育", B, kGambling},
    {"爱游戏体育", B, kGambling},
    {"沙巴体育", B, kGambling},
    // Traditional characters: gambling spam is often written in them (Macau, Taiwan);
    // simplified campus news never is, so they cannot collide with innocent words.
    {"賭場", B, kGambling},
    {"百家樂", B, kGambling},
    {"時時彩", B, kGambling},
    {"老虎機", B, kGambling},
    {"澳門賭場", B, kGambling},
    {"澳門博彩", B, kGambling},
    {"真人娛樂", B, kGambling},
    {"真人視訊", B, kGambling},
    {"娛樂城", B, kGambling},
    {"體育投注", B, kGambling},
    {"線上賭場", B, kGambling},
    {"網上賭場", B, kGambling},
    {"線上博彩", B, kGambling},
    {"太陽城", B, kGambling},
    {"皇冠體育", B, kGambling},
    {"銀河娛樂", B, kGambling},
    {"永利皇宮", B, kGambling},
    {"開雲體育", B, kGambling},
    {"華體會", B, kGambling},
    {"九遊會", B, kGambling},
    {"賭博", W, kGambling},
    {"網賭", W, kGambling},
    // Named in anti-gambling education: visible, not refused.
    {"赌博", W, kGambling},
    {"网赌", W, kGambling},
    {"赌球", W, kGambling},
    {"德州扑克", W, kGambling},
    {"炸金花", W, kGambling},

    // Pornography.
    {"约炮", B, kPorn},
    {"一夜情", B, kPorn},
    {"成人视频", B, kPorn},
    {"成人影片", B, kPorn},
    {"色情网站", B, kPorn},
    {"色情视频", B, kPorn},
    {"色情直播", B, kPorn},
    {"色情服务", B, kPorn},
    {"黄色网站", B, kPorn},
    {"激情视频", W, kPorn},  // "青春激情视频" is how sports-meet reports talk
    {"av女优", B, kPorn},
    {"裸聊", W, kPorn},  // "裸聊敲诈" is a fraud type students are warned about
    {"嫖娼", W, kPorn},
    {"卖淫", W, kPorn},

    // Spam services.
    {"代开各类发票", B, kSpam},
    {"代开正规发票", B, kSpam},
    {"办假证", B, kSpam},
    {"假证办理", B, kSpam},
    {"刻章办证", B, kSpam},
    {"出售枪支", B, kSpam},
    {"代开发票", W, kSpam},    // also a tax office service
    {"信用卡套现", W, kSpam},  // named in anti-fraud talks
    {"刷单", W, kSpam},        // "刷单返利" is the fraud type anti-fraud talks name most
    {"充值返利", W, kSpam},
    {"裸贷", W, kSpam},
    {"代孕", W, kSpam},
};

const Term kLoginPhrases[] = {
    {"登录入口", B, kLogin},
    {"登陆入口", B, kLogin},
    {"官网入口", B, kLogin},
    {"官方入口", B, kLogin},
    {"最新网址", B, kLogin},
    {"备用网址", B, kLogin},
    {"永久网址", B, kLogin},
    {"网址导航", B, kLogin},
    {"最新域名", B, kLogin},
    {"备用域名", B, kLogin},
    {"永久域名", B, kLogin},
    {"注册登录入口", B, kLogin},
    {"登錄入口", B, kLogin},
    {"登陸入口", B, kLogin},
    {"官網入口", B, kLogin},
    {"最新網址", B, kLogin},
    {"備用網址", B, kLogin},
    {"網址導航", B, kLogin},
    // Ordinary notices use these too ("学校官方网址", "学习通app下载"): warnings.
    {"官方网址", W, kLogin},
    {"在线登录", W, kLogin},
    {"注册登录", W, kLogin},
    {"网页版登录", W, kLogin},
    {"手机版登录", W, kLogin},
    {"app下载", W, kLogin},
    {"官方网站入口", W, kLogin},
    {"(中国)官方网站", W, kLogin},
    {"（中国）官方网站", W, kLogin},
};

// Word lists read better in rows.
// clang-format off
// Innocent words around the short terms above.
const char* const kAllowedWords[] = {
    "文博彩塑", "文博彩绘",  // museum studies; not 文博彩 alone: 正文博彩
    "金沙江", "金沙县", "金沙滩", "金沙湾", "金沙洲", "金沙遗址", "金沙镇", "金沙路", "金沙村",
    "金沙河", "金沙街", "金沙大道", "金沙古镇", "金沙酒", "金沙中学", "金沙小学", "金沙公园",
    "金沙水", "金沙湖",  // 杭州金沙湖
    "太阳城市", "太阳城镇",
    "威尼斯人口", "威尼斯人民",
    "娱乐城市", "娱乐城镇",
    // The university's own systems: "教务系统登录入口", "统一身份认证登录入口".
    "系统登录入口", "认证登录入口", "邮箱登录入口",
};

const BrandLetters kBrandLetters[] = {
    {"bet", false},    {"bets", false},  {"casino", false}, {"casinos", false},
    {"slot", false},   {"slots", false}, {"poker", false},  {"bwin", false},
    {"sbobet", false}, {"dafa", false},  {"dafabet", false}, {"betway", false},
    {"bbin", false},   {"yabo", false},  {"kaiyun", false}, {"leyu", false},
    {"ayx", false},    {"hth", false},   {"xpj", false},    {"vip", true},
};

const char* const kTopLevelDomains[] = {
    "com",  "net",    "org",  "cn",    "cc",    "vip",   "top",   "xyz",  "me",   "tv",
    "co",   "app",    "bet",  "casino", "info", "biz",   "club",  "site", "win",  "fun",
    "online", "shop", "live", "pro",   "asia",  "hk",    "mo",    "tw",   "la",   "ws",
    "us",   "uk",     "jp",   "kr",    "edu",   "gov",   "ink",   "icu",  "work", "link",
    "games", "game",  "cloud", "art",  "red",   "ltd",   "wang",  "ren",  "xin",  "bid",
    "loan", "men",    "date", "life",  "world", "today", "tech",  "store", "space", "website",
    "vin",  "poker",  "bingo", "cyou", "pw",
};

// Chinese services whose names are numbers; mail addresses at them are everyday.
const char* const kCommonDomains[] = {
    "163.com",   "126.com",  "139.com",  "189.cn",   "21cn.com", "263.net", "10086.cn",
    "12306.cn",  "360.cn",   "360.com",  "51job.com", "58.com",  "115.com", "2345.com",
    "12377.cn",  "12321.cn", "163.net",  "yeah.net", "qq.com",
};

// clang-format on

const char* const kRoleWords[] = {
    "党委副书记", "党委书记", "纪委书记", "党委",     "纪委", "副院长", "院长", "副校长",
    "校长",       "书记",     "牵头",     "官方网站", "官网", "师生",   "学子",
};

const char* const kInstitutionSuffixes[] = {
    "职业技术学院", "职业技术大学", "高等专科学校", "职业学院", "技术学院", "学院", "大学", "学校",
};

const InvisibleRange kInvisible[] = {
    {0x0000, 0x0008, "control character"},
    {0x000B, 0x000C, "control character"},
    {0x000D, 0x000D, "carriage return"},  // allowed before a line feed
    {0x000E, 0x001F, "control character"},
    {0x007F, 0x009F, "control character"},
    {0x00AD, 0x00AD, "soft hyphen"},
    {0x034F, 0x034F, "combining grapheme joiner"},
    {0x061C, 0x061C, "Arabic letter mark"},
    {0x115F, 0x1160, "Hangul filler"},
    {0x17B4, 0x17B5, "Khmer inherent vowel"},
    {0x180E, 0x180E, "Mongolian vowel separator"},
    {0x200B, 0x200B, "zero width space"},
    {0x200C, 0x200C, "zero width non-joiner"},
    {0x200D, 0x200D, "zero width joiner"},
    {0x200E, 0x200F, "direction mark"},
    {0x202A, 0x202E, "bidirectional override"},
    {0x2060, 0x2060, "word joiner"},
    {0x2061, 0x2064, "invisible operator"},
    {0x2066, 0x2069, "bidirectional isolate"},
    {0x206A, 0x206F, "deprecated format character"},
    {0x3164, 0x3164, "Hangul filler"},
    {0xFEFF, 0xFEFF, "zero width no-break space (BOM)"},
    {0xFFA0, 0xFFA0, "half-width Hangul filler"},
    {0xFFF9, 0xFFFB, "interlinear annotation"},
    {0x1D173, 0x1D17A, "musical format character"},
    {0xE0000, 0xE007F, "tag character"},
};

template <class T, size_t N>
List<T> list(const T (&a)[N]) {
  return {a, N};
}

}  // namespace

// clang-format off
List<Term> terms() { return list(kTerms); }
List<Term> login_phrases() { return list(kLoginPhrases); }
List<const char*> allowed_words() { return list(kAllowedWords); }
List<BrandLetters> brand_letters() { return list(kBrandLetters); }
List<const char*> top_level_domains() { return list(kTopLevelDomains); }
List<const char*> common_domains() { return list(kCommonDomains); }
List<const char*> role_words() { return list(kRoleWords); }
List<const char*> institution_suffixes() { return list(kInstitutionSuffixes); }
List<InvisibleRange> invisible_ranges() { return list(kInvisible); }

// clang-format on

}  // namespace press::core::lexicon
