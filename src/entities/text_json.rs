//! `TextJson<T>`: a column holding `T` as JSON text. The columns stay `text` on both
//! databases (SQLite has no other JSON type, and existing rows keep their bytes); what
//! changes is that a row reads as typed data or fails with an error naming the column,
//! never as an empty list.

use sea_orm::{
    ColIdx, DbErr, IntoActiveValue, QueryResult, TryGetError, TryGetable, Value,
    sea_query::{ArrayType, ColumnType, Nullable, ValueType, ValueTypeErr},
};
use serde::{Serialize, de::DeserializeOwned};

/// `T`, stored as its JSON text.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TextJson<T>(pub T);

impl<T> std::ops::Deref for TextJson<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: Serialize> From<TextJson<T>> for Value {
    fn from(v: TextJson<T>) -> Self {
        // Plain data (strings, numbers, lists and structs of them) always serialises.
        Value::String(Some(
            serde_json::to_string(&v.0).expect("plain data serialises"),
        ))
    }
}

impl<T: DeserializeOwned> TryGetable for TextJson<T> {
    fn try_get_by<I: ColIdx>(res: &QueryResult, idx: I) -> Result<Self, TryGetError> {
        let text = String::try_get_by(res, idx)?;
        serde_json::from_str(&text).map(Self).map_err(|e| {
            TryGetError::DbErr(DbErr::Type(format!(
                "column {idx:?} holds no {}: {e}",
                std::any::type_name::<T>()
            )))
        })
    }
}

impl<T: DeserializeOwned> ValueType for TextJson<T> {
    fn try_from(v: Value) -> Result<Self, ValueTypeErr> {
        match v {
            Value::String(Some(text)) => serde_json::from_str(&text)
                .map(Self)
                .map_err(|_| ValueTypeErr),
            _ => Err(ValueTypeErr),
        }
    }

    fn type_name() -> String {
        format!("TextJson<{}>", std::any::type_name::<T>())
    }

    fn array_type() -> ArrayType {
        ArrayType::String
    }

    fn column_type() -> ColumnType {
        ColumnType::Text
    }
}

impl<T> Nullable for TextJson<T> {
    fn null() -> Value {
        Value::String(None)
    }
}

impl<T: Serialize> IntoActiveValue<TextJson<T>> for TextJson<T> {
    fn into_active_value(self) -> sea_orm::ActiveValue<TextJson<T>> {
        sea_orm::ActiveValue::Set(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_round_trip_as_json_text() {
        let v: Value = TextJson(vec!["BR".to_owned(), "MX".to_owned()]).into();
        assert_eq!(v, Value::String(Some(r#"["BR","MX"]"#.to_owned())));
        let back = <TextJson<Vec<String>> as ValueType>::try_from(v).unwrap();
        assert_eq!(back.0, ["BR", "MX"]);
        assert!(
            <TextJson<Vec<u32>> as ValueType>::try_from(Value::String(Some("{".into()))).is_err()
        );
    }
}
