#![cfg(not(target_arch = "wasm32"))]
//! Units, number scales, significant digits, exchange-rate rules and bounds arithmetic.

use case_explorer::model::units::{convert, rate_for, round_significant, significant_digits};
use case_explorer::model::{
    AnnualRate, Currency, Estimate, Model, Period, Qualifier, RateChoice, RateRule, Shape, Unit,
};
use proptest::prelude::*;

mod numfmt_cases;

/// An area in another area unit (`None` unless both are areas).
fn convert_area(v: f64, a: Unit, b: Unit) -> Option<f64> {
    if a.is_area() && b.is_area() {
        convert(v, &a, &b)
    } else {
        None
    }
}

fn yuan_per_dollar() -> (Currency, Currency) {
    (
        Currency::parse("CNY").unwrap(),
        Currency::parse("USD").unwrap(),
    )
}

/// The rate the embedded model converts yuan of a period into dollars at.
fn rate_of(m: &Model, p: &Period) -> Option<RateChoice> {
    let (cny, usd) = yuan_per_dollar();
    m.rate(cny, usd, p).map(|(r, _)| r)
}

fn close(a: f64, b: f64, rel: f64) -> bool {
    a == b || (a - b).abs() <= rel * a.abs().max(b.abs())
}

// ---------------------------------------------------------------- areas

#[test]
fn area_conversions_use_15_mu_per_hectare_and_100_hectares_per_km2() {
    assert_eq!(
        convert_area(1.0, Unit::builtin("ha"), Unit::builtin("mu")),
        Some(15.0)
    );
    assert_eq!(
        convert_area(15.0, Unit::builtin("mu"), Unit::builtin("ha")),
        Some(1.0)
    );
    assert_eq!(
        convert_area(1.0, Unit::builtin("km2"), Unit::builtin("ha")),
        Some(100.0)
    );
    assert_eq!(
        convert_area(100.0, Unit::builtin("ha"), Unit::builtin("km2")),
        Some(1.0)
    );
    assert_eq!(
        convert_area(1.0, Unit::builtin("km2"), Unit::builtin("mu")),
        Some(1500.0)
    );
    // 273,333 ha is the 4.1 million mu of the Chinese sources.
    let mu = convert_area(273_333.0, Unit::builtin("ha"), Unit::builtin("mu")).unwrap();
    assert!(close(mu, 4_099_995.0, 1e-12), "{mu}");
    // The banner: about 11,500 km² = 1.15 million ha = 17.25 million mu.
    let mu = convert_area(11_500.0, Unit::builtin("km2"), Unit::builtin("mu")).unwrap();
    assert!(close(mu, 17_250_000.0, 1e-12), "{mu}");
}

#[test]
fn only_areas_convert_as_areas() {
    assert_eq!(
        convert_area(1.0, Unit::builtin("CNY"), Unit::builtin("ha")),
        None
    );
    assert_eq!(
        convert_area(1.0, Unit::builtin("ha"), Unit::builtin("%")),
        None
    );
    assert_eq!(
        convert_area(1.0, Unit::builtin("m3"), Unit::builtin("m3")),
        None
    );
    for u in [
        Unit::builtin("ha"),
        Unit::builtin("mu"),
        Unit::builtin("km2"),
    ] {
        assert!(u.is_area());
        assert_eq!(Unit::parse(u.code()), Some(u));
    }
    assert!(!Unit::builtin("CNY/ha").is_area());
    assert_eq!(Unit::parse("hectare"), None);
}

fn area_unit() -> impl Strategy<Value = Unit> {
    prop_oneof![
        Just(Unit::builtin("ha")),
        Just(Unit::builtin("mu")),
        Just(Unit::builtin("km2"))
    ]
}

proptest! {
    #[test]
    fn area_round_trips(v in 0.0f64..1e12, a in area_unit(), b in area_unit()) {
        let there = convert_area(v, a.clone(), b.clone()).unwrap();
        let back = convert_area(there, b.clone(), a.clone()).unwrap();
        prop_assert!(close(back, v, 1e-12), "{v} {a:?}→{b:?}→{a:?} = {back}");
    }

    #[test]
    fn area_factors(v in 0.0f64..1e12) {
        let mu = convert_area(v, Unit::builtin("ha"), Unit::builtin("mu")).unwrap();
        prop_assert!(close(mu, v * 15.0, 1e-12));
        let ha = convert_area(v, Unit::builtin("km2"), Unit::builtin("ha")).unwrap();
        prop_assert!(close(ha, v * 100.0, 1e-12));
        let km2 = convert_area(v, Unit::builtin("mu"), Unit::builtin("km2")).unwrap();
        prop_assert!(close(km2, v / 1500.0, 1e-12));
        // Going through hectares or directly gives the same.
        let via = convert_area(convert_area(v, Unit::builtin("mu"), Unit::builtin("ha")).unwrap(), Unit::builtin("ha"), Unit::builtin("km2")).unwrap();
        prop_assert!(close(via, km2, 1e-12));
    }
}

// ---------------------------------------------------------------- numbers as text

#[test]
fn numbers_too_large_or_too_small_are_written_compactly_and_minus_zero_is_zero() {
    use case_explorer::numfmt;
    for &(value, sig, style, lang, want) in numfmt_cases::CASES {
        assert_eq!(
            numfmt::number(value, lang, sig, style),
            want,
            "{value:e} {sig:?} {style:?} {lang:?}"
        );
    }
    // A shown value of −0 yuan reads "0 yuan".
    let e = Estimate::point(-0.0);
    assert_eq!(
        numfmt::estimate(&e, case_explorer::model::Lang::En, None, Default::default()),
        "0"
    );
    assert_eq!(case_explorer::model::format::number_text(-0.0), "0");
}

proptest! {
    /// Any finite number is written in a few characters, and a number that is not zero is not
    /// written as a zero.
    #[test]
    fn every_number_is_short_and_not_zero_unless_it_is(
        v in any::<f64>().prop_filter("finite", |v| v.is_finite()),
        sig in prop::option::of(1u32..=15),
        wan in any::<bool>(),
    ) {
        use case_explorer::model::display::NumberStyle;
        use case_explorer::model::Lang;
        let style = if wan { NumberStyle::Compact } else { NumberStyle::Full };
        let text = case_explorer::numfmt::number(v, Lang::En, sig, style);
        prop_assert!(text.chars().count() <= 32, "{v:e}: {text}");
        let mantissa = text.split('×').next().unwrap_or("");
        prop_assert_eq!(
            mantissa.chars().any(|c| ('1'..='9').contains(&c)),
            v != 0.0,
            "{:e}: {}", v, text
        );
        prop_assert!(!text.starts_with("-0") || text.starts_with("-0."), "{v:e}: {text}");
    }
}

// ---------------------------------------------------------------- significant digits

#[test]
fn significant_digits_examples() {
    assert_eq!(significant_digits(51.36), 4);
    assert_eq!(significant_digits(273_333.0), 6);
    assert_eq!(significant_digits(310.0), 2);
    assert_eq!(significant_digits(10_000.0), 1);
    assert_eq!(significant_digits(50.457), 5);
    assert_eq!(significant_digits(0.07), 1);
    assert_eq!(significant_digits(-4.45), 3);
    assert_eq!(significant_digits(0.0), 1);
    assert_eq!(significant_digits(f64::NAN), 1);
    assert_eq!(significant_digits(f64::INFINITY), 1);
    // 0.1 + 0.2 has 17 digits; at most 15 are kept.
    assert_eq!(significant_digits(0.1 + 0.2), 15);
}

#[test]
fn round_significant_examples() {
    assert_eq!(round_significant(4_099_995.0, 2), 4_100_000.0);
    assert_eq!(round_significant(857.142857, 3), 857.0);
    assert_eq!(round_significant(8.664330218068535, 3), 8.66);
    assert_eq!(round_significant(-1_845.99, 2), -1_800.0);
    assert_eq!(round_significant(0.012345, 2), 0.012);
    assert_eq!(round_significant(0.0, 3), 0.0);
    // Halves go away from zero.
    assert_eq!(round_significant(12.5, 2), 13.0);
    assert_eq!(round_significant(-12.5, 2), -13.0);
    assert_eq!(round_significant(0.125, 2), 0.13);
    // Rounding up may add a digit.
    assert_eq!(round_significant(99_999.6, 1), 100_000.0);
    // 0 digits count as 1.
    assert_eq!(round_significant(51.36, 0), 50.0);
    // Overflow leaves the value as it is.
    assert_eq!(round_significant(f64::MAX, 1), f64::MAX);
    assert!(round_significant(f64::NAN, 3).is_nan());
    assert_eq!(round_significant(f64::INFINITY, 3), f64::INFINITY);
}

#[test]
fn round_significant_works_at_the_ends_of_the_float_range() {
    for v in [1e-300, 2.5e-310, 5e-324, 1e300, f64::MAX, f64::MIN_POSITIVE] {
        for d in 1..=15 {
            let r = round_significant(v, d);
            assert!(r.is_finite(), "round_significant({v:e}, {d}) = {r}");
            assert!(
                close(r, v, 10f64.powi(1 - d as i32)),
                "round_significant({v:e}, {d}) = {r:e}"
            );
        }
    }
}

proptest! {
    /// A number written with k significant digits (k ≤ 15) has k significant digits, and
    /// rounding it to k digits gives it back unchanged.
    #[test]
    fn decimal_numbers_keep_their_digits(mantissa in 1u64..1_000_000_000_000_000, exp in -30i32..30) {
        let mut m = mantissa;
        while m % 10 == 0 {
            m /= 10;
        }
        let digits = m.to_string().len() as u32;
        let v: f64 = format!("{m}e{exp}").parse().unwrap();
        prop_assert_eq!(significant_digits(v), digits, "{}", v);
        prop_assert_eq!(round_significant(v, digits), v);
        prop_assert_eq!(round_significant(-v, digits), -v);
    }

    #[test]
    fn rounding_is_close_and_idempotent(v in -1e15f64..1e15, d in 1u32..=15) {
        let r = round_significant(v, d);
        prop_assert!(close(r, v, 10f64.powi(1 - d as i32)), "{} to {} digits: {}", v, d, r);
        prop_assert!(significant_digits(r) <= d, "{} to {} digits: {} has {} digits", v, d, r, significant_digits(r));
        prop_assert_eq!(round_significant(r, d), r);
    }
}

// ---------------------------------------------------------------- exchange rates

fn table() -> Vec<AnnualRate> {
    [
        (2014, 6.1428),
        (2015, 6.2284),
        (2016, 6.6423),
        (2017, 6.7518),
    ]
    .into_iter()
    .map(|(year, value)| AnnualRate {
        year,
        value,
        pair: yuan_per_dollar(),
        figure: format!("cny_per_usd_{year}"),
    })
    .collect()
}

const MEAN_2014_2017: f64 = (6.1428 + 6.2284 + 6.6423 + 6.7518) / 4.0;

#[test]
fn the_embedded_model_has_the_four_annual_rates() {
    let m = Model::embedded().unwrap();
    assert_eq!(m.rates, table());
}

#[test]
fn a_year_uses_its_own_rate() {
    let m = Model::embedded().unwrap();
    let r = rate_of(&m, &Period::Year { year: 2017 }).unwrap();
    assert_eq!(
        (r.value, r.years, r.rule),
        (6.7518, vec![2017], RateRule::SameYear)
    );
    let r = rate_for(&Period::Year { year: 2015 }, &table()).unwrap();
    assert_eq!((r.value, r.rule), (6.2284, RateRule::SameYear));
}

#[test]
fn a_range_uses_the_mean_of_its_years() {
    let r = rate_for(
        &Period::Range {
            from: 2014,
            to: 2017,
        },
        &table(),
    )
    .unwrap();
    assert_eq!(r.rule, RateRule::MeanOfYears);
    assert_eq!(r.years, [2014, 2015, 2016, 2017]);
    assert!(close(r.value, 6.441325, 1e-12), "{}", r.value);
    assert!(close(r.value, MEAN_2014_2017, 1e-12));
    // A range partly outside the table: the mean of the years it has.
    let r = rate_for(
        &Period::Range {
            from: 2016,
            to: 2020,
        },
        &table(),
    )
    .unwrap();
    assert_eq!(
        (r.years.clone(), r.rule),
        (vec![2016, 2017], RateRule::MeanOfYears)
    );
    assert!(close(r.value, (6.6423 + 6.7518) / 2.0, 1e-12));
}

#[test]
fn since_a_year_uses_the_mean_up_to_the_latest_rate() {
    let m = Model::embedded().unwrap();
    let r = rate_of(&m, &Period::Since { year: 2014 }).unwrap();
    assert_eq!(
        (r.years.clone(), r.rule),
        (vec![2014, 2015, 2016, 2017], RateRule::MeanOfYears)
    );
    assert!(close(r.value, MEAN_2014_2017, 1e-12));
    let r = rate_for(&Period::Since { year: 2016 }, &table()).unwrap();
    assert_eq!(r.years, [2016, 2017]);
    // "Since 2002": the years 2002–2013 have no rate; the mean of those that do.
    let r = rate_for(&Period::Since { year: 2002 }, &table()).unwrap();
    assert_eq!(
        (r.years.clone(), r.rule),
        (vec![2014, 2015, 2016, 2017], RateRule::MeanOfYears)
    );
    // Since a year after the table: the nearest, i.e. the latest.
    let r = rate_for(&Period::Since { year: 2020 }, &table()).unwrap();
    assert_eq!(
        (r.value, r.years, r.rule),
        (6.7518, vec![2017], RateRule::Nearest)
    );
}

#[test]
fn undated_figures_use_the_latest_rate() {
    for p in [Period::Undated, Period::Present, Period::RecentYears] {
        let r = rate_for(&p, &table()).unwrap();
        assert_eq!(
            (r.value, r.years, r.rule),
            (6.7518, vec![2017], RateRule::Latest),
            "{p:?}"
        );
    }
}

#[test]
fn a_year_outside_the_table_uses_the_nearest() {
    let r = rate_for(&Period::Year { year: 2020 }, &table()).unwrap();
    assert_eq!(
        (r.value, r.years, r.rule),
        (6.7518, vec![2017], RateRule::Nearest)
    );
    let r = rate_for(&Period::Year { year: 2002 }, &table()).unwrap();
    assert_eq!(
        (r.value, r.years, r.rule),
        (6.1428, vec![2014], RateRule::Nearest)
    );
    let r = rate_for(
        &Period::Range {
            from: 2008,
            to: 2010,
        },
        &table(),
    )
    .unwrap();
    assert_eq!((r.years, r.rule), (vec![2014], RateRule::Nearest));
}

#[test]
fn a_year_in_a_gap_of_the_table_uses_the_nearest() {
    let gappy: Vec<AnnualRate> = table()
        .into_iter()
        .filter(|r| r.year != 2015 && r.year != 2016)
        .collect();
    let r = rate_for(&Period::Year { year: 2015 }, &gappy).expect("a rate for a year in a gap");
    assert_eq!(
        (r.value, r.years, r.rule),
        (6.1428, vec![2014], RateRule::Nearest)
    );
    let r = rate_for(&Period::Year { year: 2016 }, &gappy).expect("a rate for a year in a gap");
    assert_eq!(
        (r.value, r.years, r.rule),
        (6.7518, vec![2017], RateRule::Nearest)
    );
    let r = rate_for(
        &Period::Range {
            from: 2015,
            to: 2016,
        },
        &gappy,
    )
    .expect("a rate for a range in a gap");
    assert_eq!(r.rule, RateRule::Nearest);
}

#[test]
fn no_table_no_rate() {
    for p in [
        Period::Year { year: 2017 },
        Period::Undated,
        Period::Range {
            from: 2014,
            to: 2017,
        },
    ] {
        assert_eq!(rate_for(&p, &[]), None);
    }
}

#[test]
fn extreme_periods_are_answered_at_once() {
    let start = std::time::Instant::now();
    let r = rate_for(
        &Period::Range {
            from: i32::MIN,
            to: i32::MAX,
        },
        &table(),
    )
    .unwrap();
    assert_eq!(r.years, [2014, 2015, 2016, 2017]);
    let r = rate_for(&Period::Since { year: i32::MIN }, &table()).unwrap();
    assert_eq!(r.years, [2014, 2015, 2016, 2017]);
    let r = rate_for(&Period::Year { year: i32::MIN }, &table()).unwrap();
    assert_eq!(r.years, [2014]);
    let r = rate_for(&Period::Year { year: i32::MAX }, &table()).unwrap();
    assert_eq!(r.years, [2017]);
    assert!(start.elapsed().as_secs() < 2, "took {:?}", start.elapsed());
}

proptest! {
    #[test]
    fn rate_rules_hold_for_any_year(y in 1900i32..2100, len in 0i32..30) {
        let rates = table();
        let r = rate_for(&Period::Year { year: y }, &rates).unwrap();
        if (2014..=2017).contains(&y) {
            prop_assert_eq!(r.rule, RateRule::SameYear);
            prop_assert_eq!(r.years, vec![y]);
        } else {
            prop_assert_eq!(r.rule, RateRule::Nearest);
            prop_assert_eq!(r.years, vec![y.clamp(2014, 2017)]);
        }
        let r = rate_for(&Period::Range { from: y, to: y + len }, &rates).unwrap();
        let covered: Vec<i32> = (y..=y + len).filter(|x| (2014..=2017).contains(x)).collect();
        if covered.is_empty() {
            prop_assert_eq!(r.rule, RateRule::Nearest);
        } else {
            prop_assert_eq!(r.rule, RateRule::MeanOfYears);
            let mean = covered.iter().map(|c| rates.iter().find(|r| r.year == *c).unwrap().value).sum::<f64>() / covered.len() as f64;
            prop_assert!(close(r.value, mean, 1e-12));
            prop_assert_eq!(r.years, covered);
        }
        prop_assert!((6.1428..=6.7518).contains(&r.value));
    }
}

// ---------------------------------------------------------------- bounds arithmetic

fn reported(v: f64, q: Qualifier) -> Estimate {
    Estimate::from_reported(v, q, 1.0, 0.0)
}

#[test]
fn qualifiers_become_bounds() {
    assert_eq!(reported(21.0, Qualifier::Exact).shape(), Shape::Point(21.0));
    assert_eq!(
        reported(21.0, Qualifier::MoreThan).shape(),
        Shape::MoreThan(21.0)
    );
    assert_eq!(
        reported(21.0, Qualifier::AtLeast).shape(),
        Shape::AtLeast(21.0)
    );
    assert_eq!(
        reported(5.0, Qualifier::LessThan).shape(),
        Shape::LessThan(5.0)
    );
    assert_eq!(reported(5.0, Qualifier::AtMost).shape(), Shape::AtMost(5.0));
    assert_eq!(
        reported(11_500.0, Qualifier::About).shape(),
        Shape::About(11_500.0)
    );
    let about = Estimate::from_reported(11_500.0, Qualifier::About, 1.0, 0.0);
    assert_eq!((about.lo, about.hi), (11_385.0, 11_615.0));
    let less = reported(5.0, Qualifier::LessThan);
    assert_eq!(
        (less.lo, less.hi, less.lo_open, less.hi_open),
        (0.0, 5.0, false, true)
    );
    // A unit that may be negative has no floor.
    let less = Estimate::from_reported(5.0, Qualifier::LessThan, 1.0, f64::NEG_INFINITY);
    assert_eq!(less.lo, f64::NEG_INFINITY);
    let wide = Estimate::from_reported(100.0, Qualifier::About, 20.0, 0.0);
    assert_eq!(wide.shape(), Shape::Between(80.0, 120.0));
}

#[test]
fn a_ratio_of_a_lower_bound_is_a_bound_not_a_point() {
    let share = reported(21.0, Qualifier::MoreThan)
        .div(&Estimate::point(100.0))
        .unwrap();
    assert_eq!(share.shape(), Shape::MoreThan(0.21));
    assert!(!share.is_point());
    let per = Estimate::point(420.0)
        .div(&reported(21.0, Qualifier::MoreThan))
        .unwrap();
    assert_eq!(per.shape(), Shape::LessThan(20.0));
    // Dividing by something that may be zero has no answer.
    assert_eq!(
        Estimate::point(1.0).div(&reported(5.0, Qualifier::LessThan)),
        None
    );
    assert_eq!(Estimate::point(1.0).div(&Estimate::point(0.0)), None);
}

#[test]
fn difference_of_more_than_and_less_than() {
    // Vegetation cover: from less than 5% to over 70% is a rise of more than 65 points.
    let now = reported(70.0, Qualifier::MoreThan);
    let before = reported(5.0, Qualifier::LessThan);
    let gain = now.sub(&before);
    assert_eq!(gain.shape(), Shape::MoreThan(65.0));
    assert!(gain.lo_open && gain.hi.is_infinite());
    // Forest cover: more than 21% less a rise of 10 points is more than 11%.
    let base = reported(21.0, Qualifier::MoreThan).sub(&Estimate::point(10.0));
    assert_eq!(base.shape(), Shape::MoreThan(11.0));
    // The other way round: less than 5 minus more than 70 is less than −65.
    let fall = before.sub(&now);
    assert_eq!((fall.hi, fall.hi_open), (-65.0, true));
    assert_eq!(fall.lo, f64::NEG_INFINITY);
}

#[test]
fn sums_products_and_scales_keep_bounds() {
    let sum = reported(21.0, Qualifier::MoreThan).add(&Estimate::point(4.0));
    assert_eq!(sum.shape(), Shape::MoreThan(25.0));
    let p = Estimate::point(310.0).mul(&Estimate::point(10_000.0));
    assert_eq!(p.shape(), Shape::Point(3_100_000.0));
    let p = reported(0.21, Qualifier::MoreThan).mul(&Estimate::from_reported(
        1_150_000.0,
        Qualifier::About,
        1.0,
        0.0,
    ));
    assert_eq!(p.shape(), Shape::MoreThan(0.21 * 1_138_500.0));
    let zero_times_unbounded = Estimate::point(0.0).mul(&reported(1.0, Qualifier::MoreThan));
    assert_eq!(zero_times_unbounded.shape(), Shape::Point(0.0));
    let s = reported(5.0, Qualifier::LessThan).scale(-2.0);
    assert_eq!(
        (s.lo, s.hi, s.lo_open, s.hi_open),
        (-10.0, -0.0, true, false)
    );
    assert_eq!(Estimate::point(3.0).central(), 3.0);
    assert_eq!(reported(21.0, Qualifier::MoreThan).central(), 21.0);
    assert_eq!(reported(5.0, Qualifier::LessThan).central(), 2.5);
}

#[test]
fn gaps_between_estimates() {
    let a = Estimate::point(10.0);
    let b = Estimate::point(12.5);
    assert_eq!(a.gap(&b), 2.5);
    assert_eq!(b.gap(&a), 2.5);
    assert_eq!(
        reported(21.0, Qualifier::MoreThan).gap(&Estimate::point(30.0)),
        0.0
    );
    assert_eq!(
        reported(21.0, Qualifier::MoreThan).gap(&Estimate::point(20.0)),
        1.0
    );
    assert_eq!(
        reported(5.0, Qualifier::LessThan).gap(&Estimate::point(7.0)),
        2.0
    );
}

/// An estimate of non-negative values and a value inside it.
fn estimate_and_member() -> impl Strategy<Value = (Estimate, f64)> {
    (0.0f64..1e6, 0.0f64..1e6, 0.0f64..=1.0, 0usize..4).prop_map(|(a, w, t, kind)| {
        let (lo, hi) = (a, a + w);
        match kind {
            0 => (Estimate::point(a), a),
            1 => (
                Estimate {
                    lo,
                    hi,
                    lo_open: false,
                    hi_open: false,
                },
                lo + t * (hi - lo),
            ),
            // more than `lo`: a member anywhere above it
            2 => (
                Estimate::from_reported(lo, Qualifier::MoreThan, 1.0, 0.0),
                lo + w + 1.0,
            ),
            _ => (
                Estimate::from_reported(hi.max(1.0), Qualifier::LessThan, 1.0, 0.0),
                t * hi.max(1.0) * 0.999,
            ),
        }
    })
}

fn contains(e: &Estimate, v: f64) -> bool {
    let slack = 1e-9 * v.abs().max(1.0);
    e.lo - slack <= v && v <= e.hi + slack
}

proptest! {
    /// Whatever the true values inside two estimates, the result of an operation on them lies
    /// inside the estimate the operation returns.
    #[test]
    fn arithmetic_contains_every_possible_result(
        (a, x) in estimate_and_member(),
        (b, y) in estimate_and_member(),
        k in -1e3f64..1e3,
    ) {
        prop_assert!(contains(&a, x) && contains(&b, y));
        prop_assert!(contains(&a.add(&b), x + y), "{:?} + {:?}", a, b);
        prop_assert!(contains(&a.sub(&b), x - y), "{:?} - {:?}", a, b);
        prop_assert!(contains(&a.mul(&b), x * y), "{:?} * {:?}", a, b);
        prop_assert!(contains(&a.scale(k), x * k), "{:?} * {}", a, k);
        if let Some(q) = a.div(&b) {
            prop_assert!(b.lo > 0.0);
            prop_assert!(contains(&q, x / y), "{:?} / {:?} = {:?}", a, b, q);
        } else {
            prop_assert!(b.lo <= 0.0);
        }
        // A result is a point only when both operands are.
        if !a.is_point() {
            prop_assert!(!a.add(&b).is_point());
        }
        prop_assert!(a.gap(&b) >= 0.0);
        prop_assert_eq!(a.gap(&b), b.gap(&a));
    }
}

#[test]
fn a_year_given_twice_uses_its_first_rate_in_any_order_of_the_list() {
    // Thousands of copies of the same rate figures (a generated dataset), out of order.
    let mut rates: Vec<AnnualRate> = Vec::new();
    for copy in 0..1000 {
        for r in table().into_iter().rev() {
            rates.push(AnnualRate {
                value: if copy == 0 { r.value } else { 99.0 },
                figure: format!("{}__{copy}", r.figure),
                ..r
            });
        }
    }
    let r = rate_for(&Period::Year { year: 2015 }, &rates).unwrap();
    assert_eq!(
        (r.value, r.years, r.rule),
        (6.2284, vec![2015], RateRule::SameYear)
    );
    let r = rate_for(
        &Period::Range {
            from: 2014,
            to: 2017,
        },
        &rates,
    )
    .unwrap();
    assert_eq!(r.years, vec![2014, 2015, 2016, 2017]);
    assert!((r.value - (6.1428 + 6.2284 + 6.6423 + 6.7518) / 4.0).abs() < 1e-12);
}

#[test]
fn a_printed_scale_reads_as_the_source_wrote_it() {
    use case_explorer::model::format::scale_text;
    use case_explorer::model::{Lang, Scale};
    assert_eq!(scale_text(Scale::Million, Lang::En), " million");
    assert_eq!(scale_text(Scale::Million, Lang::Zh), "百万");
    assert_eq!(scale_text(Scale::Wan, Lang::En), " 万");
    for lang in Lang::ALL {
        assert_eq!(scale_text(Scale::One, lang), "");
        // Every other scale says something, in each language.
        for s in Scale::ALL.into_iter().filter(|s| *s != Scale::One) {
            assert!(!scale_text(s, lang).trim().is_empty(), "{s:?} {lang:?}");
        }
    }
}
