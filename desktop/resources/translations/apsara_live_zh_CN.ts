<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>billing</name>
    <message>
        <source>YYYY-MM, YYYY-MM-DD or FROM..TO</source>
        <translation>YYYY-MM、YYYY-MM-DD 或 起..止</translation>
    </message>
    <message>
        <source>Statistical period: a billing cycle (month), a day, or a range of days.</source>
        <translation>统计周期：一个账期（月）、一天或一段日期。</translation>
    </message>
    <message>
        <source>&amp;Dimension:</source>
        <translation>统计维度(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;Period:</source>
        <translation>统计周期(&amp;P)：</translation>
    </message>
    <message>
        <source>Double-click a group to see its bill lines.</source>
        <translation>双击一组查看其账单明细。</translation>
    </message>
    <message>
        <source>{group} — {count} bill lines</source>
        <translation>{group} — {count} 条账单明细</translation>
    </message>
    <message>
        <source>Settled later and outstanding as of {moment} ({zone}).</source>
        <translation>后续结清与未结清金额截至 {moment}（{zone}）。</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>Provisional: these figures are final from {moment} ({zone}).</source>
        <translation>暂估：这些数字自 {moment}（{zone}）起为最终数据。</translation>
    </message>
</context>
<context>
    <name>chart</name>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <source>SVG image (*.svg)</source>
        <translation>SVG 图片 (*.svg)</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <source>Export chart…</source>
        <translation>导出图表…</translation>
    </message>
    <message>
        <source>Could not write {file}: {reason}</source>
        <translation>无法写入 {file}：{reason}</translation>
    </message>
    <message>
        <source>Could not export the chart to {file}: {reason}</source>
        <translation>无法将图表导出到 {file}：{reason}</translation>
    </message>
    <message>
        <source>Export chart</source>
        <translation>导出图表</translation>
    </message>
    <message>
        <source>Drawing chart…</source>
        <translation>正在绘制图表…</translation>
    </message>
    <message>
        <source>The chart could not be drawn: {reason}</source>
        <translation>无法绘制图表：{reason}</translation>
    </message>
</context>
<context>
    <name>charts</name>
    <message>
        <source>Overdue payments</source>
        <translation>欠费</translation>
    </message>
    <message>
        <source>Nothing is overdue: the service is active.</source>
        <translation>没有欠费：服务正常运行。</translation>
    </message>
    <message>
        <source>grace used</source>
        <translation>已用宽限期</translation>
    </message>
    <message>
        <source>suspended (O3)</source>
        <translation>已停服 (O3)</translation>
    </message>
    <message>
        <source>grace left (O2)</source>
        <translation>剩余宽限期 (O2)</translation>
    </message>
    <message>
        <source>overdue since
{moment}</source>
        <translation>欠费开始
{moment}</translation>
    </message>
    <message>
        <source>suspended since
{moment}</source>
        <translation>停服开始
{moment}</translation>
    </message>
    <message>
        <source>suspension
{moment}</source>
        <translation>停服
{moment}</translation>
    </message>
    <message>
        <source>now {moment}</source>
        <translation>现在 {moment}</translation>
    </message>
    <message>
        <source>suspended for {time}</source>
        <translation>已停服 {time}</translation>
    </message>
    <message>
        <source>{time} left</source>
        <translation>剩余 {time}</translation>
    </message>
    <message>
        <source>Overdue {amount}: service suspended: pay every overdue bill to resume (O4)</source>
        <translation>欠费 {amount}：服务已停止，结清全部欠费账单后恢复 (O4)</translation>
    </message>
    <message>
        <source>Overdue {amount}: service in its grace period</source>
        <translation>欠费 {amount}：服务处于宽限期</translation>
    </message>
    <message>
        <source>Suspended {days} × 24 h after the deduction time of the oldest bill then unpaid · times in {zone}</source>
        <translation>自当时最早未付账单的扣费时间起 {days} × 24 小时后停服 · 时间为 {zone}</translation>
    </message>
    <message>
        <source>Refunds and when the money arrives</source>
        <translation>退款及到账时间</translation>
    </message>
    <message>
        <source>quoted</source>
        <translation>已报价</translation>
    </message>
    <message>
        <source>submitted</source>
        <translation>已提交</translation>
    </message>
    <message>
        <source>processing</source>
        <translation>处理中</translation>
    </message>
    <message>
        <source>credited</source>
        <translation>已到账</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>newest {shown} of {count}</source>
        <translation>共 {count} 笔中最新的 {shown} 笔</translation>
    </message>
    <message>
        <source>{count} requests</source>
        <translation>{count} 笔申请</translation>
    </message>
    <message>
        <source>dot: requested · bar: expected arrival after the unsubscription (R8)</source>
        <translation>圆点：申请时间 · 条形：退订后预计到账 (R8)</translation>
    </message>
    <message>
        <source>requested</source>
        <translation>申请时间</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Spend by {dimension}</source>
        <translation>按{dimension}统计的消费</translation>
    </message>
    <message>
        <source>total {amount}</source>
        <translation>合计 {amount}</translation>
    </message>
    <message>
        <source>hatched: provisional, not final yet</source>
        <translation>斜线：暂估，尚未最终确定</translation>
    </message>
    <message>
        <source>Time ({zone})</source>
        <translation>时间（{zone}）</translation>
    </message>
    <message>
        <source>{days} d {time}</source>
        <translation>{days} 天 {time}</translation>
    </message>
    <message>
        <source>No data</source>
        <translation>无数据</translation>
    </message>
    <message>
        <source>Raw usage, for reference only: not for reconciliation</source>
        <translation>原始用量仅供参考，不可用于对账</translation>
    </message>
    <message>
        <source>{count} samples · times in {zone}</source>
        <translation>{count} 个采样 · 时间为 {zone}</translation>
    </message>
    <message>
        <source>min–max per {bucket}</source>
        <translation>每 {bucket} 最小–最大值</translation>
    </message>
    <message>
        <source>maximum</source>
        <translation>最大值</translation>
    </message>
    <message>
        <source>samples</source>
        <translation>采样</translation>
    </message>
    <message>
        <source>daily peak</source>
        <translation>日峰值</translation>
    </message>
    <message>
        <source>95th percentile of the month</source>
        <translation>月 95 峰值</translation>
    </message>
    <message>
        <source>all domains</source>
        <translation>全部域名</translation>
    </message>
</context>
<context>
    <name>columns</name>
    <message>
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <source>Product detail</source>
        <translation>产品明细</translation>
    </message>
    <message>
        <source>Billing item</source>
        <translation>计费项</translation>
    </message>
    <message>
        <source>Instance</source>
        <translation>实例</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>地域</translation>
    </message>
    <message>
        <source>Billing method</source>
        <translation>计费方式</translation>
    </message>
    <message>
        <source>Bill type</source>
        <translation>账单类型</translation>
    </message>
    <message>
        <source>Gross</source>
        <translation>原价</translation>
    </message>
    <message>
        <source>Pretax gross amount, at list price after resource-plan deductions.</source>
        <translation>税前原价：资源包抵扣后的目录价金额。</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>优惠</translation>
    </message>
    <message>
        <source>Invoice discount.</source>
        <translation>优惠金额。</translation>
    </message>
    <message>
        <source>Coupons</source>
        <translation>优惠券</translation>
    </message>
    <message>
        <source>Coupon deduction.</source>
        <translation>优惠券抵扣。</translation>
    </message>
    <message>
        <source>Payable</source>
        <translation>应付</translation>
    </message>
    <message>
        <source>Gross − discount − coupons (− round-down discount).</source>
        <translation>原价 − 优惠 − 优惠券（− 抹零）。</translation>
    </message>
    <message>
        <source>Cash</source>
        <translation>现金</translation>
    </message>
    <message>
        <source>Paid from the cash balance or by card.</source>
        <translation>从现金余额或银行卡支付。</translation>
    </message>
    <message>
        <source>Vouchers</source>
        <translation>代金券</translation>
    </message>
    <message>
        <source>Paid with vouchers (cash coupons).</source>
        <translation>代金券抵扣。</translation>
    </message>
    <message>
        <source>Prepaid card</source>
        <translation>储值卡</translation>
    </message>
    <message>
        <source>Paid with prepaid cards.</source>
        <translation>储值卡支付。</translation>
    </message>
    <message>
        <source>Settled later</source>
        <translation>后续结清</translation>
    </message>
    <message>
        <source>Owed at deduction and paid since, by a recorded payment or as a newer export shows.</source>
        <translation>扣费时欠费、其后已结清的金额：来自已记录的付款，或较新的导出文件所示。</translation>
    </message>
    <message>
        <source>Outstanding</source>
        <translation>未结清</translation>
    </message>
    <message>
        <source>Still owed as of the moment shown: payable − cash − vouchers − card − settled later.</source>
        <translation>截至所示时刻仍欠的金额：应付 − 现金 − 代金券 − 储值卡 − 后续结清。</translation>
    </message>
    <message>
        <source>Whether the export adds up: gross − discounts = payable = cash + vouchers + card + outstanding.</source>
        <translation>导出的金额是否对得上：原价 − 优惠 = 应付 = 现金 + 代金券 + 储值卡 + 未结清。</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Bill</source>
        <translation>账单</translation>
    </message>
    <message>
        <source>Domain</source>
        <translation>域名</translation>
    </message>
    <message>
        <source>Usage</source>
        <translation>用量</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Adds up</source>
        <translation>金额一致</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Related order</source>
        <translation>关联订单</translation>
    </message>
    <message>
        <source>For a refund: the order it refunded.</source>
        <translation>退款订单：被退款的原订单。</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Pretax gross amount, at list price.</source>
        <translation>税前原价，按目录价。</translation>
    </message>
    <message>
        <source>Gross − coupons.</source>
        <translation>原价 − 优惠券。</translation>
    </message>
    <message>
        <source>Paid from the balance, by card, PayPal or transfer: the only refundable part (R1).</source>
        <translation>从余额、银行卡、PayPal 或转账支付：唯一可退的部分 (R1)。</translation>
    </message>
    <message>
        <source>Paid with vouchers: never refunded (R1).</source>
        <translation>代金券支付：不退 (R1)。</translation>
    </message>
    <message>
        <source>Coupon deduction: never refunded (R1).</source>
        <translation>优惠券抵扣：不退 (R1)。</translation>
    </message>
    <message>
        <source>Paid with prepaid cards: never refunded.</source>
        <translation>储值卡支付：不退。</translation>
    </message>
    <message>
        <source>Paid with</source>
        <translation>支付方式</translation>
    </message>
    <message>
        <source>Promotion</source>
        <translation>促销活动</translation>
    </message>
    <message>
        <source>Requested</source>
        <translation>申请时间</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Refundable</source>
        <translation>可退金额</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <source>Destination</source>
        <translation>退回至</translation>
    </message>
    <message>
        <source>Cash and prepaid card paid − value already consumed, never below zero (R1, R7).</source>
        <translation>现金与储值卡实付金额 − 已使用部分的价值，最低为零（R1、R7）。</translation>
    </message>
    <message>
        <source>Where the cash part goes: the original payment method within its days, else the balance (R9).</source>
        <translation>现金部分的去向：在期限内原路返回，否则退至账户余额（R9）。</translation>
    </message>
    <message>
        <source>Arrives from</source>
        <translation>最早到账</translation>
    </message>
    <message>
        <source>2nd business day after the unsubscription (R8).</source>
        <translation>退订后第 2 个工作日 (R8)。</translation>
    </message>
    <message>
        <source>Arrives by</source>
        <translation>最晚到账</translation>
    </message>
    <message>
        <source>3rd business day after the unsubscription (R8).</source>
        <translation>退订后第 3 个工作日 (R8)。</translation>
    </message>
    <message>
        <source>Credited</source>
        <translation>到账时间</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>End</source>
        <translation>结束</translation>
    </message>
    <message>
        <source>The sample as reported, before billing rules (tiers, rounding, plans).</source>
        <translation>上报的原始采样值，未经计费规则（阶梯、取整、资源包）处理。</translation>
    </message>
</context>
<context>
    <name>credentials</name>
    <message>
        <source>the system keyring</source>
        <translation>系统密钥环</translation>
    </message>
    <message>
        <source>the {name} is empty or has spaces in it</source>
        <translation>{name} 为空或含有空格</translation>
    </message>
    <message>
        <source>no usable system keyring ({keyring}): the AccessKey secret was NOT stored. Install or unlock a keyring service (Windows Credential Manager, macOS Keychain, GNOME Keyring/KWallet through Secret Service) and try again</source>
        <translation>没有可用的系统密钥环（{keyring}）：AccessKey Secret 未保存。请安装或解锁密钥环服务（Windows 凭据管理器、macOS 钥匙串，或通过 Secret Service 使用 GNOME Keyring/KWallet）后重试</translation>
    </message>
    <message>
        <source>not an account UID: {uid}</source>
        <translation>不是账号 UID：{uid}</translation>
    </message>
    <message>
        <source>the keyring ({keyring}) refused the AccessKey: {reason}; the secret was NOT stored</source>
        <translation>密钥环（{keyring}）拒绝了 AccessKey：{reason}；Secret 未保存</translation>
    </message>
    <message>
        <source>the keyring ({keyring}) did not keep the AccessKey; the secret was NOT stored</source>
        <translation>密钥环（{keyring}）没有保存 AccessKey；Secret 未保存</translation>
    </message>
    <message>
        <source>cannot read the keyring ({keyring}): {reason}</source>
        <translation>无法读取密钥环（{keyring}）：{reason}</translation>
    </message>
    <message>
        <source>no AccessKey for account {uid} in the keyring; store one with `python -m desktop credentials set --account {uid}` (it reads the ID and secret from stdin)</source>
        <translation>密钥环中没有账号 {uid} 的 AccessKey；请用 `python -m desktop credentials set --account {uid}` 保存一个（它从标准输入读取 ID 和 Secret）</translation>
    </message>
    <message>
        <source>the keyring entry {entry} was not written by this app; store the AccessKey again</source>
        <translation>密钥环条目 {entry} 不是本应用写入的；请重新保存 AccessKey</translation>
    </message>
    <message>
        <source>the environment variables ALIBABA_CLOUD_ACCESS_KEY_ID/_SECRET</source>
        <translation>环境变量 ALIBABA_CLOUD_ACCESS_KEY_ID/_SECRET</translation>
    </message>
    <message>
        <source>the credentials file ~/.alibabacloud/credentials</source>
        <translation>凭据文件 ~/.alibabacloud/credentials</translation>
    </message>
    <message>
        <source>the Alibaba Cloud CLI&apos;s profile</source>
        <translation>阿里云 CLI 的配置</translation>
    </message>
    <message>
        <source>the ECS instance&apos;s RAM role</source>
        <translation>ECS 实例的 RAM 角色</translation>
    </message>
    <message>
        <source>the OIDC role of the environment</source>
        <translation>环境中的 OIDC 角色</translation>
    </message>
    <message>
        <source>the credentials URI of the environment</source>
        <translation>环境中的凭据 URI</translation>
    </message>
    <message>
        <source>{reason}; nor did Alibaba Cloud&apos;s default credential chain find one (environment variables, ~/.alibabacloud/credentials, an ECS RAM role)</source>
        <translation>{reason}；阿里云默认凭据链（环境变量、~/.alibabacloud/credentials、ECS RAM 角色）也未找到</translation>
    </message>
    <message>
        <source>cannot remove the AccessKey from the keyring ({keyring}): {reason}</source>
        <translation>无法从密钥环（{keyring}）中删除 AccessKey：{reason}</translation>
    </message>
</context>
<context>
    <name>import</name>
    <message>
        <source>the line has neither a payment time nor a usage end time</source>
        <translation>该行既没有支付时间也没有账单结束时间</translation>
    </message>
    <message>
        <source>the line has {cells} cells; the header names {columns} columns</source>
        <translation>该行有 {cells} 个单元格；表头列出 {columns} 列</translation>
    </message>
    <message>
        <source>a line is shorter than the header</source>
        <translation>有一行比表头短</translation>
    </message>
    <message>
        <source>column {column}: {text} is not a month (YYYY-MM)</source>
        <translation>列 {column}：{text} 不是月份（YYYY-MM）</translation>
    </message>
    <message>
        <source>{where}: {what}</source>
        <translation>{where}：{what}</translation>
    </message>
    <message>
        <source>account {uid}, but this store follows account {followed}</source>
        <translation>账号 {uid}，但此数据存储跟踪的是账号 {followed}</translation>
    </message>
    <message>
        <source>missing required columns: {columns}</source>
        <translation>缺少必需的列：{columns}</translation>
    </message>
    <message>
        <source>the store holds no account yet: import a Billing Details export first, or give --account UID</source>
        <translation>数据存储中还没有账号：请先导入账单明细导出文件，或指定 --account UID</translation>
    </message>
    <message>
        <source>cannot tell what this file holds from its header; give --kind (see the README&apos;s formats)</source>
        <translation>无法从表头判断此文件的内容；请指定 --kind（格式见 README）</translation>
    </message>
    <message>
        <source>the store could not be written ({reason}); nothing of this file was stored</source>
        <translation>无法写入数据存储（{reason}）；此文件的内容均未保存</translation>
    </message>
    <message>
        <source>the file has a header but no lines</source>
        <translation>文件只有表头，没有数据行</translation>
    </message>
    <message>
        <source>the line has {cells} cells but the header has {width} (an unquoted comma in a value?)</source>
        <translation>该行有 {cells} 个单元格，但表头只有 {width} 个（某个值中有未加引号的逗号？）</translation>
    </message>
    <message>
        <source>this line repeats an earlier line of the file</source>
        <translation>该行与文件中前面的某一行重复</translation>
    </message>
    <message>
        <source>column {column}: {text} is not one of {allowed}</source>
        <translation>列 {column}：{text} 不是 {allowed} 之一</translation>
    </message>
    <message>
        <source>the line has {cells} cells; column {column} is missing</source>
        <translation>该行有 {cells} 个单元格；缺少列 {column}</translation>
    </message>
    <message>
        <source>column &apos;PromotionTerms&apos;: {text} is not standard, no-refund or full-refund-until:YYYY-MM-DD</source>
        <translation>列 &apos;PromotionTerms&apos;：{text} 不是 standard、no-refund 或 full-refund-until:YYYY-MM-DD</translation>
    </message>
    <message>
        <source>column &apos;Gifts&apos;: {problem} (expected voucher:AMOUNT or extension:Nd, ;-separated)</source>
        <translation>列 &apos;Gifts&apos;：{problem}（应为 voucher:金额 或 extension:N天，用 ; 分隔）</translation>
    </message>
    <message>
        <source>EndTime must be after StartTime</source>
        <translation>EndTime 必须晚于 StartTime</translation>
    </message>
    <message>
        <source>the process reading the file stopped unexpectedly (exit code {code})</source>
        <translation>读取文件的进程意外停止（退出码 {code}）</translation>
    </message>
    <message>
        <source>the process reading the file failed: {reason}</source>
        <translation>读取文件的进程出错：{reason}</translation>
    </message>
    <message>
        <source>the file is empty</source>
        <translation>文件为空</translation>
    </message>
    <message>
        <source>this is not a text file (it contains NUL bytes)</source>
        <translation>这不是文本文件（其中含有 NUL 字节）</translation>
    </message>
    <message>
        <source>the text is neither UTF-8 nor GB18030</source>
        <translation>文本既不是 UTF-8 也不是 GB18030 编码</translation>
    </message>
    <message>
        <source>cannot open the file: {reason}</source>
        <translation>无法打开文件：{reason}</translation>
    </message>
    <message>
        <source>the text stops being {encoding} here</source>
        <translation>文本从此处起不再是 {encoding} 编码</translation>
    </message>
    <message>
        <source>malformed CSV: {reason}</source>
        <translation>CSV 格式错误：{reason}</translation>
    </message>
    <message>
        <source>it has non-ASCII characters (full-width digits or a currency sign?)</source>
        <translation>其中有非 ASCII 字符（全角数字或货币符号？）</translation>
    </message>
    <message>
        <source>accounting negatives in parentheses are ambiguous; write -12.50</source>
        <translation>会计括号负数有歧义；请写作 -12.50</translation>
    </message>
    <message>
        <source>it has a comma (thousands separator or decimal comma?)</source>
        <translation>其中有逗号（千位分隔符还是小数逗号？）</translation>
    </message>
    <message>
        <source>exponent notation is not accepted</source>
        <translation>不接受科学计数法</translation>
    </message>
    <message>
        <source>a leading + is not accepted</source>
        <translation>不接受开头的 +</translation>
    </message>
    <message>
        <source>expected a plain decimal such as 1234.56 or -0.5</source>
        <translation>应为普通小数，例如 1234.56 或 -0.5</translation>
    </message>
    <message>
        <source>column {column} is empty; an amount is required</source>
        <translation>列 {column} 为空；需要一个金额</translation>
    </message>
    <message>
        <source>column {column}: {text} is not an exact amount: {why}</source>
        <translation>列 {column}：{text} 不是精确金额：{why}</translation>
    </message>
    <message>
        <source>column {column}: {text} has more than {places} decimal places</source>
        <translation>列 {column}：{text} 的小数位超过 {places} 位</translation>
    </message>
    <message>
        <source>column {column}: {text} is beyond what one bill line can hold ({limit})</source>
        <translation>列 {column}：{text} 超出一条账单明细能容纳的范围（{limit}）</translation>
    </message>
    <message>
        <source>column {column}: {text} is not a date and time (YYYY-MM-DD HH:MM:SS)</source>
        <translation>列 {column}：{text} 不是日期时间（YYYY-MM-DD HH:MM:SS）</translation>
    </message>
    <message>
        <source>column {column} is empty; a date and time is required</source>
        <translation>列 {column} 为空；需要一个日期时间</translation>
    </message>
    <message>
        <source>column {column}: {text} is not a day (YYYY-MM-DD)</source>
        <translation>列 {column}：{text} 不是日期（YYYY-MM-DD）</translation>
    </message>
    <message>
        <source>column {column}: {text} is not true or false</source>
        <translation>列 {column}：{text} 不是“是”或“否”</translation>
    </message>
    <message>
        <source>column {column} is empty</source>
        <translation>列 {column} 为空</translation>
    </message>
</context>
<context>
    <name>jobs</name>
    <message>
        <source>Unexpected error:</source>
        <translation>意外错误：</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Cannot open the store</source>
        <translation>无法打开数据存储</translation>
    </message>
    <message>
        <source>Unexpected error</source>
        <translation>意外错误</translation>
    </message>
    <message>
        <source>Something went wrong and was not finished:</source>
        <translation>出现问题，操作未完成：</translation>
    </message>
    <message>
        <source>Your data is safe: every change is written whole or not at all.</source>
        <translation>您的数据是安全的：每次修改要么完整写入，要么完全不写入。</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>概览</translation>
    </message>
    <message>
        <source>Billing details</source>
        <translation>账单明细</translation>
    </message>
    <message>
        <source>Usage</source>
        <translation>用量</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Refunds</source>
        <translation>退款</translation>
    </message>
    <message>
        <source>ApsaraVideo Live Account Manager</source>
        <translation>视频直播账户管理</translation>
    </message>
    <message>
        <source>Opening the store…</source>
        <translation>正在打开数据存储…</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>导入(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Export table…</source>
        <translation>导出表格(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>S&amp;ync with Alibaba Cloud…</source>
        <translation>与阿里云同步(&amp;Y)…</translation>
    </message>
    <message>
        <source>Fetch balance, bills, orders and resource plans through the BSS OpenAPI.</source>
        <translation>通过 BSS OpenAPI 获取余额、账单、订单和资源包。</translation>
    </message>
    <message>
        <source>&amp;Back up…</source>
        <translation>备份(&amp;B)…</translation>
    </message>
    <message>
        <source>&amp;Restore…</source>
        <translation>恢复(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Open &amp;log folder</source>
        <translation>打开日志文件夹(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>关于(&amp;A)</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>关于 Qt(&amp;Q)</translation>
    </message>
    <message>
        <source>Log folder</source>
        <translation>日志文件夹</translation>
    </message>
    <message>
        <source>The log files are in {folder}</source>
        <translation>日志文件位于 {folder}</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>The language changes when the application is next started.</source>
        <translation>语言将在下次启动应用时切换。</translation>
    </message>
    <message>
        <source>Refund request for order {order} recorded: see the Refunds tab</source>
        <translation>订单 {order} 的退款申请已记录：请查看“退款”页</translation>
    </message>
    <message>
        <source>Reloaded</source>
        <translation>已刷新</translation>
    </message>
    <message>
        <source>Export table</source>
        <translation>导出表格</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Syncing with Alibaba Cloud, with the AccessKey from {source}…</source>
        <translation>正在与阿里云同步，使用来自{source}的 AccessKey…</translation>
    </message>
    <message>
        <source>Could not write {file}: {reason}</source>
        <translation>无法写入 {file}：{reason}</translation>
    </message>
    <message>
        <source>Exported {count} rows to {file}</source>
        <translation>已导出 {count} 行到 {file}</translation>
    </message>
    <message>
        <source>Export usage</source>
        <translation>导出用量</translation>
    </message>
    <message>
        <source>Exported {count} samples to {file}</source>
        <translation>已导出 {count} 个采样到 {file}</translation>
    </message>
    <message>
        <source>Import files</source>
        <translation>导入文件</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Imported: {summary}</source>
        <translation>已导入：{summary}</translation>
    </message>
    <message>
        <source>Nothing of this file was imported:</source>
        <translation>此文件未导入任何内容：</translation>
    </message>
    <message>
        <source>Import cancelled: the file being read was not imported</source>
        <translation>导入已取消：正在读取的文件未导入</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <source>AccessKey</source>
        <translation>AccessKey</translation>
    </message>
    <message>
        <source>AccessKey ID of a read-only RAM user of account {account}:</source>
        <translation>账号 {account} 的只读 RAM 用户的 AccessKey ID：</translation>
    </message>
    <message>
        <source>AccessKey secret (kept in the system keyring only):</source>
        <translation>AccessKey Secret（仅保存在系统密钥环中）：</translation>
    </message>
    <message>
        <source>Synced: {summary}</source>
        <translation>已同步：{summary}</translation>
    </message>
    <message>
        <source>Nothing was stored:</source>
        <translation>未保存任何内容：</translation>
    </message>
    <message>
        <source>Sync cancelled: nothing was stored</source>
        <translation>同步已取消：未保存任何内容</translation>
    </message>
    <message>
        <source>Back up the store</source>
        <translation>备份数据存储</translation>
    </message>
    <message>
        <source>SQLite stores (*.sqlite3)</source>
        <translation>SQLite 数据存储 (*.sqlite3)</translation>
    </message>
    <message>
        <source>Store backed up to {file}</source>
        <translation>数据存储已备份到 {file}</translation>
    </message>
    <message>
        <source>Back up</source>
        <translation>备份</translation>
    </message>
    <message>
        <source>Restore the store</source>
        <translation>恢复数据存储</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Replace the current store with {file}?</source>
        <translation>用 {file} 替换当前数据存储？</translation>
    </message>
    <message>
        <source>The backup is checked first; the current store is kept aside beside it.</source>
        <translation>会先检查备份；当前数据存储会另行保留在旁边。</translation>
    </message>
    <message>
        <source>Nothing was replaced: {reason}</source>
        <translation>未替换任何内容：{reason}</translation>
    </message>
    <message>
        <source>Store restored from {file}</source>
        <translation>已从 {file} 恢复数据存储</translation>
    </message>
    <message>
        <source>the replaced store is kept as {file}</source>
        <translation>被替换的数据存储保留为 {file}</translation>
    </message>
    <message>
        <source>About {application}</source>
        <translation>关于{application}</translation>
    </message>
    <message>
        <source>Balance, overdue status, billing details, usage, orders and refunds of an Alibaba Cloud ApsaraVideo Live account.</source>
        <translation>阿里云视频直播账户的余额、欠费状态、账单明细、用量、订单和退款。</translation>
    </message>
</context>
<context>
    <name>orders</name>
    <message>
        <source>Request &amp;refund…</source>
        <translation>申请退款(&amp;R)…</translation>
    </message>
    <message>
        <source>See what this order would give back, and why, before asking for it.</source>
        <translation>申请前先查看此订单可退多少及原因。</translation>
    </message>
    <message>
        <source>Select an order to see how it was paid.</source>
        <translation>选择一个订单，查看其支付方式。</translation>
    </message>
    <message>
        <source>A refund order cannot itself be refunded.</source>
        <translation>退款订单本身不能再退款。</translation>
    </message>
    <message>
        <source>Only a paid order can be refunded; this one is {status} (R12).</source>
        <translation>只有已支付的订单才能退款；此订单的状态为 {status}（R12）。</translation>
    </message>
    <message>
        <source>This order was already refunded (R12).</source>
        <translation>此订单已经退款（R12）。</translation>
    </message>
    <message>
        <source>A refund of this order was already asked for ({state}): see the Refunds tab.</source>
        <translation>此订单已申请过退款（{state}）：请查看“退款”标签页。</translation>
    </message>
    <message>
        <source>the standard refund rules apply</source>
        <translation>适用标准退款规则</translation>
    </message>
    <message>
        <source>no refund (the event&apos;s terms, R2)</source>
        <translation>不可退款（活动条款，R2）</translation>
    </message>
    <message>
        <source>a full refund until {day} (the event&apos;s terms, R2)</source>
        <translation>{day} 前可全额退款（活动条款，R2）</translation>
    </message>
    <message>
        <source>(no longer valid: refunds go to the balance)</source>
        <translation>（已失效：退款退至余额）</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>支付时间</translation>
    </message>
    <message>
        <source>Bought</source>
        <translation>购买内容</translation>
    </message>
    <message>
        <source>Gross (list price)</source>
        <translation>原价（目录价）</translation>
    </message>
    <message>
        <source>Coupons</source>
        <translation>优惠券</translation>
    </message>
    <message>
        <source>Payable</source>
        <translation>应付</translation>
    </message>
    <message>
        <source>Cash</source>
        <translation>现金</translation>
    </message>
    <message>
        <source>{amount} by {method}</source>
        <translation>{amount}，通过 {method}</translation>
    </message>
    <message>
        <source>Vouchers</source>
        <translation>代金券</translation>
    </message>
    <message>
        <source>Prepaid card</source>
        <translation>储值卡</translation>
    </message>
    <message>
        <source>Refund of order</source>
        <translation>退款原订单</translation>
    </message>
    <message>
        <source>, activated {day}</source>
        <translation>，激活于 {day}</translation>
    </message>
    <message>
        <source>License</source>
        <translation>License</translation>
    </message>
    <message>
        <source>{remaining} of {total} {unit}, until {day}</source>
        <translation>剩余 {remaining} / {total} {unit}，有效期至 {day}</translation>
    </message>
    <message>
        <source>Plan left</source>
        <translation>资源包剩余</translation>
    </message>
    <message>
        <source>Tied to license</source>
        <translation>关联 License</translation>
    </message>
    <message>
        <source>Promotion</source>
        <translation>促销活动</translation>
    </message>
    <message>
        <source>voucher {amount}</source>
        <translation>代金券 {amount}</translation>
    </message>
    <message>
        <source>{days} extra days</source>
        <translation>额外 {days} 天</translation>
    </message>
    <message>
        <source>Gifts (void if refunded)</source>
        <translation>赠品（退款后失效）</translation>
    </message>
</context>
<context>
    <name>overview</name>
    <message>
        <source>{days} d {hours}:{minutes}:{seconds}</source>
        <translation>{days} 天 {hours}:{minutes}:{seconds}</translation>
    </message>
    <message>
        <source>Service active: nothing overdue.</source>
        <translation>服务正常：没有欠费。</translation>
    </message>
    <message>
        <source>Overdue: the service keeps running until the suspension moment.</source>
        <translation>已欠费：服务继续运行，直到停服时刻。</translation>
    </message>
    <message>
        <source>Suspended for overdue bills: pay every overdue bill to resume (data is kept).</source>
        <translation>因欠费已停服：结清全部欠费账单后恢复（数据保留）。</translation>
    </message>
    <message>
        <source>Record &amp;payment…</source>
        <translation>记录付款(&amp;P)…</translation>
    </message>
    <message>
        <source>Record money paid towards overdue bills; the oldest bills are settled first.</source>
        <translation>记录用于偿还欠费账单的付款；先结清最早的账单。</translation>
    </message>
    <message>
        <source>Pa&amp;yments…</source>
        <translation>付款记录(&amp;Y)…</translation>
    </message>
    <message>
        <source>Payments recorded here; undo one that was wrong.</source>
        <translation>在此记录的付款；可撤销记错的一笔。</translation>
    </message>
    <message>
        <source>&amp;Buy resource plan…</source>
        <translation>购买资源包(&amp;B)…</translation>
    </message>
    <message>
        <source>Resource plans cannot be bought while any bill is overdue (O5).</source>
        <translation>存在欠费账单时不能购买资源包 (O5)。</translation>
    </message>
    <message>
        <source>{label}:</source>
        <translation>{label}：</translation>
    </message>
    <message>
        <source>Record payment</source>
        <translation>记录付款</translation>
    </message>
    <message>
        <source>bank or console reference (optional)</source>
        <translation>银行或控制台的流水号（可选）</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>可选</translation>
    </message>
    <message>
        <source>&amp;Amount ({currency}):</source>
        <translation>金额（{currency}）(&amp;A)：</translation>
    </message>
    <message>
        <source>&amp;Paid at ({zone}):</source>
        <translation>付款时间（{zone}）(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Reference:</source>
        <translation>流水号(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>备注(&amp;N)：</translation>
    </message>
    <message>
        <source>The oldest overdue bills are settled first.</source>
        <translation>付款先结清最早的欠费账单。</translation>
    </message>
    <message>
        <source>Recording…</source>
        <translation>正在记录…</translation>
    </message>
    <message>
        <source>Payments</source>
        <translation>付款记录</translation>
    </message>
    <message>
        <source>Paid at</source>
        <translation>付款时间</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>流水号</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Undone at</source>
        <translation>撤销时间</translation>
    </message>
    <message>
        <source>&amp;Undo payment</source>
        <translation>撤销付款(&amp;U)</translation>
    </message>
    <message>
        <source>Records a reversing entry; the payment stays in the list.</source>
        <translation>记录一笔冲销条目；原付款仍保留在列表中。</translation>
    </message>
    <message>
        <source>The payment was not recorded: {reason}</source>
        <translation>付款未记录：{reason}</translation>
    </message>
    <message>
        <source>Buy resource plan</source>
        <translation>购买资源包</translation>
    </message>
    <message>
        <source>Suspension in {time}</source>
        <translation>距停服还有 {time}</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>Overdue, in the grace period (service running)</source>
        <translation>欠费，处于宽限期（服务运行中）</translation>
    </message>
    <message>
        <source>Suspended (data kept)</source>
        <translation>已停服（数据保留）</translation>
    </message>
    <message>
        <source>Type the amount as a number, such as {example}.</source>
        <translation>请输入数字金额，例如 {example}。</translation>
    </message>
    <message>
        <source>A payment is a positive amount.</source>
        <translation>付款金额必须为正数。</translation>
    </message>
    <message>
        <source>A payment cannot be made in the future.</source>
        <translation>付款时间不能晚于现在。</translation>
    </message>
    <message>
        <source>The account is not loaded yet.</source>
        <translation>账户尚未加载。</translation>
    </message>
    <message>
        <source>Nothing is overdue: resource plans can be bought in the Alibaba Cloud console. The new plan appears here after the next import or sync.</source>
        <translation>没有欠费：可以在阿里云控制台购买资源包。新资源包会在下次导入或同步后显示在这里。</translation>
    </message>
    <message>
        <source>Pay the overdue {currency} {amount} first.</source>
        <translation>请先支付欠费 {currency} {amount}。</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>账户</translation>
    </message>
    <message>
        <source>The Alibaba Cloud account this store follows.</source>
        <translation>此数据存储跟踪的阿里云账户。</translation>
    </message>
    <message>
        <source>Balance</source>
        <translation>余额</translation>
    </message>
    <message>
        <source>Cash balance as last reported by the account (QueryAccountBalance).</source>
        <translation>账户最近一次报告的现金余额（QueryAccountBalance）。</translation>
    </message>
    <message>
        <source>Balance reported ({zone})</source>
        <translation>余额读取时间（{zone}）</translation>
    </message>
    <message>
        <source>When the balance was last read from Alibaba Cloud.</source>
        <translation>最近一次从阿里云读取余额的时间。</translation>
    </message>
    <message>
        <source>Service state</source>
        <translation>服务状态</translation>
    </message>
    <message>
        <source>O1–O3: active, in its {days}-day grace period, or suspended.</source>
        <translation>O1–O3：正常、处于 {days} 天宽限期或已停服。</translation>
    </message>
    <message>
        <source>Overdue amount</source>
        <translation>欠费金额</translation>
    </message>
    <message>
        <source>Sum of the outstanding amounts of bills already deducted.</source>
        <translation>已扣费账单的未结清金额之和。</translation>
    </message>
    <message>
        <source>Overdue since ({zone})</source>
        <translation>欠费开始（{zone}）</translation>
    </message>
    <message>
        <source>Deduction time of the oldest unpaid bill (O1).</source>
        <translation>最早一笔未付账单的扣费时间 (O1)。</translation>
    </message>
    <message>
        <source>Suspended since ({zone})</source>
        <translation>已停服，起始于（{zone}）</translation>
    </message>
    <message>
        <source>Suspension stays until every overdue bill is paid, even bills younger than it (O4).</source>
        <translation>在结清全部欠费账单之前保持停服，即使未付账单晚于停服时间（O4）。</translation>
    </message>
    <message>
        <source>Suspends at ({zone})</source>
        <translation>停服时间（{zone}）</translation>
    </message>
    <message>
        <source>Overdue since + {days} × 24 hours (O2, O3).</source>
        <translation>欠费开始 + {days} × 24 小时 (O2, O3)。</translation>
    </message>
    <message>
        <source>Resource plans can be bought</source>
        <translation>可购买资源包</translation>
    </message>
    <message>
        <source>Month-to-date spend</source>
        <translation>本月至今消费</translation>
    </message>
    <message>
        <source>Sum of the payable amounts of this billing cycle.</source>
        <translation>本账期应付金额之和。</translation>
    </message>
    <message>
        <source>Resource plans left</source>
        <translation>剩余资源包</translation>
    </message>
    <message>
        <source>Plans in their validity with something remaining.</source>
        <translation>在有效期内且仍有剩余的资源包。</translation>
    </message>
    <message>
        <source>Refunds in flight</source>
        <translation>在途退款</translation>
    </message>
    <message>
        <source>{count} submitted or processing.</source>
        <translation>{count} 笔已提交或处理中。</translation>
    </message>
</context>
<context>
    <name>refunds</name>
    <message>
        <source>Mark &amp;credited</source>
        <translation>标记为已到账(&amp;C)</translation>
    </message>
    <message>
        <source>The refund has arrived at its destination.</source>
        <translation>退款已到达退回账户。</translation>
    </message>
    <message>
        <source>Open &amp;quote…</source>
        <translation>打开报价(&amp;Q)…</translation>
    </message>
    <message>
        <source>I understand that unsubscribing is irreversible: the resource is released and cannot be restored (R10).</source>
        <translation>我了解退订不可撤销：资源将被释放且无法恢复 (R10)。</translation>
    </message>
    <message>
        <source>Refund request — order {order}</source>
        <translation>退款申请 — 订单 {order}</translation>
    </message>
    <message>
        <source>Rules that decided</source>
        <translation>适用的规则</translation>
    </message>
    <message>
        <source>Amounts</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Where and when</source>
        <translation>退回方式和时间</translation>
    </message>
    <message>
        <source>Not checked, and worth knowing</source>
        <translation>未核实的规则与提示</translation>
    </message>
    <message>
        <source>&amp;Submit refund request</source>
        <translation>提交退款申请(&amp;S)</translation>
    </message>
    <message>
        <source>Quote of order {order}, as it was when the refund was requested ({moment})</source>
        <translation>订单 {order} 申请退款时的报价（{moment}）</translation>
    </message>
    <message>
        <source>Cash and prepaid card paid − value already consumed, never below zero (R1, R7).</source>
        <translation>现金与储值卡实付金额 − 已使用部分的价值，最低为零（R1、R7）。</translation>
    </message>
    <message>
        <source>Refundable:</source>
        <translation>可退金额：</translation>
    </message>
    <message>
        <source>Not refunded: {reason}</source>
        <translation>不退：{reason}</translation>
    </message>
    <message>
        <source>{name}:</source>
        <translation>{name}：</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Gifts voided:</source>
        <translation>失效的赠品：</translation>
    </message>
    <message>
        <source>Destination:</source>
        <translation>退回至：</translation>
    </message>
    <message>
        <source>Expected:</source>
        <translation>预计到账：</translation>
    </message>
    <message>
        <source>Vouchers (cash coupons)</source>
        <translation>代金券</translation>
    </message>
    <message>
        <source>Coupons</source>
        <translation>优惠券</translation>
    </message>
    <message>
        <source>Prepaid card</source>
        <translation>储值卡</translation>
    </message>
    <message>
        <source>Value already consumed</source>
        <translation>已消耗价值</translation>
    </message>
    <message>
        <source>Not refundable</source>
        <translation>不可退</translation>
    </message>
    <message>
        <source>the credit card</source>
        <translation>信用卡</translation>
    </message>
    <message>
        <source>the debit card</source>
        <translation>借记卡</translation>
    </message>
    <message>
        <source>PayPal</source>
        <translation>PayPal</translation>
    </message>
    <message>
        <source>the bank account</source>
        <translation>银行账户</translation>
    </message>
    <message>
        <source>To the Alibaba Cloud account balance</source>
        <translation>退至阿里云账户余额</translation>
    </message>
    <message>
        <source>Back to the prepaid card</source>
        <translation>退回储值卡</translation>
    </message>
    <message>
        <source>Back to the original payment method: {method}</source>
        <translation>原路退回：{method}</translation>
    </message>
    <message>
        <source>Can be refunded: {currency} {amount}</source>
        <translation>可退款：{currency} {amount}</translation>
    </message>
    <message>
        <source>Between {earliest} and {latest} ({first}–{last} business days, R8)</source>
        <translation>{earliest} 至 {latest} 之间（{first}–{last} 个工作日，R8）</translation>
    </message>
    <message>
        <source>Cannot be refunded</source>
        <translation>不可退款</translation>
    </message>
    <message>
        <source>Voucher of {currency} {amount}</source>
        <translation>{currency} {amount} 代金券</translation>
    </message>
    <message>
        <source>{days} extra days</source>
        <translation>额外 {days} 天</translation>
    </message>
    <message>
        <source>Confirm that the unsubscription is irreversible before submitting (R10).</source>
        <translation>提交前请确认您了解退订不可撤销 (R10)。</translation>
    </message>
    <message>
        <source>The request was not stored: {reason}</source>
        <translation>申请未保存：{reason}</translation>
    </message>
    <message>
        <source>Not submitted: {reason}</source>
        <translation>未提交：{reason}</translation>
    </message>
    <message>
        <source>Not submitted: this order already has a refund request.</source>
        <translation>未提交：此订单已有退款申请。</translation>
    </message>
    <message>
        <source>Not submitted: the quote changed since it was shown. Review the new one and confirm again.</source>
        <translation>未提交：报价在显示后已变化。请查看新的报价并再次确认。</translation>
    </message>
    <message>
        <source>Whether this year&apos;s {days}-day no-reason refund of this cloud service was already used is not in the store; check it in the console before counting on a full refund.</source>
        <translation>本地数据无法判断本产品今年的 {days} 天无理由全额退款是否已经使用；在指望全额退款之前，请在控制台中确认。</translation>
    </message>
    <message>
        <source>The store holds a refund this year of an order of the same cloud service bought at most {days} days before it was refunded: this year&apos;s no-reason refund was probably used.</source>
        <translation>本地数据中有同一云产品今年的一笔退款，其订单在退款前最多 {days} 天内购买：今年的无理由退款很可能已经使用。</translation>
    </message>
    <message>
        <source>The arrival window falls in {year}, whose public holidays and working weekends are not published in the calendar yet: the dates may move.</source>
        <translation>到账时间落在 {year} 年，日历中尚未公布该年的节假日和调休工作日：日期可能会变动。</translation>
    </message>
    <message>
        <source>The plan expired on {day}: an expired plan refunds nothing.</source>
        <translation>资源包已于 {day} 过期：过期的资源包不予退款。</translation>
    </message>
    <message>
        <source>The unused full-refund window of this plan (bought on {opens}) closed on {closes}.</source>
        <translation>此资源包（购于 {opens}）的未使用全额退款期限已于 {closes} 结束。</translation>
    </message>
    <message>
        <source>The license this plan is tied to was activated: the plan counts as used.</source>
        <translation>与此资源包关联的 License 已激活：资源包视为已使用。</translation>
    </message>
    <message>
        <source>The plan is unused: refunded in full within its window, {opens} to {closes}.</source>
        <translation>资源包未使用：在退款期限 {opens} 至 {closes} 内全额退款。</translation>
    </message>
    <message>
        <source>The plan is {used} used: refunded the money paid minus the value used at list price ({reading} reading of used plans), within its window, {opens} to {closes}.</source>
        <translation>资源包已使用 {used}：退还实付金额减去按目录价计算的已使用价值（已使用资源包按“{reading}”规则处理），退款期限 {opens} 至 {closes}。</translation>
    </message>
    <message>
        <source>The plan is {used} used, and the policy refunds no used plan ({reading} reading of used plans).</source>
        <translation>资源包已使用 {used}，而策略规定已使用的资源包不予退款（已使用资源包按“{reading}”规则处理）。</translation>
    </message>
    <message>
        <source>order {order}: cash {cash}, vouchers {vouchers} and prepaid card {prepaid} add up to more than the payable amount {payable}</source>
        <translation>订单 {order}：现金 {cash}、代金券 {vouchers} 与储值卡 {prepaid} 之和超过应付金额 {payable}</translation>
    </message>
</context>
<context>
    <name>store</name>
    <message>
        <source>The store is busy: another window or command is writing to it. Nothing was changed; try again in a moment.</source>
        <translation>数据存储正忙：另一个窗口或命令正在写入。未做任何更改，请稍后再试。</translation>
    </message>
    <message>
        <source>Nothing was changed: the store could not be written ({reason}).</source>
        <translation>未做任何更改：无法写入数据存储（{reason}）。</translation>
    </message>
    <message>
        <source>The store could not be used: {reason}</source>
        <translation>无法使用数据存储：{reason}</translation>
    </message>
    <message>
        <source>The store could not be opened: {reason}</source>
        <translation>无法打开数据存储：{reason}</translation>
    </message>
    <message>
        <source>The store could not be read: {reason}</source>
        <translation>无法读取数据存储：{reason}</translation>
    </message>
    <message>
        <source>there is no store at {source} to back up</source>
        <translation>{source} 处没有可备份的数据存储</translation>
    </message>
    <message>
        <source>a backup cannot replace the store it copies; choose another file</source>
        <translation>备份不能覆盖它所复制的数据存储；请选择其他文件</translation>
    </message>
    <message>
        <source>cannot back up the store {source}: {reason}</source>
        <translation>无法备份数据存储 {source}：{reason}</translation>
    </message>
    <message>
        <source>the store {source} is damaged ({problem}); no backup was written</source>
        <translation>数据存储 {source} 已损坏（{problem}）；未写入备份</translation>
    </message>
    <message>
        <source>there is no backup at {source}</source>
        <translation>{source} 处没有备份</translation>
    </message>
    <message>
        <source>this file is the store itself; choose a backup to restore</source>
        <translation>此文件就是数据存储本身；请选择要恢复的备份</translation>
    </message>
    <message>
        <source>cannot create the folder {folder}: {reason}</source>
        <translation>无法创建文件夹 {folder}：{reason}</translation>
    </message>
    <message>
        <source>not a database URL: {url}</source>
        <translation>不是数据库 URL：{url}</translation>
    </message>
    <message>
        <source>only a SQLite store is backed up and restored by the application; back a {kind} store up with the server&apos;s own tools (pg_dump)</source>
        <translation>本应用只备份和恢复 SQLite 数据存储；{kind} 数据存储请用服务器自带的工具（pg_dump）备份</translation>
    </message>
    <message>
        <source>the store {url} is not a file, so it has no backup</source>
        <translation>数据存储 {url} 不是文件，因此没有备份</translation>
    </message>
    <message>
        <source>cannot read the backup {source}: {reason}</source>
        <translation>无法读取备份 {source}：{reason}</translation>
    </message>
    <message>
        <source>{source} is damaged ({problem}); the store was not replaced</source>
        <translation>{source} 已损坏（{problem}）；数据存储未被替换</translation>
    </message>
    <message>
        <source>{source} is not a SQLite database; the store was not replaced</source>
        <translation>{source} 不是 SQLite 数据库；数据存储未被替换</translation>
    </message>
    <message>
        <source>{source} is damaged ({reason}); the store was not replaced</source>
        <translation>{source} 已损坏（{reason}）；数据存储未被替换</translation>
    </message>
    <message>
        <source>{source} is not a store of this application; the store was not replaced</source>
        <translation>{source} 不是本应用的数据存储；数据存储未被替换</translation>
    </message>
    <message>
        <source>{source} was written by a newer version of this application (schema {schema}); update the application to restore it. The store was not replaced.</source>
        <translation>{source} 由本应用的较新版本写入（结构 {schema}）；请更新应用后再恢复。数据存储未被替换。</translation>
    </message>
    <message>
        <source>the store {live} is in use ({reason}); close every window and command using it, then restore again. The store was not replaced.</source>
        <translation>数据存储 {live} 正在使用中（{reason}）；请关闭所有使用它的窗口和命令，然后再恢复。数据存储未被替换。</translation>
    </message>
    <message>
        <source>cannot keep the current store aside as {kept}: {reason}; nothing was replaced</source>
        <translation>无法将当前数据存储另存为 {kept}：{reason}；未替换任何内容</translation>
    </message>
    <message>
        <source>cannot write {final}: {reason}</source>
        <translation>无法写入 {final}：{reason}</translation>
    </message>
    <message>
        <source>the folder {folder} does not exist (is the store&apos;s path right?)</source>
        <translation>文件夹 {folder} 不存在（数据存储的路径是否正确？）</translation>
    </message>
    <message>
        <source>unknown database kind in the URL: {kind}</source>
        <translation>URL 中的数据库类型未知：{kind}</translation>
    </message>
    <message>
        <source>the driver for {kind} is not installed ({module})</source>
        <translation>未安装 {kind} 的驱动（{module}）</translation>
    </message>
    <message>
        <source>this was changed by someone else since it was shown; nothing was saved: reload to see the change</source>
        <translation>显示之后此内容已被其他人修改；未保存任何内容：请刷新查看修改</translation>
    </message>
    <message>
        <source>cannot open the store {url}: {reason}</source>
        <translation>无法打开数据存储 {url}：{reason}</translation>
    </message>
    <message>
        <source>the store was written by a newer version of this application (schema {schema}); update the application to open it</source>
        <translation>数据存储由本应用的较新版本写入（结构 {schema}）；请更新应用后再打开</translation>
    </message>
    <message>
        <source>cannot upgrade the store {url}: {reason}</source>
        <translation>无法升级数据存储 {url}：{reason}</translation>
    </message>
    <message>
        <source>a payment must be a positive amount</source>
        <translation>付款金额必须为正数</translation>
    </message>
    <message>
        <source>a payment cannot be paid in the future</source>
        <translation>付款时间不能晚于现在</translation>
    </message>
    <message>
        <source>there is no payment {payment} to undo</source>
        <translation>没有可撤销的付款 {payment}</translation>
    </message>
    <message>
        <source>payment {payment} was already undone</source>
        <translation>付款 {payment} 已被撤销</translation>
    </message>
    <message>
        <source>a payment cannot be undone before it was paid</source>
        <translation>付款不能在付款时间之前撤销</translation>
    </message>
    <message>
        <source>the store holds no account yet: import a file or run `demo`</source>
        <translation>数据存储中还没有账号：请导入文件或运行 `demo`</translation>
    </message>
    <message>
        <source>order {order}: unknown {field} {value}</source>
        <translation>订单 {order}：未知的 {field} {value}</translation>
    </message>
    <message>
        <source>no order {order} in this store</source>
        <translation>此数据存储中没有订单 {order}</translation>
    </message>
    <message>
        <source>order {order} bought resource plan {plan}, which is not in the store</source>
        <translation>订单 {order} 购买了资源包 {plan}，但数据存储中没有该资源包</translation>
    </message>
    <message>
        <source>order {order} bought license {license}, which is not in the store</source>
        <translation>订单 {order} 购买了授权 {license}，但数据存储中没有该授权</translation>
    </message>
    <message>
        <source>order {order} cannot be refunded: {reason}</source>
        <translation>订单 {order} 不能退款：{reason}</translation>
    </message>
    <message>
        <source>the quote of order {order} has changed since it was shown; review it and confirm again</source>
        <translation>订单 {order} 的退款报价在显示之后已变化；请查看后再次确认</translation>
    </message>
    <message>
        <source>order {order} already has a refund request</source>
        <translation>订单 {order} 已有退款申请</translation>
    </message>
    <message>
        <source>refund request {request} no longer exists</source>
        <translation>退款申请 {request} 已不存在</translation>
    </message>
    <message>
        <source>Someone else changed this refund request after it was loaded here; nothing was saved. Reload (F5) to see the change.</source>
        <translation>其他人在此处加载后修改了这条退款申请；未保存任何内容。请刷新（F5）查看修改。</translation>
    </message>
    <message>
        <source>a {state} refund request cannot become {new_state}</source>
        <translation>状态为 {state} 的退款申请不能变为 {new_state}</translation>
    </message>
    <message>
        <source>the store already holds an account; the demo is made in an empty store (point --db at a new file)</source>
        <translation>数据存储中已有账户；演示账户只能在空的数据存储中创建（请用 --db 指向一个新文件）</translation>
    </message>
</context>
<context>
    <name>sync</name>
    <message>
        <source>--endpoint: not an http(s) host: {endpoint}</source>
        <translation>--endpoint：不是 http(s) 主机：{endpoint}</translation>
    </message>
    <message>
        <source>--endpoint: plain http is only allowed to this machine (127.0.0.1)</source>
        <translation>--endpoint：仅允许对本机（127.0.0.1）使用明文 http</translation>
    </message>
    <message>
        <source>unknown site {site}: expected {sites}</source>
        <translation>未知站点 {site}：应为 {sites}</translation>
    </message>
    <message>
        <source>{operation}: cannot reach {endpoint}: {reason}</source>
        <translation>{operation}：无法连接 {endpoint}：{reason}</translation>
    </message>
    <message>
        <source>{operation}: the answer had no body</source>
        <translation>{operation}：响应没有内容</translation>
    </message>
    <message>
        <source>{operation} failed: {code}: {message} (request id {request})</source>
        <translation>{operation} 失败：{code}：{message}（请求 ID {request}）</translation>
    </message>
    <message>
        <source>{operation} failed: {code}: {message}</source>
        <translation>{operation} 失败：{code}：{message}</translation>
    </message>
</context>
<context>
    <name>units</name>
    <message>
        <source>data volume</source>
        <translation>流量</translation>
    </message>
    <message>
        <source>duration</source>
        <translation>时长</translation>
    </message>
    <message>
        <source>count</source>
        <translation>次数</translation>
    </message>
    <message>
        <source>unknown unit {unit}: {total} and {remaining} cannot be compared</source>
        <translation>未知单位 {unit}：{total} 与 {remaining} 无法比较</translation>
    </message>
    <message>
        <source>{total} and {remaining} measure different things (a {total_family} and a {remaining_family})</source>
        <translation>{total} 与 {remaining} 计量的不是同一类量（一个是{total_family}，一个是{remaining_family}）</translation>
    </message>
    <message>
        <source>RemainingAmount {remaining} must be between 0 and TotalAmount {total}</source>
        <translation>RemainingAmount {remaining} 必须介于 0 与 TotalAmount {total} 之间</translation>
    </message>
</context>
<context>
    <name>usage</name>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>从(&amp;F)：</translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation>到(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Domain:</source>
        <translation>域名(&amp;D)：</translation>
    </message>
    <message>
        <source>Re&amp;gion:</source>
        <translation>地域(&amp;G)：</translation>
    </message>
    <message>
        <source>Billing &amp;item:</source>
        <translation>计费项(&amp;I)：</translation>
    </message>
    <message>
        <source>{count} samples</source>
        <translation>{count} 个采样</translation>
    </message>
    <message>
        <source>The chart could not be drawn: {reason}</source>
        <translation>无法绘制图表：{reason}</translation>
    </message>
    <message>
        <source>Loading chart…</source>
        <translation>正在加载图表…</translation>
    </message>
    <message>
        <source>Raw usage is for reference only and is not for reconciliation: it differs from the billing details, which are what you are charged.</source>
        <translation>原始用量仅供参考，不可用于对账：它与账单明细不同，账单明细才是实际计费的依据。</translation>
    </message>
</context>
<context>
    <name>values</name>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
</context>
</TS>
