//! A value known only within bounds. "More than 21%" is (21, ∞), "less than 5%" is [0, 5);
//! arithmetic on estimates keeps the bounds, so a ratio of a lower bound stays a bound.

use super::dataset::Qualifier;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Estimate {
    pub lo: f64,
    pub hi: f64,
    /// The low end itself is excluded ("more than").
    pub lo_open: bool,
    /// The high end itself is excluded ("less than").
    pub hi_open: bool,
}

/// How an estimate reads in words.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Shape {
    Point(f64),
    About(f64),
    MoreThan(f64),
    AtLeast(f64),
    LessThan(f64),
    AtMost(f64),
    Between(f64, f64),
}

impl Estimate {
    pub fn point(v: f64) -> Self {
        Estimate {
            lo: v,
            hi: v,
            lo_open: false,
            hi_open: false,
        }
    }

    /// Build from a reported value. `floor` is the smallest value the unit allows (0 for amounts).
    pub fn from_reported(v: f64, q: Qualifier, about_pct: f64, floor: f64) -> Self {
        let inf = f64::INFINITY;
        match q {
            Qualifier::Exact => Self::point(v),
            Qualifier::About => {
                let d = (v * about_pct / 100.0).abs();
                Estimate {
                    lo: v - d,
                    hi: v + d,
                    lo_open: false,
                    hi_open: false,
                }
            }
            Qualifier::MoreThan => Estimate {
                lo: v,
                hi: inf,
                lo_open: true,
                hi_open: true,
            },
            Qualifier::AtLeast => Estimate {
                lo: v,
                hi: inf,
                lo_open: false,
                hi_open: true,
            },
            Qualifier::LessThan => Estimate {
                lo: floor,
                hi: v,
                lo_open: false,
                hi_open: true,
            },
            Qualifier::AtMost => Estimate {
                lo: floor,
                hi: v,
                lo_open: false,
                hi_open: false,
            },
        }
    }

    pub fn is_point(&self) -> bool {
        self.lo == self.hi
    }

    /// A representative value: the point, the middle of a finite range, or the finite end.
    pub fn central(&self) -> f64 {
        match (self.lo.is_finite(), self.hi.is_finite()) {
            (true, true) => (self.lo + self.hi) / 2.0,
            (true, false) => self.lo,
            (false, true) => self.hi,
            (false, false) => 0.0,
        }
    }

    pub fn scale(&self, k: f64) -> Estimate {
        if k >= 0.0 {
            Estimate {
                lo: self.lo * k,
                hi: self.hi * k,
                ..*self
            }
        } else {
            Estimate {
                lo: self.hi * k,
                hi: self.lo * k,
                lo_open: self.hi_open,
                hi_open: self.lo_open,
            }
        }
    }

    pub fn add(&self, o: &Estimate) -> Estimate {
        Estimate {
            lo: self.lo + o.lo,
            hi: self.hi + o.hi,
            lo_open: self.lo_open || o.lo_open,
            hi_open: self.hi_open || o.hi_open,
        }
    }

    pub fn sub(&self, o: &Estimate) -> Estimate {
        Estimate {
            lo: self.lo - o.hi,
            hi: self.hi - o.lo,
            lo_open: self.lo_open || o.hi_open,
            hi_open: self.hi_open || o.lo_open,
        }
    }

    /// Product of two non-negative estimates.
    pub fn mul(&self, o: &Estimate) -> Estimate {
        Estimate {
            lo: self.lo * o.lo,
            hi: mul_inf(self.hi, o.hi),
            lo_open: self.lo_open || o.lo_open,
            hi_open: self.hi_open || o.hi_open,
        }
    }

    /// Quotient of two non-negative estimates; `None` when the divisor may be zero.
    pub fn div(&self, o: &Estimate) -> Option<Estimate> {
        if o.lo <= 0.0 {
            return None;
        }
        let lo = if o.hi.is_infinite() {
            0.0
        } else {
            self.lo / o.hi
        };
        Some(Estimate {
            lo,
            hi: self.hi / o.lo,
            lo_open: self.lo_open || o.hi_open,
            hi_open: self.hi_open || o.lo_open,
        })
    }

    /// Distance between two estimates; 0 when they overlap.
    pub fn gap(&self, o: &Estimate) -> f64 {
        if self.hi < o.lo {
            o.lo - self.hi
        } else if o.hi < self.lo {
            self.lo - o.hi
        } else {
            0.0
        }
    }

    pub fn shape(&self) -> Shape {
        if self.is_point() {
            Shape::Point(self.lo)
        } else if self.hi.is_infinite() {
            if self.lo_open {
                Shape::MoreThan(self.lo)
            } else {
                Shape::AtLeast(self.lo)
            }
        } else if self.lo <= 0.0 || self.lo.is_infinite() {
            if self.hi_open {
                Shape::LessThan(self.hi)
            } else {
                Shape::AtMost(self.hi)
            }
        } else if ((self.hi - self.lo) / (self.hi + self.lo)).abs() < 0.03 {
            Shape::About((self.hi + self.lo) / 2.0)
        } else {
            Shape::Between(self.lo, self.hi)
        }
    }
}

fn mul_inf(a: f64, b: f64) -> f64 {
    if a == 0.0 || b == 0.0 {
        0.0
    } else {
        a * b
    }
}
