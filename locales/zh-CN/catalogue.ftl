# 供应商的商品目录：/me/products、商品表单、商品页面。

catalogue-list-title = 我的商品
catalogue-list-lead = 您上架的全部商品，包括在售和已归档的。主播可以在搜索和推荐中找到您在售的商品。
catalogue-new = 添加商品
catalogue-not-approved = hostmatch 团队审核通过您的账户后，您就可以添加商品。
catalogue-filter-status = 显示
catalogue-filter-any = 在售和已归档
catalogue-filter-submit = 显示
catalogue-status-active = 在售
catalogue-status-archived = 已归档
catalogue-count = { $count ->
   *[other] 共 { $count } 件商品
}
catalogue-empty = 您还没有商品。添加第一件商品，主播就能找到它。
catalogue-empty-filtered = 没有此状态的商品。
catalogue-col-product = 商品
catalogue-col-category = 类目
catalogue-col-price = 价格
catalogue-col-commission = 佣金
catalogue-col-markets = 市场
catalogue-col-findings = 合规
catalogue-col-actions = 操作
catalogue-no-findings = 未发现问题
catalogue-level-count-prohibited = { $count ->
   *[other] { $count } 项禁止
}
catalogue-level-count-restricted = { $count ->
   *[other] { $count } 项限制
}
catalogue-level-count-caution = { $count ->
   *[other] { $count } 项提醒
}
catalogue-view = 查看
catalogue-edit = 编辑
catalogue-matches = 匹配的主播
catalogue-percent = { $value }%

catalogue-archived-notice = 此商品已归档：主播不会再找到它，也不能再修改。
catalogue-archive = 归档
catalogue-archive-question = 确定归档此商品吗？它会立即从搜索和推荐中消失；已发出的合作邀约仍保留该商品。
catalogue-archive-submit = 是的，归档
catalogue-archive-cancel = 继续上架
catalogue-host-hint = 在 hostmatch 上由供应商发出合作邀约。完善您的资料（语言、市场、类目），能帮助这家供应商找到您并向您发出邀约。
catalogue-host-hint-link = 完善我的资料
catalogue-facts = 条款
catalogue-moq = 起订量
catalogue-free-samples = 免费样品
catalogue-yes = 是
catalogue-no = 否
catalogue-supplier = 供应商
catalogue-supplier-unnamed = 该供应商
catalogue-about = 商品介绍
catalogue-findings-lead = { $count ->
   *[other] 合规筛查在此商品的目标市场中发现 { $count } 个问题。被标记的词语在下方高亮显示，并附有原因。
}
catalogue-no-findings-lead = 合规筛查在此商品的目标市场中未发现问题。
catalogue-titles = 标题
catalogue-descriptions = 描述
catalogue-category-rules = 该类目的规则
catalogue-images = 图片
catalogue-image-alt = { $title }，第 { $n } 张图片

catalogue-new-title = 添加商品
catalogue-edit-title = 编辑商品
catalogue-form-lead = 主播会阅读英文和中文内容；两者都会按您所选市场的规则进行合规筛查。
catalogue-form-names = 名称和描述
catalogue-field-title = 标题（英文）
catalogue-field-title-zh = 标题（中文）
catalogue-field-optional = 选填。
catalogue-field-description = 描述（英文）
catalogue-field-description-zh = 描述（中文）
catalogue-field-category = 类目
catalogue-field-category-hint = 选择一个类目，即买家会去查找的那个。展开分组可查看其中的类目。
catalogue-field-markets = 目标市场
catalogue-field-markets-hint = 可选择地区、国家或两者。选择一个地区即包括其所有国家。
catalogue-form-terms = 价格和条款
catalogue-field-price = 价格（美元）
catalogue-field-price-hint = 单价，例如 12.99。
catalogue-field-commission = 主播佣金（%）
catalogue-field-commission-hint = 每笔销售的分成比例，0 到 100。
catalogue-field-moq = 最小起订量
catalogue-field-moq-hint = 件数，至少为 1。
catalogue-field-free-samples = 免费样品
catalogue-field-free-samples-hint = 主播可免费获得样品用于直播。
catalogue-field-images = 图片地址
catalogue-field-images-hint = { $count ->
   *[other] 每行一个 https:// 地址，最多 { $count } 个。此处不能上传图片。
}
catalogue-save = 保存商品
catalogue-cancel = 取消

catalogue-error-price = 请输入美元金额，例如 12.99。
catalogue-error-commission = 请输入 0 到 100 之间的百分比。
catalogue-error-moq = 请输入至少为 1 的整数。
catalogue-error-category = 请从列表中选择一个类目。
catalogue-error-markets = 请至少选择一个市场。
catalogue-error-images-many = 图片太多。
catalogue-error-image = 第 { $line } 行：请输入以 https:// 开头的完整地址。

flash-product-created = 您的商品已上架，主播稍后即可找到它。
flash-product-saved = 您的修改已保存。
flash-product-archived = 商品已归档，主播不会再找到它。
