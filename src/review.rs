//! Review policy: when a page's review is due, and what an overdue review does to a build.
//!
//! A publisher keeps pages on a review cycle (the NHS shows "Page last reviewed / Next review
//! due"; HSE Ireland reviews every 3 years). An overdue page is tracked and shown, not a reason
//! to refuse a build: a build is also how an urgent correction to another page goes out.

use std::fmt;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// `site.yaml` `review:` settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReviewPolicy {
    /// How long a review lasts: the next review is due this long after `reviewed.on` when a
    /// page gives no `reviewed.next`, and `plainleaf new` and `import` use it for their dates.
    #[serde(default = "default_interval")]
    pub interval: Period,
    /// What an overdue review is in `build` and `serve`: a warning (default) or an error.
    #[serde(default)]
    pub overdue: OverduePolicy,
    /// A review is "due soon" this long before its date.
    #[serde(default = "default_due_soon")]
    pub due_soon: Period,
}

impl Default for ReviewPolicy {
    fn default() -> Self {
        ReviewPolicy {
            interval: default_interval(),
            overdue: OverduePolicy::default(),
            due_soon: default_due_soon(),
        }
    }
}

fn default_interval() -> Period {
    Period { amount: 3, unit: PeriodUnit::Years }
}

fn default_due_soon() -> Period {
    Period { amount: 60, unit: PeriodUnit::Days }
}

/// What an overdue review does to a build.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum OverduePolicy {
    /// A warning; the build goes on (`--strict` makes it fail).
    #[default]
    Warn,
    /// An error; the build fails unless `--allow-stale` is given.
    Error,
}

/// A length of time written like `3y`, `18m`, `6w` or `60d`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    /// How many units.
    pub amount: u32,
    /// Years, months, weeks or days.
    pub unit: PeriodUnit,
}

/// The unit of a [`Period`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodUnit {
    /// `y`
    Years,
    /// `m`
    Months,
    /// `w`
    Weeks,
    /// `d`
    Days,
}

impl Period {
    /// Parse `3y`, `18m`, `6w` or `60d`.
    pub fn parse(text: &str) -> Result<Period, String> {
        let text = text.trim();
        let split = text.find(|c: char| !c.is_ascii_digit()).unwrap_or(text.len());
        let (digits, unit) = text.split_at(split);
        let amount: u32 = digits.parse().map_err(|_| format!("{text:?} does not start with a number"))?;
        let unit = match unit.trim() {
            "y" => PeriodUnit::Years,
            "m" => PeriodUnit::Months,
            "w" => PeriodUnit::Weeks,
            "d" => PeriodUnit::Days,
            other => return Err(format!("{other:?} is not a unit: use y, m, w or d (like 3y or 60d)")),
        };
        if amount == 0 || amount > 100_000 {
            return Err(format!("{text:?} must be at least 1 and at most 100000"));
        }
        Ok(Period { amount, unit })
    }

    /// `date` moved forward by this period (clamped to the calendar's last day).
    pub fn after(&self, date: Date) -> Date {
        date.checked_add(self.span()).unwrap_or(Date::MAX)
    }

    /// `date` moved back by this period (clamped to the calendar's first day).
    pub fn before(&self, date: Date) -> Date {
        date.checked_sub(self.span()).unwrap_or(Date::MIN)
    }

    fn span(&self) -> jiff::Span {
        let n = i64::from(self.amount);
        let span = jiff::Span::new();
        match self.unit {
            PeriodUnit::Years => span.try_years(n),
            PeriodUnit::Months => span.try_months(n),
            PeriodUnit::Weeks => span.try_weeks(n),
            PeriodUnit::Days => span.try_days(n),
        }
        .unwrap_or(span)
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let unit = match self.unit {
            PeriodUnit::Years => 'y',
            PeriodUnit::Months => 'm',
            PeriodUnit::Weeks => 'w',
            PeriodUnit::Days => 'd',
        };
        write!(f, "{}{unit}", self.amount)
    }
}

impl Serialize for Period {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// A period is a string like `3y`: at least 1, at most 100000, then `y`, `m`, `w` or `d`.
impl schemars::JsonSchema for Period {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Period".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "description": "A length of time: a number and a unit, y (years), m (months), w (weeks) or d (days).",
            "pattern": "^\\s*0*([1-9][0-9]{0,4}|100000)\\s*[ymwd]\\s*$",
            "examples": ["3y", "18m", "6w", "60d"]
        })
    }
}

impl<'de> Deserialize<'de> for Period {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Period::parse(&text).map_err(serde::de::Error::custom)
    }
}

/// Where a page stands in its review cycle on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum ReviewStatus {
    /// No review record at all.
    NeverReviewed,
    /// Reviewed and not yet due.
    Ok {
        /// When the next review is due.
        next: Date,
    },
    /// Due within the policy's `due_soon` period.
    DueSoon {
        /// When the next review is due.
        next: Date,
        /// Days left until then (0 on the day itself).
        days_left: i32,
    },
    /// The next review date has passed.
    Overdue {
        /// When the review was due.
        next: Date,
        /// Days since then.
        days_over: i32,
    },
}

impl ReviewStatus {
    /// The status of a page last reviewed `on` (with an explicit `next`, or `on` plus the
    /// policy's interval), on `today`.
    pub fn of(on: Option<Date>, next: Option<Date>, policy: &ReviewPolicy, today: Date) -> ReviewStatus {
        let Some(next) = next.or_else(|| on.map(|on| policy.interval.after(on))) else {
            return ReviewStatus::NeverReviewed;
        };
        let days = |from: Date, to: Date| from.until(to).map(|s| s.get_days()).unwrap_or(0);
        if today > next {
            ReviewStatus::Overdue { next, days_over: days(next, today) }
        } else if today >= policy.due_soon.before(next) {
            ReviewStatus::DueSoon { next, days_left: days(today, next) }
        } else {
            ReviewStatus::Ok { next }
        }
    }

    /// A stable machine name: `ok`, `due_soon`, `overdue` or `never_reviewed`.
    pub fn code(&self) -> &'static str {
        match self {
            ReviewStatus::NeverReviewed => "never_reviewed",
            ReviewStatus::Ok { .. } => "ok",
            ReviewStatus::DueSoon { .. } => "due_soon",
            ReviewStatus::Overdue { .. } => "overdue",
        }
    }

    /// The date the next review is due, when the page has been reviewed.
    pub fn next(&self) -> Option<Date> {
        match *self {
            ReviewStatus::NeverReviewed => None,
            ReviewStatus::Ok { next }
            | ReviewStatus::DueSoon { next, .. }
            | ReviewStatus::Overdue { next, .. } => Some(next),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn periods_parse_and_print() {
        assert_eq!(Period::parse("3y"), Ok(Period { amount: 3, unit: PeriodUnit::Years }));
        assert_eq!(Period::parse(" 60d "), Ok(Period { amount: 60, unit: PeriodUnit::Days }));
        assert_eq!(Period::parse("18m").map(|p| p.to_string()), Ok("18m".to_string()));
        assert!(Period::parse("3 years").is_err());
        assert!(Period::parse("y").is_err());
        assert!(Period::parse("0d").is_err());
    }

    #[test]
    fn periods_move_dates_and_clamp_month_ends() {
        let p = Period::parse("3y").unwrap();
        assert_eq!(p.after(date(2024, 2, 29)), date(2027, 2, 28));
        assert_eq!(Period::parse("1m").unwrap().after(date(2025, 1, 31)), date(2025, 2, 28));
        assert_eq!(Period::parse("2w").unwrap().before(date(2025, 1, 10)), date(2024, 12, 27));
    }

    #[test]
    fn status_follows_the_dates() {
        let policy = ReviewPolicy::default();
        let on = Some(date(2023, 1, 1));
        let next = Some(date(2026, 1, 1));
        assert_eq!(ReviewStatus::of(None, None, &policy, date(2025, 1, 1)), ReviewStatus::NeverReviewed);
        assert_eq!(ReviewStatus::of(on, next, &policy, date(2025, 6, 1)).code(), "ok");
        // 60 days before the date is the first "due soon" day.
        assert_eq!(ReviewStatus::of(on, next, &policy, date(2025, 11, 2)).code(), "due_soon");
        assert_eq!(ReviewStatus::of(on, next, &policy, date(2025, 11, 1)).code(), "ok");
        assert_eq!(
            ReviewStatus::of(on, next, &policy, date(2026, 1, 1)),
            ReviewStatus::DueSoon { next: date(2026, 1, 1), days_left: 0 }
        );
        assert_eq!(
            ReviewStatus::of(on, next, &policy, date(2026, 1, 3)),
            ReviewStatus::Overdue { next: date(2026, 1, 1), days_over: 2 }
        );
    }

    #[test]
    fn without_next_the_interval_decides() {
        let policy = ReviewPolicy { interval: Period::parse("1y").unwrap(), ..ReviewPolicy::default() };
        let status = ReviewStatus::of(Some(date(2024, 3, 1)), None, &policy, date(2025, 3, 2));
        assert_eq!(status, ReviewStatus::Overdue { next: date(2025, 3, 1), days_over: 1 });
    }
}
