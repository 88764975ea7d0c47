//! Every label of the interface in both languages, checked at compile time: a key missing in
//! one language does not build.

use crate::model::Lang;

macro_rules! strings {
    ($($key:ident: $en:expr, $zh:expr;)*) => {
        pub struct Strings { $(pub $key: &'static str,)* }
        pub const EN: Strings = Strings { $($key: $en,)* };
        pub const ZH: Strings = Strings { $($key: $zh,)* };
    };
}

strings! {
    app_title: "Desert control and income in Kezuohou Banner", "科左后旗的治沙与增收";
    app_subtitle: "An explorer of Case Study 2.11: every number traced to its source", "案例 2.11 数据浏览器：每个数字都可追溯到原文";
    skip_to_content: "Skip to content", "跳到正文";
    nav_label: "Views", "视图";
    view_overview: "Overview", "概览";
    view_table: "Figure table", "数据表";
    view_trail: "Source trail", "原文脉络";
    controls_label: "Display settings", "显示设置";
    language: "Language", "语言";
    area_unit: "Area unit", "面积单位";
    currency: "Currency", "货币";
    number_style: "Numbers", "数字写法";
    number_full: "Full digits", "完整数字";
    number_wan: "万 / 亿", "万 / 亿";
    theme: "Theme", "主题";
    theme_system: "System", "跟随系统";
    theme_light: "Light", "浅色";
    theme_dark: "Dark", "深色";
    unit_ha: "hectares (ha)", "公顷";
    unit_mu: "mu (亩)", "亩";
    unit_km2: "km²", "平方公里";
    cur_cny: "Yuan (CNY)", "人民币（元）";
    cur_usd: "US dollars", "美元";
    headline: "Headline figures", "主要数据";
    charts: "Charts", "图表";
    kind_reported: "reported", "原文";
    kind_derived: "derived", "推算";
    kind_context: "context", "背景";
    status_holds: "consistent", "一致";
    status_doubtful: "doubtful", "存疑";
    status_contradicts: "contradicted", "矛盾";
    flagged: "flagged by a check", "检查发现问题";
    period: "Period", "时期";
    unit: "Unit", "单位";
    value: "Value", "数值";
    label: "Figure", "指标";
    kind: "Kind", "类型";
    channel: "Channel", "渠道";
    paragraph: "¶", "段";
    paragraph_long: "Paragraph", "段落";
    check: "Check", "检查";
    all: "All", "全部";
    none: "none", "无";
    search: "Search figures", "搜索指标";
    search_placeholder: "e.g. forest, 森林, subsidy", "如：森林、forest、补贴";
    filter_channel: "Channel", "渠道";
    filter_kind: "Kind", "类型";
    filter_status: "Check status", "检查结果";
    rows_shown: "figures shown", "条指标";
    sort_by: "Sort by", "排序";
    export_csv: "Download CSV", "下载 CSV";
    export_json: "Download JSON", "下载 JSON";
    export_png: "Download PNG", "下载 PNG";
    close: "Close", "关闭";
    detail: "Figure detail", "指标详情";
    as_reported: "As printed", "原文写法";
    in_chosen_units: "In your units", "按所选单位";
    rate_used: "Exchange rate used", "所用汇率";
    rate_same_year: "annual average of the figure's year", "该年年均汇率";
    rate_mean: "mean of the annual averages of the years covered", "所涉各年年均汇率的平均值";
    rate_latest: "latest annual average (the figure is undated)", "最近一年年均汇率（该数据未注明年份）";
    rate_nearest: "nearest year with a rate", "最接近年份的汇率";
    source: "Source", "来源";
    team_note: "Our note", "说明";
    quote: "Printed as", "原文";
    external_source: "External source", "外部来源";
    formula: "Formula", "公式";
    inputs: "Inputs", "输入";
    notes: "Assumption", "假设";
    used_by: "Used by derived metrics", "用于推算指标";
    findings: "Consistency checks", "一致性检查";
    no_findings: "No check involves this figure.", "没有涉及该指标的检查。";
    repeats: "States again", "重复表述";
    slip_explains: "Slips that would explain it (the source is not changed)", "可解释该差异的笔误（原文不作改动）";
    gap: "gap", "差距";
    left_side: "Left side", "左边";
    right_side: "Right side", "右边";
    measures: "What was done", "采取的措施";
    figures_here: "Figures stated here", "本段数据";
    highlighted: "holds the selected figure", "含所选指标";
    chart_table: "Data table", "数据表";
    chart_description: "Description", "文字说明";
    chart_hint: "Tab to the chart, then use the arrow keys; Enter opens a figure.", "用 Tab 键聚焦图表，再用方向键浏览；按回车打开指标。";
    chart_cover: "Forest and vegetation cover", "森林与植被覆盖率";
    chart_subsidies: "Ecological subsidies 2014–2017, by programme", "2014–2017 年生态补贴（分项）";
    chart_incomes: "Income gains from ecological projects", "生态工程带来的增收";
    chart_land: "Land areas against the banner's size", "各类面积与全旗面积对比";
    chart_tourism: "Tourism in 2017", "2017 年旅游";
    chart_guards: "Forest guards and their pay", "生态护林员及其报酬";
    legend_point: "stated value", "确数";
    legend_bound: "bound: the true value lies beyond the end of the bar", "界限值：真实值在条形末端之外";
    legend_less: "upper bound: the true value is below the end of the bar", "上限：真实值低于条形末端";
    bound_more: "more than", "超过";
    bound_less: "less than", "不足";
    notice_ignored: "Some link settings were not understood and were ignored:", "链接中部分设置无法识别，已忽略：";
    dismiss: "Dismiss", "关闭提示";
    dataset_error: "The dataset could not be loaded", "数据集无法加载";
    footer_source: "Source", "资料来源";
    footer_context: "Context figures (banner area, exchange rates) come from public secondary sources and are marked as such.", "背景数据（全旗面积、汇率）来自公开的二手资料，并已标注。";
    footer_never_corrected: "Figures are shown as printed; where they cannot all be right, the checks say so instead of correcting them.", "数据按原文呈现；若彼此矛盾，由一致性检查指出，而不擅自更正。";
    undated: "undated", "未注明时间";
    open_detail: "Open detail", "查看详情";
    mixed_periods: "mixed periods", "多个时期";
    trail_intro: "The case study paragraph by paragraph, with the figures and measures each one states.", "逐段梳理案例原文，列出每段给出的数据和措施。";
    view_quality: "Data quality", "数据质量";
    view_derived: "Derived metrics", "推算指标";
    view_channels: "Channels", "增收渠道";
    view_scenario: "What-if", "情景推演";
    view_timeline: "Timeline", "时间线";
    quality_intro: "Each relation the text implies is checked on the figures as printed, bounds included: parts should add up to their total, an area should fit inside the area that contains it, a share should match its rate. A check holds when the two sides can agree, is doubtful when they miss by up to 10%, and contradicts beyond that. Where changing a single printed figure by a simple slip (a power of ten, mu printed as hectares) would make a check hold without breaking another, the slip is named. The source is never corrected: the figures stay as printed, and the slips are only explanations to weigh.", "对原文隐含的每条关系，按原文数字（含上下限）逐一检验：分项之和应等于合计，一块面积应容纳于包含它的面积之内，占比应与比率相符。两边可以一致即为“一致”，相差不超过 10% 为“存疑”，超过则为“矛盾”。若只需对某一个数字做一次简单笔误修正（数量级错位、把亩当作公顷）即可使检查成立且不破坏其他检查，则列出该笔误。原文从不被更正：数字保持原样，笔误只是供参考的解释。";
    rule: "Rule", "规则";
    tolerance: "tolerance", "容差";
    derived_intro: "Each metric is computed from figures in the dataset with the formula shown. A result computed from a bound is itself a bound.", "每个指标都由数据集中的数字按所示公式计算。由界限值算出的结果本身也是界限值。";
    result: "Result", "结果";
    point_or_bound: "Point or bound", "确数或界限";
    point: "point", "确数";
    bound: "bound", "界限";
    channels_intro: "Three channels carry conservation work into household income. Select a channel to filter the overview and the figure table to it.", "三条渠道把生态保护转化为家庭收入。选择一条渠道，可将概览和数据表筛选为该渠道。";
    conservation: "Conservation work", "生态保护";
    income: "Income of farmers and herders", "农牧民收入";
    filtered_to: "Showing one channel:", "仅显示渠道：";
    clear_filter: "Show all", "显示全部";
    selected_channel: "selected", "已选";
    scenario_title: "Who protects, who benefits", "谁保护、谁受益";
    scenario_intro: "Change the number of forest guards, their annual pay or the number of years; the payroll is set against what the case study reports.", "调整护林员人数、年薪或年数，将工资总额与案例报告的数字对比。";
    guards: "Forest guards", "护林员人数";
    pay: "Annual pay per guard (yuan)", "人均年薪（元）";
    years: "Years", "年数";
    reset: "Reset to reported values", "恢复原文数值";
    payroll_per_year: "Payroll per year", "年工资总额";
    payroll_total: "Payroll over the years", "期内工资合计";
    compared_with: "Compared with", "对比";
    share_of: "scenario total as a share", "情景合计占比";
    assumptions: "Assumptions", "假设";
    input_invalid: "Fix the highlighted input; results show the last valid values.", "请修正标出的输入；结果显示上一次有效输入。";
    per_ha_title: "Subsidy per hectare under different area readings", "不同面积口径下的每公顷补贴";
    per_ha_intro: "The subsidies spread over each area the text gives, per hectare and year. The forest land figure is shown as printed and read as mu, the slip the checks point to.", "把补贴分摊到原文给出的各类面积上，按每公顷每年计。林地面积分别按原文和按“亩”理解（检查指出的笔误）列出。";
    subsidy_basis: "Subsidy amount", "补贴金额";
    area_reading: "Area", "面积";
    read_as_mu: "read as mu", "按亩理解";
    yuan_per_ha_year: "yuan per ha per year", "元/公顷·年";
    timeline_intro: "Dated figures by year. Figures the text leaves undated are listed apart, not placed on a guessed year.", "有年份的数字按年排列。原文未注明时间的数字单独列出，不猜测年份。";
    undated_items: "Undated in the text", "原文未注明时间";
    since_year: "from this year on", "自该年起";
    period_span: "over the period", "整个期间";
    narrative: "In words", "文字概述";
    overview_intro: "Kezuohou Banner lies in the Horqin Sandy Land. The case study reports how desert control was tied to income for poor farmers and herders through three channels. Select any figure to see where it comes from.", "科左后旗位于科尔沁沙地。案例介绍了该旗如何通过三条渠道把治沙与贫困农牧民增收联系起来。选择任一指标可查看其出处。";
}

pub fn tr(lang: Lang) -> &'static Strings {
    match lang {
        Lang::En => &EN,
        Lang::Zh => &ZH,
    }
}
