# hostmatch 页面，简体中文。每个键都与 ../en/main.ftl 一一对应（有测试检查）。

## Frame
nav-skip = 跳到正文
nav-label = 主导航
nav-admin = 管理
nav-find-hosts = 找主播
nav-my-products = 我的商品
nav-recommendations = 为你推荐
nav-find-products = 找商品
nav-offers = 合作邀约
nav-profile = 资料
nav-settings = 设置
nav-logout = 退出登录
nav-login = 登录
nav-register = 注册
nav-language = 语言
footer-tagline = hostmatch 连接中国供应商与海外直播主播。每个账号在公开之前都经过人工审核。

## Roles and statuses
role-supplier = 供应商
role-host = 直播主播
role-admin = 管理员
status-pending = 待审核
status-approved = 已通过
status-rejected = 未通过
status-suspended = 已停用
status-closed = 已注销

## Flash messages
flash-registered = 欢迎加入 hostmatch！我们已给您发送邮件，请打开其中的链接确认邮箱地址。
flash-logged-in = 您已登录。
flash-logged-out = 您已退出登录。
flash-verified = 谢谢，您的邮箱地址已确认。
flash-verification-sent = 新的确认链接已发送，48 小时内有效。
flash-reset-sent = 如果有账号使用该地址，设置新密码的链接正在发送中，一小时内有效。
flash-password-reset = 新密码已设置。其他所有会话均已退出，请用新密码登录。
flash-settings-saved = 设置已保存。
flash-password-changed = 密码已修改，您的其他会话均已退出。
flash-account-deleted = 您的账号已注销，个人数据已删除。再见，感谢您的使用。
flash-vetted = 决定已保存，并已发邮件通知账号持有人。
flash-rule-added = 市场规则已添加，正在据此重新筛查商品。
flash-rule-removed = 市场规则已删除。
flash-term-added = 筛查词已添加。
flash-term-removed = 筛查词已删除。

## Error pages
error-home = 返回首页
error-400-title = 无法读取该请求
error-400-detail = 表单中有内容不符合预期。请返回检查后重试。
error-403-title = 您的账号无权访问此页面
error-403-detail = 您已登录，但您的账号不能打开此页面或执行此操作。如有疑问，请联系 hostmatch 团队。
error-404-title = 页面不存在
error-404-detail = 这里没有内容，或者您无权查看。
error-405-title = 此操作在这里无效
error-405-detail = 此页面不接受这类请求。
error-409-title = 现在无法执行此操作
error-409-detail = 期间有内容发生了变化。请刷新页面后重试。
error-413-title = 内容过大
error-413-detail = 您发送的内容超过了上限（1 MB）。
error-429-title = 尝试次数过多
error-429-detail = 请稍等片刻再试。
error-500-title = 我们这边出了问题
error-500-detail = 这不是您的操作造成的。我们已收到通知，请稍后再试。
error-503-title = hostmatch 正忙
error-503-detail = 当前访问量很大，请稍后再试。

## Field errors
form-has-errors = 有些字段需要修改，请看下方提示。
error-required = 请填写此项。
error-min-chars = { $count ->
   *[other] 至少需要 { $count } 个字符。
}
error-max-chars = { $count ->
   *[other] 最多 { $count } 个字符。
}
error-email = 这不是有效的邮箱地址。
error-role = 请选择您是供应商还是主播。
error-locale = 请选择英文或中文。
error-control-chars = 不能包含换行符或控制字符。
error-time-zone = 请从列表中选择时区。
error-token = 此链接已失效，请重新申请。
error-password-wrong = 密码不正确。
error-invalid = 此项的值无效。

## Fields
field-display-name = 您的名称
field-display-name-hint = 供应商和主播看到的名称，可以是公司名或艺名。
field-email = 邮箱地址
field-password = 密码
field-password-hint = 至少 10 个字符。一句简短的话既好记又难猜。
field-locale = 邮件语言
field-locale-hint = 页面语言可在顶部切换；邮件使用此处选择的语言。
field-time-zone = 时区
field-time-zone-hint = 页面上的时间按此时区显示。
field-current-password = 当前密码
field-new-password = 新密码
field-reason = 原因
field-reason-hint = 账号持有人会在通知邮件中看到这段话。

## Home
home-title = 为中国供应商寻找直播主播
home-headline = 找到用买家的语言、向您的买家带货的直播主播
home-lead = hostmatch 将中国工厂、品牌和跨境卖家与熟悉当地市场的海外主播联系起来，并在开播前按该市场的规则检查每一件商品。
home-suppliers-title = 供应商
home-suppliers-1 = 按语言、市场、商品类目和粉丝规模搜索主播。
home-suppliers-2 = 查看每位主播与您商品的匹配原因，评分一目了然。
home-suppliers-3 = 发出合作邀约前，就能知道商品在主播所在市场是否受限。
home-suppliers-cta = 注册为供应商
home-hosts-title = 直播主播
home-hosts-1 = 浏览适合您观众的商品，按匹配度为您排序。
home-hosts-2 = 收到条件清晰的邀约：佣金、坑位费和免费样品一目了然。
home-hosts-3 = 合作的供应商都经过人工审核。
home-hosts-cta = 注册为主播
home-have-account = 已有账号？
home-welcome = 您的账号
home-role = 账号类型
home-status = 状态
home-verify-first = 请确认您的邮箱地址：打开我们发给您的邮件中的链接。确认之后，管理员才能审核通过您的账号。
home-resend = 重新发送链接
home-pending = 管理员将很快审核您的账号，结果会通过邮件通知您。
home-approved = 您的账号已通过审核：供应商和主播都能找到您。
home-rejected = 您的账号未通过审核，原因请见我们发送的邮件。
home-to-admin = 打开管理页面

## Register and log in
register-title = 创建账号
register-lead = 只需一分钟。每个新账号在对他人可见之前都由管理员审核。
register-role = 我是
register-role-supplier = 供应商
register-role-supplier-hint = 寻找主播的工厂、品牌或跨境卖家。
register-role-host = 直播主播
register-role-host-hint = 我在直播中向观众销售商品。
register-submit = 创建账号
register-have-account = 已有账号？
register-email-taken = 该邮箱已注册账号。请直接登录，或重置密码。
login-title = 登录
login-submit = 登录
login-forgot = 忘记密码？
login-no-account = 第一次使用 hostmatch？
login-wrong = 邮箱地址与密码不匹配。
login-suspended = 此账号已被停用，原因请见我们发送的邮件。
login-throttled = { $minutes ->
   *[other] 尝试次数过多，请 { $minutes } 分钟后再试。
}

## Verify, forgot, reset
verify-title = 确认邮箱地址
verify-lead = 点击下方按钮，确认此地址用于您的 hostmatch 账号。
verify-submit = 确认我的邮箱
verify-invalid = 此链接已被使用或已过期。请登录后重新申请。
forgot-title = 忘记密码？
forgot-lead = 输入您账号的邮箱地址，我们会发送设置新密码的链接。
forgot-submit = 发送链接
reset-title = 设置新密码
reset-lead = 您账号在所有设备上的会话都将退出。
reset-submit = 设置新密码
reset-invalid = 此链接已被使用或已过期，请重新申请。
reset-ask-again = 重新申请链接

## Settings
settings-title = 设置
settings-profile = 您的信息
settings-save = 保存
settings-password = 密码
settings-password-lead = 修改密码后，您的其他会话都会退出。
settings-password-submit = 修改密码
settings-export = 您的数据
settings-export-lead = 以 JSON 文件下载 hostmatch 保存的与您账号有关的全部数据。
settings-export-submit = 下载我的数据
settings-delete = 注销账号
settings-delete-lead = 账号将被永久注销：个人数据删除，商品归档，未结束的邀约撤回。审计日志会保留此操作的记录。
settings-delete-password = 输入密码以确认
settings-delete-submit = 注销我的账号
settings-delete-confirm = 确定要永久注销您的 hostmatch 账号吗？
settings-delete-last-admin = 您是最后一位管理员。请先设置另一位管理员，再注销此账号。
settings-email = 邮箱地址
settings-verified = 已确认
settings-unverified = 尚未确认

## Admin
admin-title = 管理
admin-queue = 审核队列
admin-accounts = 账号
admin-audit = 审计日志
admin-rules = 市场规则
admin-terms = 筛查词
admin-queue-lead = 新账号在此等待管理员决定。只审核通过邮箱已确认的账号。
admin-filter-status = 状态
admin-filter-role = 类型
admin-filter-any = 全部
admin-filter-submit = 显示
admin-queue-empty = 目前没有待审核的账号。新账号会出现在这里。
admin-col-name = 名称
admin-col-email = 邮箱
admin-col-role = 类型
admin-col-status = 状态
admin-col-verified = 邮箱已确认
admin-col-flags = 标记
admin-col-joined = 注册时间
admin-yes = 是
admin-no = 否
admin-open = 打开
admin-flags = { $count ->
    [0] 无
   *[other] { $count } 处标记
}
admin-page = 第 { $page } 页，共 { $pages } 页
admin-prev = 上一页
admin-next = 下一页
admin-account-title = 账号：{ $name }
admin-account-profile = 资料
admin-account-no-profile = 该账号尚未填写资料。
admin-account-flagged = 被标记的内容
admin-account-no-flags = 该账号的内容没有被标记。
admin-account-decide = 决定
admin-account-unverified = 该账号的邮箱尚未确认，因此不能审核通过。
admin-approve = 通过
admin-reject = 拒绝
admin-suspend = 停用
admin-reinstate = 恢复
admin-decision-invalid = 此决定与账号当前的状态不符。
admin-audit-empty = 暂无记录。
admin-col-when = 时间
admin-col-who = 操作人
admin-col-action = 操作
admin-col-target = 对象
admin-col-reason = 原因
admin-system = 系统
admin-rules-lead = 规则规定某个商品类目在某个市场是禁止、限制还是需要注意。商品按现行规则筛查。
admin-rules-empty = 还没有自定义规则；内置规则仍然有效。
admin-rule-add = 添加规则
admin-rule-remove = 删除
admin-rule-remove-confirm = 确定删除这条规则吗？
admin-terms-lead = 筛查词会让文本（商品、直播脚本）在某个市场被标记。
admin-terms-empty = 还没有自定义筛查词；内置筛查词仍然有效。
admin-term-add = 添加筛查词
admin-col-market = 市场
admin-col-category = 类目
admin-col-level = 级别
admin-col-source = 来源
admin-col-language = 语言
admin-col-term = 词
admin-col-kind = 类型
admin-col-markets = 市场
field-market = 市场
field-category = 类目
field-level = 级别
field-reason-en = 原因（英文）
field-reason-zh = 原因（中文）
field-source = 来源（链接）
field-language = 语言
field-term = 词
field-kind = 类型
field-markets = 市场（代码，以空格分隔；留空表示所有市场）
level-prohibited = 禁止
level-restricted = 限制
level-caution = 注意
admin-entry-exists = 已有相同的条目。
profile-headline = 简介标题
profile-country = 国家
profile-markets = 市场
profile-followers = 粉丝数
profile-company = 公司
profile-license = 统一社会信用代码
profile-place = 省市
profile-website = 网站
market-all = 所有市场
flag-field-headline = 简介标题
flag-field-bio = 个人介绍
flag-field-title = 标题
flag-field-title_zh = 中文标题
flag-field-description = 描述
flag-field-description_zh = 中文描述
admin-shipped = { $count ->
   *[other] 另有 { $count } 条内置条目同样有效。
}
field-market-hint = 国家代码（如 BR）或地区代码；见市场列表。
field-category-hint = 商品类目编号；规则同样适用于其子类目。
screen-lang-en = 英语
screen-lang-zh = 中文
screen-lang-es = 西班牙语
screen-lang-pt = 葡萄牙语
screen-lang-ar = 阿拉伯语
screen-lang-ru = 俄语
screen-lang-id = 印尼语
term-kind-claim = 夸大宣传
term-kind-counterfeit = 假冒
term-kind-sensitive = 敏感
admin-accounts-lead = 所有账号，不论状态。可按状态和类型筛选。
audit-account-approved = 账号已通过审核
audit-account-rejected = 账号未通过审核
audit-account-suspended = 账号已停用
audit-account-reinstated = 账号已恢复
audit-account-closed = 账号由持有人注销
audit-account-email_verified = 邮箱地址已确认
audit-account-password_reset = 通过邮件重置密码
audit-account-password_changed = 密码已修改
audit-admin-created = 已创建管理员
audit-market_rule-add = 已添加市场规则
audit-market_rule-delete = 已删除市场规则
audit-screening_term-add = 已添加筛查词
audit-screening_term-delete = 已删除筛查词
audit-target-account = 账号
audit-target-market_rule = 市场规则
audit-target-screening_term = 筛查词
finding-source = 依据
