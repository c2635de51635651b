# hostmatch 页面，简体中文：选择器、资料表单与公开资料页。每个键都与 ../en/profiles.ftl 一一对应（有测试检查）。

## Pickers (templates/pickers/macros.html)
picker-selected = 已选：
picker-none = 尚未选择
picker-search-categories = 查找类目（中文或英文）
picker-search-countries = 查找国家（名称或代码）
picker-no-match = 没有匹配的结果。
picker-children = { $count } 个子类目
picker-regions = 地区（选中即包含其所有国家）
picker-countries = 国家
picker-countries-count = { $count } 个国家
picker-language-n = 语言 { $n }
picker-language = 语言
picker-language-none = （无）
picker-level = 水平
picker-level-none = （请选择）
picker-remove-row = 删除此行
picker-add-language = 添加语言
language-level-native = 母语
language-level-fluent = 流利
language-level-conversational = 日常会话
