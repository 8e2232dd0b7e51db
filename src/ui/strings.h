#pragma once
// Every string the editor shows, in one table: Chinese (the default) and English.
// Format strings use printf conversions, the same ones in both languages.
#include <string>
#include <string_view>

namespace press::ui {

enum class Lang { Zh, En };

// X(id, Chinese, English)
#define PRESS_UI_STRINGS(X)                                                                     \
  X(AppName, "PortalPress 新闻编辑器", "PortalPress News Editor")                               \
  X(Untitled, "（无标题）", "(untitled)")                                                        \
  /* toolbar */                                                                                 \
  X(Drafts, "草稿箱", "Drafts")                                                                 \
  X(NewDraft, "新建", "New")                                                                    \
  X(Duplicate, "复制", "Duplicate")                                                             \
  X(Delete, "删除", "Delete")                                                                   \
  X(Import, "导入…", "Import…")                                                                 \
  X(Export, "导出…", "Export…")                                                                 \
  X(Save, "保存", "Save")                                                                       \
  X(OpenInBrowser, "在浏览器中查看", "View in browser")                                         \
  X(Settings, "设置", "Settings")                                                               \
  X(Publish, "发布", "Publish")                                                                 \
  X(Retry, "重试", "Retry")                                                                     \
  X(More, "更多", "More")                                                                       \
  X(TipNew, "新建草稿（Ctrl+N）", "New draft (Ctrl+N)")                                         \
  X(TipSave, "保存草稿（Ctrl+S）", "Save the draft (Ctrl+S)")                                   \
  X(TipBrowser, "用系统浏览器打开将要发布的网页（Ctrl+P）",                                     \
    "Open the page as it will be published in the system browser (Ctrl+P)")                    \
  X(TipPublish, "发布到门户网站服务器（Ctrl+Shift+Enter）",                                      \
    "Publish to the portal server (Ctrl+Shift+Enter)")                                          \
  X(TipPublishBlocked, "内容检查发现必须处理的问题，暂不能发布",                              \
    "The content check found problems that must be fixed first")                               \
  X(TipPublishInvalid, "请先补全必填项", "Fill in the required fields first")                 \
  X(TipPublishNoServer, "请先在设置中填写服务器地址", "Set the server address in Settings first") \
  X(TipDrafts, "显示或隐藏草稿箱（Ctrl+D）", "Show or hide the drafts (Ctrl+D)")                \
  /* form */                                                                                    \
  X(FieldTitle, "标题", "Title")                                                                \
  X(FieldChannel, "栏目", "Channel")                                                            \
  X(FieldPublishedAt, "发布时间", "Published")                                                  \
  X(FieldAuthor, "作者", "Author")                                                              \
  X(FieldSource, "来源", "Source")                                                              \
  X(FieldLink, "原文链接", "Original link")                                                     \
  X(FieldEditor, "责任编辑", "Editor")                                                          \
  X(FieldBody, "正文", "Body")                                                                  \
  X(HintTitle, "请输入文章标题", "Article title")                                               \
  X(HintTime, "2023-07-29 14:02", "2023-07-29 14:02")                                           \
  X(HintLink, "https://…（转载时填写）", "https://… (for reprints)")                            \
  X(HintBody, "在此输入正文。段落之间空一行；Ctrl+B 加粗，Ctrl+K 插入链接。",                  \
    "Write the body here. Leave an empty line between paragraphs; Ctrl+B bold, Ctrl+K link.")   \
  X(Now, "现在", "Now")                                                                         \
  X(TipNow, "设为当前时间（北京时间）", "Set to the current time (Beijing time)")              \
  X(TipCalendar, "选择日期", "Pick a date")                                                     \
  X(TimeFormatError, "时间格式应为 2023-07-29 14:02（北京时间）",                               \
    "Expected a time like 2023-07-29 14:02 (Beijing time)")                                     \
  X(ChooseChannel, "选择栏目", "Choose a channel")                                              \
  X(ChannelNotInSite, "（不在站点栏目中）", "(not a channel of this site)")                      \
  X(Hour, "时", "h")                                                                            \
  X(Minute, "分", "min")                                                                        \
  X(WeekdaysShort, "一二三四五六日", "MoTuWeThFrSaSu")                                          \
  X(MonthTitle, "%d年%d月", "%2$d/%1$d")                                                        \
  /* validation */                                                                              \
  X(ErrRequired, "%s不能为空", "%s is required")                                                \
  X(ErrTooLong, "%s过长", "%s is too long")                                                     \
  X(ErrLink, "原文链接应以 http:// 或 https:// 开头，且不含空格", "The original link must be an http:// or https:// URL without spaces") \
  X(ErrOther, "%s：%s", "%s: %s")                                                               \
  /* editor toolbar */                                                                          \
  X(TbHeading, "小标题", "Heading")                                                             \
  X(TbBold, "加粗", "Bold")                                                                     \
  X(TbItalic, "倾斜", "Italic")                                                                 \
  X(TbLink, "链接", "Link")                                                                     \
  X(TbList, "列表", "List")                                                                     \
  X(TbOrdered, "编号", "Numbered")                                                              \
  X(TbQuote, "引用", "Quote")                                                                   \
  X(TbTable, "表格", "Table")                                                                   \
  X(TipHeading, "小标题（Ctrl+Alt+2）", "Heading (Ctrl+Alt+2)")                                         \
  X(TipBold, "加粗（Ctrl+B）", "Bold (Ctrl+B)")                                                 \
  X(TipItalic, "倾斜（Ctrl+I）", "Italic (Ctrl+I)")                                             \
  X(TipLink, "插入链接（Ctrl+K）", "Insert a link (Ctrl+K)")                                    \
  X(TipList, "项目列表（Ctrl+L）", "Bulleted list (Ctrl+L)")                                    \
  X(TipOrdered, "编号列表（Ctrl+Shift+L）", "Numbered list (Ctrl+Shift+L)")                     \
  X(TipQuote, "引用（Ctrl+Q）", "Quote (Ctrl+Q)")                                               \
  X(TipTable, "插入表格（Ctrl+T）", "Insert a table (Ctrl+T)")                                  \
  X(TbImage, "图片", "Picture") \
  X(TipImage, "插入图片（Ctrl+Shift+I）；也可以直接粘贴或拖入图片", "Insert a picture (Ctrl+Shift+I); pasting or dropping one works too") \
  X(TbCaption, "图片说明", "Caption") \
  X(TipCaption, "编辑光标所在图片的说明和替代文字", "Edit the caption and alt text of the picture at the caret") \
  X(TbAttach, "附件", "File") \
  X(TipAttach, "添加附件（PDF、Word、Excel、PPT、ZIP），发布后列在正文下方", "Attach a file (PDF, Word, Excel, PowerPoint, ZIP), listed under the article") \
  X(ImageTitle, "图片说明", "Picture caption") \
  X(ImageCaption, "说明（显示在图片下方）", "Caption (shown under the picture)") \
  X(ImageCaptionHint, "例如：开学典礼现场", "e.g. The opening ceremony") \
  X(ImageAlt, "替代文字（读屏软件朗读）", "Alt text (read by screen readers)") \
  X(ImageAltHint, "留空则与说明相同", "Empty: the same as the caption") \
  X(ImageApply, "确定", "Apply") \
  X(MediaPathTitle, "添加图片或附件", "Add a picture or file") \
  X(MediaPathButton, "添加", "Add") \
  X(MediaFailed, "无法添加“%s”：%s", "Could not add \"%s\": %s") \
  X(MediaUnsupported, "不支持这种文件；可以添加 JPEG、PNG、WebP、GIF 图片和 PDF、Word、Excel、PPT、ZIP 附件", "This kind of file is not supported; pictures (JPEG, PNG, WebP, GIF) and PDF, Word, Excel, PowerPoint and ZIP files are") \
  X(UploadingMedia, "正在上传图片和附件（还有 %d 个）…", "Uploading pictures and files (%d to go)…") \
  X(MediaMissing, "本机已找不到“%s”的文件，请删除后重新插入", "\"%s\" is no longer stored here; remove it and insert it again") \
  X(ErrFileTooLarge, "文件超过服务器允许的大小", "The file is larger than the server accepts") \
  X(MediaRefused, "服务器拒收“%s”：%s", "The server refused \"%s\": %s") \
  X(LinkTextPlaceholder, "链接文字", "link text")                                               \
  X(BoldPlaceholder, "粗体文字", "bold text")                                                   \
  X(ItalicPlaceholder, "斜体文字", "italic text")                                               \
  X(TableTemplate, "| 项目 | 内容 |\n| --- | --- |\n| | |\n",                                    \
    "| Item | Details |\n| --- | --- |\n| | |\n")                                                 \
  X(CharCount, "字数 %d", "%d characters")                                                     \
  X(TipCharCount, "按中文编辑习惯计数：每个汉字或全角标点计 1，每个英文单词或数字计 1",        \
    "Counted the way Chinese editors count: each Han character or full-width mark is 1, each Latin word or number is 1") \
  /* preview */                                                                                 \
  X(Preview, "预览", "Preview")                                                                 \
  X(FollowScroll, "跟随编辑位置", "Follow the editor")                                         \
  X(MetaAuthor, "作者:", "作者:")                                                             \
  X(MetaSource, "来源:", "来源:")                                                             \
  X(MetaTime, "发布时间:", "发布时间:")                                                       \
  X(MetaViews, "浏览:", "浏览:")                                                              \
  X(OriginalLink, "网站链接:", "网站链接:")                                                   \
  X(EditorLine, "责任编辑:", "责任编辑:")                                                     \
  X(LastEdited, "最后编辑:", "最后编辑:")                                                     \
  X(ImagePlaceholder, "[图片：%s]", "[image: %s]")                                              \
  /* guard */                                                                                   \
  X(GuardTitle, "内容检查", "Content check")                                                   \
  X(GuardClean, "未发现问题", "No problems found")                                              \
  X(GuardSummary, "%d 项必须处理，%d 项提醒", "%d must be fixed, %d warnings")                  \
  X(GuardServerSummary, "服务器拒绝发布：%d 项必须处理", "The server refused: %d must be fixed") \
  X(SeverityBlocking, "阻止", "Blocks")                                                         \
  X(SeverityWarning, "提醒", "Warning")                                                         \
  X(TipFinding, "点击选中有问题的文字", "Click to select the offending text")                  \
  X(RuleOther, "内容检查发现的问题", "a content problem")                  \
  /* drafts */                                                                                  \
  X(DraftsLoading, "正在读取草稿…", "Reading drafts…")                                          \
  X(DraftsEmpty, "还没有草稿", "No drafts yet")                                                 \
  X(StatusPublished, "已发布", "published")                                                     \
  X(StatusDraft, "草稿", "draft")                                                               \
  X(ConfirmDeleteTitle, "删除草稿", "Delete draft")                                             \
  X(ConfirmDelete, "删除草稿“%s”？本地副本将被删除，已发布到服务器的文章不受影响。",           \
    "Delete the draft \"%s\"? The local copy is removed; an article already on the server stays.") \
  X(Cancel, "取消", "Cancel")                                                                   \
  X(Ok, "确定", "OK")                                                                           \
  X(Close, "关闭", "Close")                                                                     \
  X(BrokenDraft, "草稿文件 %s 无法读取（%s），已移至 %s", "The draft file %s is unreadable (%s) and was moved to %s") \
  X(ForeignFile, "草稿文件夹中的 %s 不是文章文件，已移至 %s", "%s in the drafts folder is not an article and was moved to %s") \
  X(MoveAsideFailed, "无法移开损坏的草稿 %s：%s", "Could not move the broken draft %s aside: %s") \
  /* saving */                                                                                  \
  X(Unsaved, "有未保存的修改", "Unsaved changes")                                               \
  X(Saving, "正在保存…", "Saving…")                                                             \
  X(SavedAt, "已保存 %s", "Saved %s")                                                           \
  X(Saved, "已保存", "Saved")                                                           \
  X(SaveFailed, "保存失败：%s", "Could not save: %s")                                           \
  X(ReadFailed, "无法读取 %s：%s", "Could not read %s: %s")                                    \
  X(Restored, "已恢复上次未关闭的草稿", "Restored the draft you were working on")             \
  /* import / export */                                                                         \
  X(ImportTitle, "导入文章", "Import an article")                                               \
  X(ExportTitle, "导出文章", "Export the article")                                              \
  X(FilePath, "文件路径", "File path")                                                          \
  X(ImportButton, "导入", "Import")                                                             \
  X(ExportButton, "导出", "Export")                                                             \
  X(ImportFailed, "无法导入 %s：", "Could not import %s:")                                      \
  X(Imported, "已导入 %s", "Imported %s")                                                       \
  X(ImportingDocument, "正在导入 %s…", "Importing %s…")                                           \
  X(Exported, "已导出到 %s", "Exported to %s")                                                  \
  X(ExportFailed, "导出失败：%s", "Export failed: %s")                                          \
  X(ImportHint, "文章 JSON 文件（格式 v1）", "An article JSON file (format v1)")                 \
  /* settings */                                                                                \
  X(SettingsTitle, "设置", "Settings")                                                          \
  X(ServerUrl, "服务器地址", "Server address")                                                  \
  X(ServerToken, "访问令牌", "Access token")                                                    \
  X(Language, "界面语言", "Language")                                                           \
  X(ShowToken, "显示", "Show")                                                                  \
  X(LanguageZh, "中文", "中文")                                                                 \
  X(LanguageEn, "English", "English")                                                                  \
  X(SettingsHint, "发布时使用。令牌保存在本机数据文件夹中。",                                  \
    "Used for publishing. The token is kept in this computer's data folder.")                   \
  X(SettingsSaved, "设置已保存", "Settings saved")                                              \
  /* publishing */                                                                              \
  X(ConfirmPublishTitle, "发布文章", "Publish the article")                                     \
  X(ConfirmPublish, "将“%s”发布到 %s 的“%s”栏目？", "Publish \"%1$s\" to the \"%3$s\" channel of %2$s?") \
  X(Uploading, "正在上传…", "Uploading…")                                                       \
  X(Publishing, "正在发布…", "Publishing…")                                                     \
  X(PublishedOk, "已发布（修订 %lld）", "Published (revision %lld)")                             \
  X(PublishFailed, "发布失败：%s", "Publishing failed: %s")                                     \
  X(PublishKeptDraft, "草稿已保留在本机，可稍后重试。", "The draft is kept on this computer; retry when ready.") \
  X(ErrNoAnswer, "无法连接服务器（%s）", "No answer from the server (%s)")                       \
  X(ErrUnauthorized, "访问令牌无效，请在设置中检查", "The access token was refused; check Settings") \
  X(ErrRejected, "服务器的内容检查未通过", "The server's content check refused it")            \
  X(ErrInvalid, "服务器认为文章格式有误：%s", "The server found the article invalid: %s")       \
  X(ErrNotFound, "服务器上找不到这篇文章", "The server does not have this article")            \
  X(ErrServer, "服务器错误 %d", "Server error %d")                                             \
  X(ErrBadReply, "服务器的回复无法识别", "The server's reply could not be read")              \
  X(ErrTooLarge, "文章超过服务器允许的大小", "The article is larger than the server accepts") \
  /* conflict */                                                                                \
  X(ConflictTitle, "服务器上的文章已被修改", "The article was changed on the server")           \
  X(ConflictExplain, "发布期间发现服务器上已有更新的版本（修订 %lld）。请选择保留哪一个：",      \
    "The server has a newer version (revision %lld). Choose which one to keep:")                \
  X(ServerVersion, "服务器版本（修订 %lld）", "Server version (revision %lld)")                  \
  X(LocalVersion, "本地版本", "Your version")                                                   \
  X(KeepLocal, "保留本地版本并发布", "Keep mine and publish")                                   \
  X(KeepServer, "采用服务器版本", "Take the server's")                                         \
  X(Later, "稍后决定", "Decide later")                                                          \
  X(ConflictResolve, "处理冲突…", "Resolve…")                                                   \
  X(PublishAsNew, "作为新文章发布", "Publish as a new article")                               \
  X(CopySuffix, "（副本）", " (copy)")                                                          \
  X(Differs, "不同", "differs")                                                                 \
  /* misc */                                                                                    \
  X(BrowserFailed, "无法打开浏览器：%s", "Could not open the browser: %s")                      \
  X(FontFailed, "无法加载中文字体：%s", "Could not load a Chinese font: %s")                    \
  X(OpenedFile, "已打开 %s", "Opened %s")                                                      \
  /* link dialog */                                                                             \
  X(LinkInsertTitle, "插入链接", "Insert a link")                                               \
  X(LinkEditTitle, "编辑链接", "Edit the link")                                                 \
  X(LinkText, "显示文字", "Text")                                                               \
  X(LinkUrl, "链接地址", "Address")                                                             \
  X(LinkUrlHint, "https://…", "https://…")                                                      \
  X(LinkTextHint, "不填则显示链接地址", "The address, if left empty")                           \
  X(LinkRemove, "移除链接", "Remove the link")                                                  \
  X(LinkInsert, "插入", "Insert")                                                               \
  X(LinkUpdate, "更新", "Update")                                                               \
  X(ErrLinkUrl, "链接地址应以 http://、https://、mailto: 或 / 开头", "The address must start with http://, https://, mailto: or /") \
  /* table dialog */                                                                            \
  X(TableInsertTitle, "插入表格", "Insert a table")                                             \
  X(TableEditTitle, "编辑表格", "Edit the table")                                               \
  X(TableAddRow, "添加行", "Add a row")                                                         \
  X(TableAddColumn, "添加列", "Add a column")                                                   \
  X(TableRemoveRow, "删除此行", "Delete this row")                                              \
  X(TableRemoveColumn, "删除此列", "Delete this column")                                        \
  X(TableHint, "第一行是表头。可从 Excel 或 WPS 复制一片单元格，点中一个格子后按 Ctrl+V 粘贴。", "The first row is the header. Copy cells in Excel or WPS, click a cell and press Ctrl+V.") \
  X(TableEmptyRows, "有 %d 行是空的：发布前请填写或删除", "%d rows are empty: fill them in or delete them") \
  X(TableInsert, "插入表格", "Insert")                                                          \
  X(TableUpdate, "更新表格", "Update")                                                          \
  X(TableSize, "%d 行 × %d 列", "%d rows × %d columns")                                          \
  /* find and replace */                                                                        \
  X(TbFind, "查找", "Find")                                                                     \
  X(TipFind, "查找（Ctrl+F）和替换（Ctrl+H）", "Find (Ctrl+F) and replace (Ctrl+H)")            \
  X(FindHint, "查找…", "Find…")                                                                 \
  X(ReplaceHint, "替换为…", "Replace with…")                                                    \
  X(FindCount, "第 %d 处，共 %d 处", "%d of %d")                                                \
  X(FindTotal, "共 %d 处", "%d found")                                                          \
  X(FindNone, "无结果", "No matches")                                                           \
  X(FindMatchCase, "区分大小写", "Match case")                                                  \
  X(TipFindPrevious, "上一处（Shift+Enter）", "Previous (Shift+Enter)")                         \
  X(TipFindNext, "下一处（Enter）", "Next (Enter)")                                             \
  X(TipFindClose, "关闭（Esc）", "Close (Esc)")                                                 \
  X(ReplaceOne, "替换", "Replace")                                                              \
  X(ReplaceAll, "全部替换", "Replace all")                                                      \
  X(Replaced, "已替换 %d 处（Ctrl+Z 可撤销）", "Replaced %d (Ctrl+Z undoes it)") \
  /* one-click typesetting */ \
  X(TbTypeset, "一键排版", "Tidy up") \
  X(TipTypeset, "按新闻稿的规范整理正文：段首空格、空段落、中文里的半角标点、重复标点、多余空格；先列出修改，确认后再应用", "Tidy the body as a news desk does: indentation, empty paragraphs, half-width punctuation in Chinese, repeated marks, stray spaces; the changes are listed before they are applied") \
  X(TypesetTitle, "一键排版", "Tidy up the body") \
  X(TypesetRules, "去掉段首空格和空段落，中文里的半角标点改为全角，删去重复的标点和汉字之间的空格；代码、网址和链接地址不变。", "Removes indentation and empty paragraphs, makes half-width punctuation in Chinese full-width, removes repeated marks and spaces between Chinese characters; code, addresses and links stay as they are.") \
  X(TypesetSummary, "共 %d 处修改。应用后按 Ctrl+Z 可一次撤销。", "%d changes. Ctrl+Z undoes them all at once.") \
  X(TypesetNothing, "没有需要调整的地方", "Nothing to tidy up") \
  X(TypesetApply, "应用", "Apply") \
  X(TypesetBefore, "原文", "Before") \
  X(TypesetAfter, "排版后", "After") \
  X(TypesetParagraph, "第 %d 段", "Paragraph %d") \
  X(TypesetBlank, "第 %d 段前的空行", "Empty lines before paragraph %d") \
  X(TypesetBlankEnd, "文末的空行", "Empty lines at the end") \
  X(TypesetNotListed, "另有 %d 段的修改未列出，应用时一并调整", "%d more paragraphs change too") \
  X(TypesetDone, "已调整 %d 处（Ctrl+Z 可撤销）", "Tidied %d places (Ctrl+Z undoes it)") \
  X(ErrMultiline, "%s只能有一行", "%s must be a single line") \
  X(ErrBadUtf8, "%s含有无法识别的字符（不是 UTF-8 编码）", "%s has characters that are not UTF-8") \
  X(ErrWrongType, "%s的类型不对", "%s has the wrong type") \
  X(ErrBadValue, "%s的值无效", "%s has an invalid value") \
  X(ErrBadTime, "%s不是有效的时间（应如 2023-07-29T14:02:00+08:00）", "%s is not a valid time (such as 2023-07-29T14:02:00+08:00)") \
  X(ErrTooLargeField, "%s超过大小上限", "%s is larger than allowed") \
  X(ErrBadUrl, "%s不是有效的网址", "%s is not a valid address") \
  X(ErrJsonSyntax, "文件内容不是有效的 JSON（第 %d 行第 %d 列）", "The file is not valid JSON (line %d, column %d)") \
  X(ErrNotObject, "文件不是一篇文章（JSON 的最外层应为对象）", "The file is not an article (its JSON must be an object)") \
  X(ErrAt, "（第 %d 行第 %d 列）", " (line %d, column %d)") \
  X(FieldUpdatedAt, "更新时间", "Updated") \
  X(FieldId, "文章编号", "Article id") \
  X(FieldRevision, "版本号", "Revision") \
  X(FieldStatus, "状态", "Status") \
  X(FieldSchema, "格式版本", "Format version") \
  X(FileText, "一个纯文本文件", "a plain text file") \
  X(FileHtml, "一个网页文件（HTML）", "a web page (HTML)") \
  X(FileSvg, "一个 SVG 图形", "an SVG drawing") \
  X(FileRtf, "一个 RTF 文档", "an RTF document") \
  X(FilePicture, "一张 %s 图片", "a %s picture") \
  X(FilePdf, "一个 PDF 文档", "a PDF document") \
  X(FileDocx, "一个 Word 文档（.docx）", "a Word document (.docx)") \
  X(FileXlsx, "一个 Excel 表格（.xlsx）", "an Excel workbook (.xlsx)") \
  X(FilePptx, "一个 PowerPoint 演示文稿（.pptx）", "a PowerPoint presentation (.pptx)") \
  X(FileZip, "一个 ZIP 压缩包", "a ZIP archive") \
  X(FileOle, "一个旧版 Office 或 WPS 文档（.doc、.xls、.wps 等）", "an old Office or WPS document (.doc, .xls, .wps)") \
  X(FileBinary, "一个无法识别的二进制文件", "a binary file of unknown kind") \
  X(ImportNotArticle, "无法导入 %s：它是%s，不是文章文件。", "Could not import %s: it is %s, not an article file.") \
  X(ImportUsePaste, "请在 Word、WPS 或浏览器中打开它，全选复制后粘贴到正文。", "Open it in Word, WPS or a browser, copy everything and paste it into the body.") \
  X(ImportUseDocument, "这里可以导入文章 JSON 文件（.json）、网页（.html）和 Word 文档（.docx）。", "Article JSON files (.json), web pages (.html) and Word documents (.docx) can be imported here.") \
  X(ImportSaveAsDocx, "请在 Word 或 WPS 中把它另存为 .docx 后再导入，或全选复制后粘贴到正文。", "Save it as .docx in Word or WPS and import that, or copy everything and paste it into the body.") \
  X(ImportUseJson, "这里只能导入文章 JSON 文件（.json），可由“导出”得到。", "Only article JSON files (.json), as Export writes them, can be imported here.") \
  X(ErrForbidden, "此令牌没有这项操作的权限", "This token is not allowed to do that") \
  X(ErrDeleted, "这篇文章已在服务器上删除", "The article was deleted on the server") \
  X(ErrStorage, "服务器暂时无法保存，请稍后重试", "The server cannot store articles right now; try again later") \
  X(ErrOrigin, "服务器不接受来自这个页面的请求（来源未获允许）", "The server does not accept requests from this page (origin not allowed)") \
  X(ErrBadRequest, "服务器无法读取这次请求", "The server could not read the request") \
  X(ErrConflictOther, "服务器上的版本已被他人修改", "Someone else changed the article on the server") \
  X(ErrStarting, "编辑器仍在启动", "The editor is still starting") \
  X(ErrNoDraft, "没有打开的草稿", "No draft is open") \
  X(ErrNotTaken, "编辑器未能打开这篇文章", "The editor did not take the article") \
  X(ErrCannotPublish, "现在无法发布", "Publishing is not possible right now") \
  X(ErrNoServer, "尚未设置服务器地址", "No server is configured") \
  X(ErrMustFix, "内容检查发现必须修改的问题", "The content check found problems that must be fixed first") \
  X(ErrFieldsMissing, "必填项未填写：%s", "Required fields are missing: %s") \
  X(ErrUnknownMethod, "未知的操作 %s", "Unknown method %s") \
  X(GuardCleanStatus, "✓ 内容检查：未发现问题", "✓ Content check: no problems") \
  X(ErrNoWebGl, "此浏览器不支持 WebGL2，无法显示编辑器", "This browser has no WebGL2: the editor cannot be shown") \
  X(ErrShader, "WebGL 无法创建编辑器的着色器，编辑器无法显示", "WebGL could not build the editor's shader: the editor cannot be shown") \
  X(ErrSiteProfile, "站点配置有误（%s），已改用内置配置", "The site profile is not valid (%s); the built-in one is used") \
  X(ErrBrowserStorage, "浏览器存储出错：%s", "Browser storage: %s")

enum class Str {
#define PRESS_UI_STRING_ID(id, zh, en) id,
  PRESS_UI_STRINGS(PRESS_UI_STRING_ID)
#undef PRESS_UI_STRING_ID
      kCount
};

void set_language(Lang lang);
Lang language();
// "zh" / "en" (anything else: nullopt-like false)
bool parse_language(std::string_view code, Lang& out);
const char* language_code(Lang lang);

const char* tr(Str id);
// tr(id) formatted with printf arguments.
std::string trf(Str id, ...);

// Every string of the current language, for the font's glyph set.
std::string all_strings();

}  // namespace press::ui
