//! Serde adapters for the places where CascoApi is inconsistent, and for the wire shapes
//! its published samples use (string booleans, money as string or number).
//!
//! Decoding is lenient only through these adapters; every other field is strict.
//! Money never goes through arithmetic as a float: amounts are [`Decimal`]. A JSON number
//! is read by serde_json as an f64 and turned into a decimal through its shortest
//! round-trip string, which recovers the exact literal for amounts with up to 15
//! significant digits (every premium, sum and rate the API carries).

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use serde::de::{self, Deserializer, Visitor};
use serde::Serializer;
use std::fmt;
use std::str::FromStr;

/// A scalar that may arrive as a JSON string, number or boolean.
enum Scalar {
    Bool(bool),
    Int(i128),
    Float(f64),
    Str(String),
}

struct ScalarVisitor;

impl<'de> Visitor<'de> for ScalarVisitor {
    type Value = Scalar;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a string, number or boolean")
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Scalar, E> {
        Ok(Scalar::Bool(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Scalar, E> {
        Ok(Scalar::Int(v.into()))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Scalar, E> {
        Ok(Scalar::Int(v.into()))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Scalar, E> {
        Ok(Scalar::Float(v))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Scalar, E> {
        Ok(Scalar::Str(v.to_owned()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Scalar, E> {
        Ok(Scalar::Str(v))
    }
}

fn scalar<'de, D: Deserializer<'de>>(d: D) -> Result<Scalar, D::Error> {
    d.deserialize_any(ScalarVisitor)
}

/// Optional scalar: `null` or a missing field become `None`.
fn opt_scalar<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Scalar>, D::Error> {
    struct OptVisitor;
    impl<'de> Visitor<'de> for OptVisitor {
        type Value = Option<Scalar>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("null, a string, number or boolean")
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_some<D2: Deserializer<'de>>(self, d: D2) -> Result<Self::Value, D2::Error> {
            scalar(d).map(Some)
        }
    }
    d.deserialize_option(OptVisitor)
}

fn to_bool<E: de::Error>(s: Scalar) -> Result<bool, E> {
    match s {
        Scalar::Bool(b) => Ok(b),
        Scalar::Int(0) => Ok(false),
        Scalar::Int(1) => Ok(true),
        Scalar::Str(s) => match s.trim().to_ascii_lowercase().as_str() {
            "true" | "1" => Ok(true),
            "false" | "0" => Ok(false),
            other => Err(E::custom(format!("expected a boolean, got \"{other}\""))),
        },
        _ => Err(E::custom("expected a boolean")),
    }
}

fn to_decimal<E: de::Error>(s: Scalar) -> Result<Decimal, E> {
    match s {
        Scalar::Int(i) => i64::try_from(i)
            .map(Decimal::from)
            .map_err(|_| E::custom("amount out of range")),
        Scalar::Float(f) => {
            if !f.is_finite() {
                return Err(E::custom("amount is not finite"));
            }
            Decimal::from_str(&f.to_string())
                .or_else(|_| Decimal::from_scientific(&format!("{f:e}")))
                .map_err(|e| E::custom(format!("amount {f} out of range: {e}")))
        }
        Scalar::Str(s) => Decimal::from_str(s.trim())
            .map_err(|_| E::custom(format!("expected an amount, got \"{s}\""))),
        Scalar::Bool(_) => Err(E::custom("expected an amount, got a boolean")),
    }
}

fn to_u64<E: de::Error>(s: Scalar) -> Result<u64, E> {
    match s {
        Scalar::Int(i) => u64::try_from(i)
            .map_err(|_| E::custom(format!("expected a non-negative integer, got {i}"))),
        Scalar::Str(s) => s
            .trim()
            .parse()
            .map_err(|_| E::custom(format!("expected a non-negative integer, got \"{s}\""))),
        Scalar::Float(f) => Err(E::custom(format!("expected an integer, got {f}"))),
        Scalar::Bool(_) => Err(E::custom("expected an integer, got a boolean")),
    }
}

fn to_text<E: de::Error>(s: Scalar) -> Result<String, E> {
    match s {
        Scalar::Str(s) => Ok(s),
        Scalar::Int(i) => Ok(i.to_string()),
        _ => Err(E::custom("expected a string or an integer")),
    }
}

/// Writes an amount as a JSON number: whole amounts as integers (`500`, as the samples),
/// others through the f64 whose shortest form is the decimal's text.
fn serialize_amount<S: Serializer>(d: &Decimal, s: S) -> Result<S::Ok, S::Error> {
    if d.fract().is_zero() {
        if let Some(whole) = d.trunc().to_i64() {
            return s.serialize_i64(whole);
        }
    }
    let float = d
        .to_f64()
        .ok_or_else(|| serde::ser::Error::custom("amount cannot be written as a JSON number"))?;
    s.serialize_f64(float)
}

/// Boolean encoded as `"true"`/`"false"` (as the samples do); decodes string, bool or 0/1.
pub mod str_bool {
    use super::*;
    /// Writes `"true"` or `"false"`.
    pub fn serialize<S: Serializer>(v: &bool, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(if *v { "true" } else { "false" })
    }
    /// Reads a string, bool or 0/1.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
        to_bool(scalar(d)?)
    }
}

/// Optional [`str_bool`].
pub mod opt_str_bool {
    use super::*;
    /// Writes `"true"`/`"false"`; use with `skip_serializing_if = "Option::is_none"`.
    pub fn serialize<S: Serializer>(v: &Option<bool>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Some(b) => super::str_bool::serialize(b, s),
            None => s.serialize_none(),
        }
    }
    /// Reads null, a string, bool or 0/1.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
        opt_scalar(d)?.map(to_bool).transpose()
    }
}

/// Boolean encoded as a JSON boolean; decodes string, bool or 0/1 (the API mixes them).
pub mod json_bool {
    use super::*;
    /// Writes a JSON boolean.
    pub fn serialize<S: Serializer>(v: &bool, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bool(*v)
    }
    /// Reads a string, bool or 0/1.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
        to_bool(scalar(d)?)
    }
}

/// Amount encoded as a JSON number; decodes number or numeric string.
pub mod money_num {
    use super::*;
    /// Writes a JSON number.
    pub fn serialize<S: Serializer>(v: &Decimal, s: S) -> Result<S::Ok, S::Error> {
        serialize_amount(v, s)
    }
    /// Reads a number or a numeric string.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
        to_decimal(scalar(d)?)
    }
}

/// Optional [`money_num`].
pub mod opt_money_num {
    use super::*;
    /// Writes a JSON number.
    pub fn serialize<S: Serializer>(v: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Some(d) => serialize_amount(d, s),
            None => s.serialize_none(),
        }
    }
    /// Reads null, a number or a numeric string.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
        opt_scalar(d)?.map(to_decimal).transpose()
    }
}

/// Optional amount encoded as a string keeping its scale (`"100000.00"`, `"7000"`);
/// decodes number or string.
pub mod opt_money_str {
    use super::*;
    /// Writes the decimal's own text.
    pub fn serialize<S: Serializer>(v: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Some(d) => s.serialize_str(&d.to_string()),
            None => s.serialize_none(),
        }
    }
    /// Reads null, a number or a numeric string.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
        opt_scalar(d)?.map(to_decimal).transpose()
    }
}

/// Non-negative integer that may arrive as a number or a numeric string; writes a number.
pub mod uint {
    use super::*;
    /// Writes a JSON number.
    pub fn serialize<S: Serializer>(v: &u64, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u64(*v)
    }
    /// Reads a number or a numeric string.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
        to_u64(scalar(d)?)
    }
}

/// Optional [`uint`].
pub mod opt_uint {
    use super::*;
    /// Writes a JSON number.
    pub fn serialize<S: Serializer>(v: &Option<u64>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Some(n) => s.serialize_u64(*n),
            None => s.serialize_none(),
        }
    }
    /// Reads null, a number or a numeric string.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
        opt_scalar(d)?.map(to_u64).transpose()
    }
}

/// Optional non-negative integer written as a string (`"bonusMalusClaims": "2"`).
pub mod opt_uint_str {
    use super::*;
    /// Writes the number as a string.
    pub fn serialize<S: Serializer>(v: &Option<u64>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Some(n) => s.serialize_str(&n.to_string()),
            None => s.serialize_none(),
        }
    }
    /// Reads null, a number or a numeric string.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
        opt_scalar(d)?.map(to_u64).transpose()
    }
}

/// Text that may arrive as a string or an integer (ids, SIRUTA codes); writes a string.
pub mod text {
    use super::*;
    /// Writes a string.
    pub fn serialize<S: Serializer>(v: &str, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(v)
    }
    /// Reads a string or an integer.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
        to_text(scalar(d)?)
    }
}

/// A field a real host may leave out or send in another shape: decoded when it can be, `None`
/// when it cannot, so the rest of the answer is still read. Used where losing the whole answer
/// costs more than not knowing one part of it (an issued policy).
pub mod forgiving {
    use serde::de::DeserializeOwned;
    use serde::{Deserialize, Deserializer};

    /// Reads `T`, or `None` for null, a missing field or another shape.
    pub fn deserialize<'de, D: Deserializer<'de>, T: DeserializeOwned>(
        d: D,
    ) -> Result<Option<T>, D::Error> {
        let value = serde_json::Value::deserialize(d)?;
        Ok(serde_json::from_value(value).ok())
    }

    /// Reads a list of `T`, dropping the items that are not one; anything else is empty.
    pub fn list<'de, D: Deserializer<'de>, T: DeserializeOwned>(d: D) -> Result<Vec<T>, D::Error> {
        let value = serde_json::Value::deserialize(d)?;
        Ok(match value {
            serde_json::Value::Array(items) => items
                .into_iter()
                .filter_map(|item| serde_json::from_value(item).ok())
                .collect(),
            _ => Vec::new(),
        })
    }
}

/// An amount in any of the API's spellings, for [`forgiving`] fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
pub struct AnyAmount(#[serde(with = "money_num")] pub Decimal);

/// An unsigned integer in any of the API's spellings, for [`forgiving`] fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
pub struct AnyUint(#[serde(with = "uint")] pub u64);
