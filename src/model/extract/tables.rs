//! The extractor's vocabulary as data: scale words, units, qualifiers, period words and the
//! words that mark a number as something other than a figure. English phrases are lower case
//! (matched against an ASCII-lowercased copy of the text); a new word is one line.

use crate::model::dataset::{Qualifier, Scale};
use crate::model::units::{DeclaredUnit, Dims, Unit, Vocabulary};
use crate::model::vocabulary::{self, CURRENCIES, UNITS};

/// Scale words after a number: (word, multiplier on the printed value, scale).
/// 万亿 and trillion have no scale of their own: 1.2万亿 is kept as 12000 亿. Likewise
/// "1.44 lakh crore" (1.44 × 10¹²) is kept as 144000 crore: the crore as printed, the lakh
/// folded into the value (and flagged `ScaleRewritten`), so the printed scale word is not lost.
pub const SCALES: &[(&str, (f64, Scale))] = &[
    ("lakh", (1.0, Scale::Lakh)),
    ("lakhs", (1.0, Scale::Lakh)),
    ("lac", (1.0, Scale::Lakh)),
    ("lacs", (1.0, Scale::Lakh)),
    ("crore", (1.0, Scale::Crore)),
    ("crores", (1.0, Scale::Crore)),
    ("lakh crore", (1e5, Scale::Crore)),
    ("lakh crores", (1e5, Scale::Crore)),
    ("lakh-crore", (1e5, Scale::Crore)),
    ("thousand", (1.0, Scale::Thousand)),
    ("million", (1.0, Scale::Million)),
    ("mln", (1.0, Scale::Million)),
    ("mn", (1.0, Scale::Million)),
    ("billion", (1.0, Scale::Billion)),
    ("bn", (1.0, Scale::Billion)),
    ("trillion", (1000.0, Scale::Billion)),
    ("万亿", (1e4, Scale::Yi)),
    ("千万", (1e3, Scale::Wan)),
    ("百万", (1.0, Scale::Million)),
    ("亿", (1.0, Scale::Yi)),
    ("万", (1.0, Scale::Wan)),
    ("千", (1.0, Scale::Thousand)),
];

/// Unit words right after a number (and its scale), as (word, unit code): every word of the
/// vocabulary's units and currencies (`model/vocabulary.rs`), read once.
pub fn units() -> &'static [(&'static str, &'static str)] {
    static WORDS: std::sync::OnceLock<Vec<(&'static str, &'static str)>> =
        std::sync::OnceLock::new();
    WORDS.get_or_init(|| {
        let rows = UNITS
            .iter()
            .flat_map(|u| u.words.iter().map(|w| (*w, u.code)));
        let money = CURRENCIES
            .iter()
            .flat_map(|c| c.words.iter().map(|w| (*w, c.code)));
        rows.chain(money).collect()
    })
}

/// Things counted that the vocabulary has no unit for. A draft that counts one declares it as
/// a unit of its own (format 3 `units`, dimension `items`), so a new counted thing is a row here.
pub struct Counted {
    pub code: &'static str,
    /// (as written after a number, as written after "per"), English then Chinese.
    pub en: (&'static str, &'static str),
    pub zh: (&'static str, &'static str),
}

const fn counted(code: &'static str, en: [&'static str; 2], zh: [&'static str; 2]) -> Counted {
    Counted {
        code,
        en: (en[0], en[1]),
        zh: (zh[0], zh[1]),
    }
}

#[rustfmt::skip]
pub const COUNTED: &[Counted] = &[
    counted("{well}", ["wells", "well"], ["口井", "井"]),
    counted("{check-dam}", ["check dams", "check dam"], ["座淤地坝", "淤地坝"]),
    counted("{reservoir}", ["reservoirs", "reservoir"], ["座水库", "水库"]),
    counted("{pond}", ["ponds", "pond"], ["个塘坝", "塘坝"]),
    counted("{job}", ["jobs", "job"], ["个岗位", "岗位"]),
    counted("{nursery}", ["nurseries", "nursery"], ["个苗圃", "苗圃"]),
    counted("{self-help-group}", ["self-help groups", "self-help group"], ["个自助小组", "自助小组"]),
    counted("{cooperative}", ["cooperatives", "cooperative"], ["个合作社", "合作社"]),
    counted("{village}", ["villages", "village"], ["个村", "村"]),
];

/// The vocabulary with the counted things declared.
fn drafter_vocabulary() -> &'static Vocabulary {
    static VOCABULARY: std::sync::OnceLock<Vocabulary> = std::sync::OnceLock::new();
    VOCABULARY.get_or_init(|| {
        Vocabulary::with(
            COUNTED
                .iter()
                .map(|c| DeclaredUnit {
                    code: c.code.to_string(),
                    dims: Dims::of(vocabulary::ITEMS),
                    factor: 1.0,
                    names: vec![
                        ("en".into(), c.en.0.into(), c.en.1.into()),
                        ("zh".into(), c.zh.0.into(), c.zh.1.into()),
                    ],
                })
                .collect(),
        )
    })
}

/// The unit a code names, counted things included (`{well}`, `INR/{well}`).
pub fn unit(code: &str) -> Option<Unit> {
    drafter_vocabulary().parse(code)
}

/// The counted thing a code names.
pub fn counted_row(code: &str) -> Option<&'static Counted> {
    COUNTED.iter().find(|c| c.code == code)
}

/// Whether a word is one of the vocabulary's unit words.
pub fn is_unit_word(word: &str) -> bool {
    units().iter().any(|(w, _)| *w == word)
}

/// Currency signs and codes before a number (US$5 million, ¥300, Rs 12 crore), as (sign, code).
pub fn currency_before() -> &'static [(&'static str, &'static str)] {
    static SIGNS: std::sync::OnceLock<Vec<(&'static str, &'static str)>> =
        std::sync::OnceLock::new();
    SIGNS.get_or_init(|| {
        CURRENCIES
            .iter()
            .flat_map(|c| c.signs.iter().map(|w| (*w, c.code)))
            .chain(BEFORE_NUMBER.iter().copied())
            .collect()
    })
}

/// Other unit words written before the number.
const BEFORE_NUMBER: &[(&str, &str)] = &[("百分之", "%")];

/// Nouns that make a bare number a count; up to `COUNT_SKIP` words may stand between
/// ("310 ecological forest guards").
pub const COUNT_NOUNS: &[(&str, &str)] = &[
    ("people", "{person}"),
    ("persons", "{person}"),
    ("person", "{person}"),
    ("residents", "{person}"),
    ("villagers", "{person}"),
    ("farmers", "{person}"),
    ("herders", "{person}"),
    ("herdsmen", "{person}"),
    ("guards", "{person}"),
    ("guard", "{person}"),
    ("rangers", "{person}"),
    ("foresters", "{person}"),
    ("workers", "{person}"),
    ("employees", "{person}"),
    ("tourist visits", "{visit}"),
    ("tourists", "{visit}"),
    ("tourist", "{visit}"),
    ("visitors", "{visit}"),
    ("visits", "{visit}"),
    ("person-times", "{visit}"),
    ("households", "{household}"),
    ("household", "{household}"),
    ("families", "{household}"),
    ("wells", "{well}"),
    ("well", "{well}"),
    ("borewells", "{well}"),
    ("tube wells", "{well}"),
    ("tubewells", "{well}"),
    ("check dams", "{check-dam}"),
    ("check dam", "{check-dam}"),
    ("check-dams", "{check-dam}"),
    ("reservoirs", "{reservoir}"),
    ("ponds", "{pond}"),
    ("pond", "{pond}"),
    ("jobs", "{job}"),
    ("job", "{job}"),
    ("nurseries", "{nursery}"),
    ("nursery", "{nursery}"),
    ("self-help groups", "{self-help-group}"),
    ("self help groups", "{self-help-group}"),
    ("shgs", "{self-help-group}"),
    ("cooperatives", "{cooperative}"),
    ("co-operatives", "{cooperative}"),
    ("villages", "{village}"),
    ("village", "{village}"),
];

/// Chinese measure words between a number and the thing counted: 3座水库, 12口井.
pub const MEASURE_WORDS: &[&str] = &["个", "座", "口", "眼", "处", "所", "家", "条", "支"];
/// Chinese nouns of counted things; up to `MEASURE_SKIP` characters may stand between the
/// measure word and the noun ("12口机电井", "3座小型水库").
pub const COUNT_NOUNS_ZH: &[(&str, &str)] = &[
    ("井", "{well}"),
    ("淤地坝", "{check-dam}"),
    ("拦沙坝", "{check-dam}"),
    ("谷坊", "{check-dam}"),
    ("水库", "{reservoir}"),
    ("塘坝", "{pond}"),
    ("池塘", "{pond}"),
    ("就业岗位", "{job}"),
    ("岗位", "{job}"),
    ("苗圃", "{nursery}"),
    ("自助小组", "{self-help-group}"),
    ("互助小组", "{self-help-group}"),
    ("合作社", "{cooperative}"),
    ("行政村", "{village}"),
    ("村", "{village}"),
];
pub const MEASURE_SKIP: usize = 4;
/// How many characters may stand between a noun and "number + measure word": 淤地坝共46座.
pub const NOUN_GAP: usize = 2;
pub const COUNT_SKIP: usize = 3;

/// Words a count noun phrase cannot run through.
#[rustfmt::skip]
pub const STOP_WORDS: &[&str] = &[
    "of", "in", "and", "or", "to", "the", "a", "an", "for", "by", "with", "from", "were", "was",
    "is", "are", "have", "has", "had", "that", "which", "who", "at", "on", "per", "each", "than",
    "as", "be", "been", "it", "its", "their",
];

/// Qualifiers written before the number (after a currency sign, if any).
pub const QUALIFIERS_BEFORE: &[(&str, Qualifier)] = &[
    ("more than", Qualifier::MoreThan),
    ("over", Qualifier::MoreThan),
    ("exceeded", Qualifier::MoreThan),
    ("exceeds", Qualifier::MoreThan),
    ("exceeding", Qualifier::MoreThan),
    ("exceed", Qualifier::MoreThan),
    ("above", Qualifier::MoreThan),
    ("in excess of", Qualifier::MoreThan),
    ("upwards of", Qualifier::MoreThan),
    ("at least", Qualifier::AtLeast),
    ("no less than", Qualifier::AtLeast),
    ("not less than", Qualifier::AtLeast),
    ("less than", Qualifier::LessThan),
    ("fewer than", Qualifier::LessThan),
    ("under", Qualifier::LessThan),
    ("below", Qualifier::LessThan),
    ("at most", Qualifier::AtMost),
    ("no more than", Qualifier::AtMost),
    ("not more than", Qualifier::AtMost),
    ("up to", Qualifier::AtMost),
    ("about", Qualifier::About),
    // "nearly" and 近 fall short of the number: a bound below it, not a spread around it.
    ("nearly", Qualifier::LessThan),
    ("almost", Qualifier::LessThan),
    ("just under", Qualifier::LessThan),
    ("just short of", Qualifier::LessThan),
    ("approximately", Qualifier::About),
    ("approx.", Qualifier::About),
    ("around", Qualifier::About),
    ("roughly", Qualifier::About),
    ("close to", Qualifier::About),
    ("an estimated", Qualifier::About),
    ("超过", Qualifier::MoreThan),
    ("超", Qualifier::MoreThan),
    ("逾", Qualifier::MoreThan),
    ("高于", Qualifier::MoreThan),
    ("多于", Qualifier::MoreThan),
    ("至少", Qualifier::AtLeast),
    ("不少于", Qualifier::AtLeast),
    ("不低于", Qualifier::AtLeast),
    ("不足", Qualifier::LessThan),
    ("不到", Qualifier::LessThan),
    ("少于", Qualifier::LessThan),
    ("低于", Qualifier::LessThan),
    ("不超过", Qualifier::AtMost),
    ("最多", Qualifier::AtMost),
    ("约", Qualifier::About),
    ("约为", Qualifier::About),
    ("约有", Qualifier::About),
    ("大约", Qualifier::About),
    ("大约有", Qualifier::About),
    ("大概", Qualifier::About),
    ("大概有", Qualifier::About),
    ("近", Qualifier::LessThan),
    ("将近", Qualifier::LessThan),
    ("接近", Qualifier::LessThan),
    ("近乎", Qualifier::LessThan),
];

/// Qualifiers that stand away from the number, a verb and its object between: 约占全旗面积的
/// 21%, "accounts for roughly …". Read only when no other number stands between.
pub const QUALIFIERS_AWAY: &[(&str, Qualifier)] = &[
    ("约占", Qualifier::About),
    ("大约占", Qualifier::About),
    ("大概占", Qualifier::About),
    ("近占", Qualifier::LessThan),
    ("占了近", Qualifier::LessThan),
    ("超过了", Qualifier::MoreThan),
];
/// How far back (bytes) a qualifier away from the number is looked for.
pub const QUALIFIER_REACH: usize = 60;

/// Between the number and the scale or unit: 300多人, 5万余亩, 8400余万元, 30多亿元. 几 after
/// digits is the same "-odd" (三十几万 = more than 30万); a bare 几 ("几万亩", several
/// ten-thousand) has no number to hold and is skipped as vague (`VAGUE_BEFORE`).
pub const QUALIFIERS_MID: &[(&str, Qualifier)] = &[
    ("多", Qualifier::MoreThan),
    ("余", Qualifier::MoreThan),
    ("几", Qualifier::MoreThan),
];

/// A vague count word before a Chinese numeral unit or scale: 几万, 几十, 几百, 几千.
pub const VAGUE_BEFORE: &[&str] = &["几"];
pub const VAGUE_SCALES: &[&str] = &["十", "百", "千", "万", "亿"];

/// After the unit: 21%以上, 300人左右, 50 or more.
pub const QUALIFIERS_AFTER: &[(&str, Qualifier)] = &[
    ("以上", Qualifier::MoreThan),
    ("有余", Qualifier::MoreThan),
    ("以下", Qualifier::LessThan),
    ("左右", Qualifier::About),
    ("上下", Qualifier::About),
    ("or more", Qualifier::AtLeast),
    ("or less", Qualifier::AtMost),
    ("or so", Qualifier::About),
];

/// Units refined by what follows them ("yuan per year", "元/人·年", "tonnes a hectare"): the
/// words and what they add to the unit's code. Read one after another ("per person" then
/// "per year"); never after a share or a change (5% a year is a growth rate).
pub const RATES_AFTER: &[(&str, &str)] = &[
    ("/人·年", "/{person}/a"),
    ("/人/年", "/{person}/a"),
    ("per person", "/{person}"),
    ("a person", "/{person}"),
    ("per head", "/{person}"),
    ("per capita", "/{person}"),
    ("/人", "/{person}"),
    ("per household", "/{household}"),
    ("a household", "/{household}"),
    ("/户", "/{household}"),
    ("per year", "/a"),
    ("a year", "/a"),
    ("per annum", "/a"),
    ("annually", "/a"),
    ("each year", "/a"),
    ("every year", "/a"),
    ("yearly", "/a"),
    ("/yr", "/a"),
    ("/年", "/a"),
    ("每年", "/a"),
    ("per hectare", "/ha"),
    ("a hectare", "/ha"),
    ("/ha", "/ha"),
    ("/公顷", "/ha"),
    ("per acre", "/acre"),
    ("an acre", "/acre"),
    ("/acre", "/acre"),
    ("per mu", "/mu"),
    ("/亩", "/mu"),
    ("每亩", "/mu"),
    ("per tonne", "/t"),
    ("a tonne", "/t"),
    ("per ton", "/t"),
    ("/吨", "/t"),
    ("per litre", "/L"),
    ("a litre", "/L"),
    ("per liter", "/L"),
    ("/升", "/L"),
    ("per visit", "/{visit}"),
    ("per tourist", "/{visit}"),
    ("/人次", "/{visit}"),
    ("per well", "/{well}"),
    ("per village", "/{village}"),
    ("a village", "/{village}"),
];
/// How many rate phrases may follow one another ("per person per year").
pub const RATES_AFTER_MAX: usize = 3;

/// Units refined by words earlier in the clause: "an annual salary of 10,000 yuan", 每亩补贴
/// 300元. The nearest phrase before the number counts.
pub const RATES_BEFORE: &[(&str, &str)] = &[
    ("每亩每年", "/mu/a"),
    ("每公顷每年", "/ha/a"),
    ("每户每年", "/{household}/a"),
    ("每年每亩", "/mu/a"),
    ("每年每户", "/{household}/a"),
    ("每年每人", "/{person}/a"),
    ("每年", "/a"),
    ("每亩", "/mu"),
    ("每公顷", "/ha"),
    ("每户", "/{household}"),
    ("每人", "/{person}"),
    ("人均年", "/{person}/a"),
    ("人均", "/{person}"),
    ("each year", "/a"),
    ("every year", "/a"),
    ("annual budget", "/a"),
    ("annual salary", "/{person}/a"),
    ("annual wage", "/{person}/a"),
    ("yearly salary", "/{person}/a"),
    ("每人每年", "/{person}/a"),
    ("年薪", "/{person}/a"),
    ("年工资", "/{person}/a"),
];

/// Words naming a document part: "Case Study 2.11", "Table 3", "第 5 段" are references.
#[rustfmt::skip]
pub const REFERENCE_BEFORE: &[&str] = &[
    "case study", "case", "study", "section", "sect.", "chapter", "table", "figure", "fig.", "box",
    "annex", "appendix", "page", "p.", "pp.", "no.", "number", "article", "art.", "paragraph",
    "para.", "item", "step", "phase", "part", "volume", "vol.", "issue", "#", "案例", "表", "图", "附件",
    "附表",
];

/// After a number: an ordinal ("2nd") or a date part ("3月", "5日").
pub const ORDINAL_AFTER: &[&str] = &["st", "nd", "rd", "th"];
pub const ORDINAL_BEFORE: &[&str] = &["第"];
pub const DATE_AFTER: &[&str] = &["月", "日", "号"];
#[rustfmt::skip]
pub const MONTHS: &[&str] = &[
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan.", "feb.", "mar.", "apr.", "jun.", "jul.", "aug.",
    "sep.", "sept.", "oct.", "nov.", "dec.",
];

/// The time words that carry no year.
#[rustfmt::skip]
pub const PRESENT_WORDS: &[&str] = &[
    "at present", "currently", "presently", "now", "today", "to date", "so far", "目前", "当前", "现在",
    "至今", "现已",
];
#[rustfmt::skip]
pub const RECENT_WORDS: &[&str] = &[
    "in recent years", "recent years", "in the past few years", "over the past few years", "近年来",
    "近几年", "近些年", "近年",
];
/// A perfect tense with no date is read as the present: "has exceeded 21%".
pub const PERFECT_WORDS: &[&str] = &["has", "have", "having", "已经", "已"];

/// Words before a year.
pub const SINCE_BEFORE: &[&str] = &["ever since", "since"];
pub const FROM_BEFORE: &[&str] = &["from", "between", "自", "从"];
#[rustfmt::skip]
pub const BASELINE_BEFORE: &[&str] = &[
    "over", "compared with", "compared to", "than in", "than", "against", "比", "较", "与",
];
/// After a year: 2014年以来, 2014 onwards.
pub const SINCE_AFTER: &[&str] = &["年以来", "以来", "年起", "年至今", " onwards", " onward"];
/// Between the two years of a range (after an optional 年 on the first).
pub const RANGE_JOINS: &[&str] = &["–", "—", "-", "−", "~", "～", "－", "to", "and", "至", "到"];

/// Words marking a stated total, its listed parts and "of which" parts.
#[rustfmt::skip]
pub const TOTAL_WORDS: &[&str] = &[
    "totaling", "totalling", "totaled", "totalled", "a total of", "total of", "in total",
    "altogether", "amounting to", "合计", "共计", "总计", "累计", "总共", "共",
];
#[rustfmt::skip]
pub const INCLUDING_WORDS: &[&str] = &[
    "including", "includes", "included", "comprising", "consisting of", "包括", "包含",
];
pub const OF_WHICH_WORDS: &[&str] = &["of which", "of whom", "among which", "among them", "其中"];

/// Phrases that state a share without digits: "…310 guards, all of whom were poor".
pub const IMPLIED_SHARES: &[(&str, f64)] = &[
    ("all of whom", 100.0),
    ("all of them", 100.0),
    ("全部为", 100.0),
    ("全部是", 100.0),
    ("全部来自", 100.0),
];

/// Labels: words dropped from the start of a clause, and the verbs a label stops at.
#[rustfmt::skip]
pub const LABEL_LEAD: &[&str] = &[
    "and", "or", "but", "the", "a", "an", "with", "while", "whereas", "of", "which", "whom",
    "including", "by", "for", "to", "in", "at", "on", "from", "its", "their", "this", "that",
    "these", "those", "meanwhile", "also", "total", "totaling", "totalling", "present", "recent",
    "years", "since", "currently", "now", "year", "whole", "among", "them", "all", "over", "than",
    "as", "extra", "additional", "another", "each", "every",
];
/// Verbs a label stops at, and function words trimmed off its end.
#[rustfmt::skip]
pub const LABEL_STOP: &[&str] = &[
    "has", "have", "had", "having", "was", "were", "is", "are", "be", "been", "being", "reached",
    "reaches", "rose", "grew", "exceeded", "exceeds", "totaled", "totaling", "totalling",
    "amounted", "amounts", "stood", "stands", "fell", "decreased", "dropped", "went", "hit",
    "remained", "attracted", "created", "distributed", "employed", "paid", "received", "generated",
    "increased", "climbed", "came", "now", "will", "would", "could", "including", "brought",
    "earned", "stays", "stored", "pledged", "welcomed", "finished", "installed", "added",
    "expanded", "covering", "covered", "planted", "hired", "made", "gave", "raised", "spent",
    "produced", "built", "stayed", "joined", "found", "left", "saw", "got", "receives", "receive",
    "gets", "earns", "pays", "provides", "offers", "gives", "sold", "sells", "employs", "spends",
    "invested", "invests", "generates", "generating", "spanning", "selling", "earning",
    "bringing", "yielding", "worth", "reaching", "costing", "benefiting", "serving", "returned",
    "said", "says", "told", "reported", "announced", "stated", "noted", "according", "totalled",
    "sell", "earn", "pay", "spend", "run", "runs", "raise", "live", "lives", "charge", "charged",
    "storing", "take", "takes", "save", "saves", "cut", "cuts", "belongs", "belong",
];
/// Verbs after a counted noun that start what tells it apart: "households that returned
/// cropland to forest" (besides any past tense in -ed).
#[rustfmt::skip]
pub const COUNT_VERBS: &[&str] = &[
    "left", "found", "got", "made", "built", "joined", "sold", "spent", "paid", "won", "ran",
    "grew", "took", "run", "received",
];
/// Prepositions kept after a counted noun: "households in mountain districts", "jobs for
/// landless families".
pub const COUNT_PREPOSITIONS: &[&str] = &["in", "on", "at", "from", "for", "with", "under"];
/// Words that do not open a place name even when capitalised.
pub const NOT_PLACE_EN: &[&str] = &[
    "The", "In", "A", "An", "How", "Why", "What", "Of", "At", "On", "From", "To", "And", "For",
];
/// Adverbs that are no label ("the nurseries together raise …"), besides words in -ly.
pub const ADVERBS: &[&str] = &[
    "together",
    "altogether",
    "also",
    "still",
    "again",
    "combined",
];
/// Reporting words: a clause holding one ("officials said", "according to") names a source,
/// not what is measured; the label is read from the rest.
#[rustfmt::skip]
pub const REPORTING: &[&str] = &[
    "said", "says", "told", "reported", "announced", "stated", "noted", "according to",
    "表示", "介绍", "获悉", "指出", "透露", "据悉", "据了解",
];
/// Verbs whose object is money or a count: "spent 4.3 billion yuan on rangers" is spending on
/// rangers, whoever spent it. (verb, the noun that names what it measures)
#[rustfmt::skip]
pub const VERB_NOUNS: &[(&str, &str)] = &[
    ("spent", "spending"), ("spends", "spending"), ("spend", "spending"),
    ("invested", "investment"), ("invests", "investment"), ("invest", "investment"),
    ("generating", "income"), ("generated", "income"), ("generates", "income"),
    ("earning", "income"), ("earned", "income"), ("earns", "income"),
    ("raised", "income"), ("raising", "income"), ("raises", "income"),
    ("allocated", "allocation"), ("paid", "payments"), ("pays", "payments"),
    ("costing", "cost"), ("cost", "cost"), ("sold", "sales"), ("selling", "sales"),
    ("bringing", "income"), ("yielding", "income"), ("brought", "income"),
    ("saves", "savings"), ("save", "savings"), ("saved", "savings"),
];
/// Verbs of money whose noun may take its object from the clause before: "sold carbon
/// credits, generating 600 million yuan".
pub const VERB_NOUNS_BACK: &[&str] = &["generating", "earning", "bringing", "yielding", "raising"];
/// Participles that stand between a subject and its measure: "forest farms spanning 93,000
/// hectares" measures the farms; an area takes "area".
pub const MEASURE_PARTICIPLES: &[&str] = &[
    "spanning",
    "covering",
    "covered",
    "totalling",
    "totaling",
    "measuring",
    "worth",
];
/// Prepositions that carry what a money figure is for, after it: "on rangers", "by selling".
/// (as written, as written in the label)
pub const FOR_AFTER: &[(&str, &str)] = &[
    ("on", "on"),
    ("for", "for"),
    ("in", "in"),
    ("from", "from"),
    ("by", "from"),
    ("to", "to"),
];
/// Subjects that only say who: a label that is one of these is weak, the object is read.
#[rustfmt::skip]
pub const WHO_WORDS: &[&str] = &[
    "county", "province", "government", "administration", "department", "bureau", "officials",
    "it", "they", "we", "city", "town", "township", "village", "district", "state", "country",
    "region", "farm", "project", "programme", "program", "company", "authorities", "ministry",
];
/// Words that end a noun phrase read after a count noun: "households … across the province".
#[rustfmt::skip]
pub const PHRASE_END: &[&str] = &[
    "across", "during", "last", "this", "since", "over", "until", "after", "before", "of",
    "which", "whom", "while", "and", "but", "who", "as",
];
/// A period word that means the year the text is dated.
pub const THIS_YEAR_WORDS: &[&str] = &["this year", "今年", "本年度", "本年"];
#[rustfmt::skip]
pub const LABEL_TRAIL: &[&str] = &[
    "of", "by", "to", "from", "at", "than", "for", "with", "in", "on", "the", "a", "an", "and",
    "its", "their", "some", "about", "over", "under", "more", "less", "nearly", "around",
];
/// A label that names only a change borrows the figure before it: "increase in forest cover".
#[rustfmt::skip]
pub const LABEL_CHANGE: &[&str] = &[
    "increase", "rise", "growth", "gain", "decrease", "decline", "drop", "change", "提高", "增长",
    "增加", "下降", "减少",
];
#[rustfmt::skip]
pub const LABEL_LEAD_ZH: &[&str] = &[
    "其中", "并", "和", "及", "与", "同时", "另外", "此外", "累计", "共计", "合计", "总计", "共", "发放", "实现", "完成",
    "接待", "聘用", "新增", "全年", "目前", "当前", "近年来", "以来", "年", "从", "由", "自", "至", "到", "包括", "全部", "的",
    "比", "较", "在", "已", "已经", "为", "是", "有", "另有", "完成", "新聘", "全县", "全市", "全省",
    "全旗", "全乡", "全镇", "全区", "该县", "该市", "该省", "该旗", "县里", "市里", "每年", "今年",
];
/// Verbs that open a Chinese label, dropped when a noun follows: 投入护林资金 → 护林资金.
pub const LABEL_VERBS_ZH: &[&str] = &["投入", "出售", "建成", "新建", "种植", "营造", "完成"];
/// A Chinese label that is only a verb names its object: 投入 → 投入资金.
pub const VERB_NOUNS_ZH: &[(&str, &str)] = &[("投入", "投入资金"), ("投资", "投资额")];
/// "通过出售碳汇实现收入": the means and what it yields make the label (出售碳汇收入).
pub const MEANS_ZH: (&str, &[&str]) = ("通过", &["实现", "获得", "取得"]);
#[rustfmt::skip]
pub const LABEL_TRAIL_ZH: &[&str] = &[
    "达到", "达", "为", "是", "增加了", "增加", "增长了", "增长", "提高到", "提高了", "提高", "增至", "超过", "超", "逾", "约",
    "近", "不足", "不到", "约为", "了", "到", "至", "共", "累计", "共计", "合计", "总计", "由", "从", "的", "已", "已经",
    "突破", "实现", "完成", "接待", "发放", "聘用", "有", "带动", "降至", "降到", "降", "新聘",
    "扩大到", "扩大", "扩至", "增至", "共有", "建成",
];

/// Headline and deck: where a title line's headline ends.
pub const HEADLINE_ENDS: &[&str] = &[" – ", " — ", " - ", ": ", " | ", "——", "：", "|", "—"];
/// The longest title kept, in characters (cut at a word or punctuation boundary).
pub const TITLE_MAX: usize = 80;
/// Place names: the words after a name (English, title case) and the characters ending a
/// Chinese name, county level first, then province level.
pub const PLACE_EN: [&[&str]; 2] = [
    &["County", "Banner", "City", "District", "Prefecture"],
    &["Province", "State", "Autonomous Region", "Region"],
];
pub const PLACE_ZH: [&[&str]; 2] = [&["县", "旗", "市"], &["省", "自治区"]];
/// Characters that cannot stand in a Chinese place name: 全县, 该县, 从北川省, 某县.
pub const NOT_PLACE_ZH: &str = "全该本各每从在的了和与及县市省旗区乡镇村到至向对据某";
/// How many paragraphs from the title a place, a date or the intro is looked for in.
pub const FRONT_PARAGRAPHS: usize = 5;
/// Dateline tags that open a Chinese news paragraph: 本报讯, 新华社…电.
pub const DATELINE_ZH: &[&str] = &["本报讯", "讯）", "电）", "电 ", "讯 "];
