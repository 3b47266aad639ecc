//! Medical codes on pages (`codes:` in the front-matter), checked by each code system's own
//! format, so a typo is caught at build time instead of sending a patient record's link to
//! the wrong page.
//!
//! - ICD-10-CM: a letter, two characters, then a dot and up to four more (`E11.9`, `M06.9`).
//! - SNOMED CT: 6 to 18 digits whose last digit is a Verhoeff check digit, and whose
//!   partition (the two digits before it) says it is a concept.
//! - LOINC: up to five digits, a dash and a mod-10 (Luhn) check digit (`4548-4`).
//! - RxNorm: a concept number (RXCUI), digits only.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A code system a page's `codes:` can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CodeSystem {
    /// ICD-10-CM (diagnoses).
    Icd10cm,
    /// SNOMED CT (clinical findings, disorders, procedures).
    Snomed,
    /// RxNorm (medicines).
    Rxnorm,
    /// LOINC (tests and observations).
    Loinc,
}

impl CodeSystem {
    /// Every system, in the order pages and the index list them.
    pub const ALL: [CodeSystem; 4] =
        [CodeSystem::Icd10cm, CodeSystem::Snomed, CodeSystem::Rxnorm, CodeSystem::Loinc];

    /// The front-matter key and the folder under `codes/`.
    pub fn key(self) -> &'static str {
        match self {
            CodeSystem::Icd10cm => "icd10cm",
            CodeSystem::Snomed => "snomed",
            CodeSystem::Rxnorm => "rxnorm",
            CodeSystem::Loinc => "loinc",
        }
    }

    /// The HL7 object identifier an Infobutton request names the system by
    /// (`mainSearchCriteria.v.cs`).
    pub fn oid(self) -> &'static str {
        match self {
            CodeSystem::Icd10cm => "2.16.840.1.113883.6.90",
            CodeSystem::Snomed => "2.16.840.1.113883.6.96",
            CodeSystem::Rxnorm => "2.16.840.1.113883.6.88",
            CodeSystem::Loinc => "2.16.840.1.113883.6.1",
        }
    }

    /// The system's name for people.
    pub fn name(self) -> &'static str {
        match self {
            CodeSystem::Icd10cm => "ICD-10-CM",
            CodeSystem::Snomed => "SNOMED CT",
            CodeSystem::Rxnorm => "RxNorm",
            CodeSystem::Loinc => "LOINC",
        }
    }

    /// Check one code's format; the error says what is wrong in plain words.
    pub fn validate(self, code: &str) -> Result<(), CodeError> {
        match self {
            CodeSystem::Icd10cm => icd10cm(code),
            CodeSystem::Snomed => snomed(code),
            CodeSystem::Rxnorm => rxnorm(code),
            CodeSystem::Loinc => loinc(code),
        }
    }
}

impl fmt::Display for CodeSystem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A page's `codes:`: the codes of the conditions, medicines and tests it is about.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Codes {
    /// ICD-10-CM codes, like `E11.9`.
    #[serde(default, deserialize_with = "code_list")]
    pub icd10cm: Vec<String>,
    /// SNOMED CT concept ids, like `44054006`.
    #[serde(default, deserialize_with = "code_list")]
    pub snomed: Vec<String>,
    /// RxNorm concept ids (RXCUI), like `6809`.
    #[serde(default, deserialize_with = "code_list")]
    pub rxnorm: Vec<String>,
    /// LOINC codes, like `4548-4`.
    #[serde(default, deserialize_with = "code_list")]
    pub loinc: Vec<String>,
}

impl Codes {
    /// The codes of one system.
    pub fn of(&self, system: CodeSystem) -> &[String] {
        match system {
            CodeSystem::Icd10cm => &self.icd10cm,
            CodeSystem::Snomed => &self.snomed,
            CodeSystem::Rxnorm => &self.rxnorm,
            CodeSystem::Loinc => &self.loinc,
        }
    }

    /// Every (system, code) pair, systems in [`CodeSystem::ALL`] order.
    pub fn iter(&self) -> impl Iterator<Item = (CodeSystem, &str)> {
        CodeSystem::ALL.into_iter().flat_map(move |s| self.of(s).iter().map(move |c| (s, c.as_str())))
    }

    /// No codes at all.
    pub fn is_empty(&self) -> bool {
        self.iter().next().is_none()
    }
}

/// YAML reads `44054006` as a number and `E11.9` as a string: both are codes, alone or in
/// a list. (A number like `250.00` loses its zeros here; it is not a code of any system.)
fn code_list<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    use serde_yaml::Value;
    let one = |v: &Value| match v {
        Value::String(s) => Ok(s.clone()),
        Value::Number(n) => Ok(n.to_string()),
        _ => Err(serde::de::Error::custom("a code must be a single value, like E11.9 or 44054006")),
    };
    match Value::deserialize(d)? {
        Value::Sequence(list) => list.iter().map(one).collect(),
        other => Ok(vec![one(&other)?]),
    }
}

/// Why a code is not valid in its system.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct CodeError {
    /// What is wrong.
    pub message: String,
    /// What to write instead.
    pub help: String,
}

fn problem(message: impl Into<String>, help: impl Into<String>) -> CodeError {
    CodeError { message: message.into(), help: help.into() }
}

fn icd10cm(code: &str) -> Result<(), CodeError> {
    let help = "an ICD-10-CM code is a capital letter, a digit, a digit or letter, then a dot and up to four digits or letters, like E11.9 or M06.9";
    let upper = code.to_ascii_uppercase();
    if upper != code && shape_ok(&upper) {
        return Err(problem(
            format!("ICD-10-CM code {code:?} must be written in capitals"),
            format!("write {upper}"),
        ));
    }
    if !code.contains('.') && code.len() > 3 && shape_ok(&format!("{}.{}", &upper[..3], &upper[3..])) {
        return Err(problem(
            format!("ICD-10-CM code {code:?} has no dot after its third character"),
            format!("write {}.{}", &code[..3], &code[3..]),
        ));
    }
    if shape_ok(code) {
        Ok(())
    } else {
        Err(problem(format!("{code:?} is not an ICD-10-CM code"), help))
    }
}

/// `A00`, `A00.0` to `A00.0000`: letter, digit, alphanumeric, optional dot and 1-4 alphanumerics.
fn shape_ok(code: &str) -> bool {
    let b = code.as_bytes();
    let alnum = |c: &u8| c.is_ascii_digit() || c.is_ascii_uppercase();
    if b.len() < 3 || !b[0].is_ascii_uppercase() || !b[1].is_ascii_digit() || !alnum(&b[2]) {
        return false;
    }
    match &b[3..] {
        [] => true,
        [b'.', rest @ ..] => (1..=4).contains(&rest.len()) && rest.iter().all(alnum),
        _ => false,
    }
}

fn digits_only(code: &str) -> bool {
    !code.is_empty() && code.bytes().all(|c| c.is_ascii_digit())
}

fn snomed(code: &str) -> Result<(), CodeError> {
    let help = "a SNOMED CT concept id is 6 to 18 digits ending in a check digit, like 44054006: copy it again from the terminology browser";
    if !digits_only(code) || code.starts_with('0') || !(6..=18).contains(&code.len()) {
        return Err(problem(format!("{code:?} is not a SNOMED CT concept id"), help));
    }
    if !verhoeff_ok(code) {
        return Err(problem(
            format!("SNOMED CT id {code} fails its check digit (a digit is mistyped)"),
            help,
        ));
    }
    let partition = &code[code.len() - 3..code.len() - 1];
    if partition != "00" && partition != "10" {
        let what = match partition {
            "01" | "11" => "a description id",
            "02" | "12" => "a relationship id",
            _ => "not a concept id",
        };
        return Err(problem(
            format!("SNOMED CT id {code} is {what}, not a concept id"),
            "use the concept's id (the one shown as \"SCTID\" beside the concept name)",
        ));
    }
    Ok(())
}

/// The Verhoeff check: the digits, check digit included, must reduce to 0.
fn verhoeff_ok(code: &str) -> bool {
    const D: [[u8; 10]; 10] = [
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
        [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
        [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
        [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
        [4, 0, 1, 2, 3, 9, 5, 6, 7, 8],
        [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
        [6, 5, 9, 8, 7, 1, 0, 4, 3, 2],
        [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
        [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
        [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
    ];
    const P: [[u8; 10]; 8] = [
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
        [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
        [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
        [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
        [9, 4, 5, 3, 1, 2, 6, 8, 7, 0],
        [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
        [2, 7, 9, 3, 8, 0, 6, 4, 1, 5],
        [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
    ];
    let mut c = 0u8;
    for (i, digit) in code.bytes().rev().enumerate() {
        c = D[c as usize][P[i % 8][(digit - b'0') as usize] as usize];
    }
    c == 0
}

fn rxnorm(code: &str) -> Result<(), CodeError> {
    if digits_only(code) && !code.starts_with('0') && code.len() <= 8 {
        Ok(())
    } else {
        Err(problem(
            format!("{code:?} is not an RxNorm concept id"),
            "an RxNorm concept id (RXCUI) is a number of up to 8 digits, like 6809",
        ))
    }
}

fn loinc(code: &str) -> Result<(), CodeError> {
    let help = "a LOINC code is up to five digits, a dash and a check digit, like 4548-4";
    let Some((number, check)) = code.split_once('-') else {
        return Err(problem(
            format!("{code:?} is not a LOINC code (it has no dash before the check digit)"),
            help,
        ));
    };
    if !digits_only(number) || number.len() > 5 || check.len() != 1 || !digits_only(check) {
        return Err(problem(format!("{code:?} is not a LOINC code"), help));
    }
    let expected = loinc_check_digit(number);
    if check.as_bytes()[0] - b'0' != expected {
        return Err(problem(
            format!("LOINC code {code} fails its check digit (a digit is mistyped: {number}-{expected} would be valid)"),
            "copy the code again from the LOINC search: the digit after the dash checks the others",
        ));
    }
    Ok(())
}

/// LOINC's mod-10 check digit (the Luhn scheme): from the right, every other digit doubled.
fn loinc_check_digit(number: &str) -> u8 {
    let sum: u32 = number
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b - b'0');
            if i % 2 == 0 {
                let twice = d * 2;
                twice / 10 + twice % 10
            } else {
                d
            }
        })
        .sum();
    ((10 - sum % 10) % 10) as u8
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn icd10cm_shapes() {
        for ok in ["E11.9", "M06.9", "D81.9", "A00", "S72.001A", "U07.1", "Z79.4"] {
            assert_eq!(CodeSystem::Icd10cm.validate(ok), Ok(()), "{ok}");
        }
        for bad in ["E1", "11.9", "E11.", "E11.12345", "E11-9", "E11 9", ""] {
            assert!(CodeSystem::Icd10cm.validate(bad).is_err(), "{bad}");
        }
        assert!(CodeSystem::Icd10cm.validate("e11.9").unwrap_err().help.contains("E11.9"));
        assert!(CodeSystem::Icd10cm.validate("E119").unwrap_err().help.contains("E11.9"));
    }

    #[test]
    fn snomed_verhoeff_and_partition() {
        // Type 2 diabetes, rheumatoid arthritis, SLE, autoimmune disease, SCID, asthma.
        for ok in ["44054006", "69896004", "55464009", "85828009", "31323000", "195967001"] {
            assert_eq!(CodeSystem::Snomed.validate(ok), Ok(()), "{ok}");
        }
        // One digit changed, and two neighbours swapped: Verhoeff catches both.
        assert!(CodeSystem::Snomed.validate("44054007").unwrap_err().message.contains("check digit"));
        assert!(CodeSystem::Snomed.validate("44045006").unwrap_err().message.contains("check digit"));
        assert!(CodeSystem::Snomed.validate("12345").is_err());
        assert!(CodeSystem::Snomed.validate("E11.9").is_err());
        // A description id (partition 01) with a valid check digit.
        let description = (0..10).map(|d| format!("1234501{d}")).find(|c| verhoeff_ok(c)).unwrap();
        assert!(CodeSystem::Snomed.validate(&description).unwrap_err().message.contains("description"));
    }

    #[test]
    fn loinc_check_digit_is_luhn() {
        for ok in ["4548-4", "2345-7", "2339-0", "718-7", "14749-6"] {
            assert_eq!(CodeSystem::Loinc.validate(ok), Ok(()), "{ok}");
        }
        let err = CodeSystem::Loinc.validate("4548-5").unwrap_err();
        assert!(err.message.contains("4548-4 would be valid"), "{err}");
        assert!(CodeSystem::Loinc.validate("4548").is_err());
        assert!(CodeSystem::Loinc.validate("123456-7").is_err());
    }

    #[test]
    fn rxnorm_is_digits() {
        assert_eq!(CodeSystem::Rxnorm.validate("6809"), Ok(()));
        assert!(CodeSystem::Rxnorm.validate("RX6809").is_err());
        assert!(CodeSystem::Rxnorm.validate("012").is_err());
    }

    #[test]
    fn numbers_and_single_values_read_as_lists() {
        let codes: Codes =
            serde_yaml::from_str("snomed: [44054006]\nicd10cm: E11.9\nloinc: [4548-4]\n").unwrap();
        assert_eq!(codes.snomed, ["44054006"]);
        assert_eq!(codes.icd10cm, ["E11.9"]);
        let all: Vec<(CodeSystem, &str)> = codes.iter().collect();
        assert_eq!(all[0], (CodeSystem::Icd10cm, "E11.9"));
        assert_eq!(all.len(), 3);
    }
}
