//! `string_enum!`: the one way an enum of the service becomes a string and back. Each
//! variant's string is written once and serves as its JSON value, its stored value (a
//! sea-orm active enum over a text column) and `as_str`/`parse`.

/// Defines a string-valued enum with `ALL`, `as_str`, `parse`, `Display`, comparison with
/// `&str`, serde and OpenAPI names, and a sea-orm `ActiveEnum` for text columns. A stored
/// value that is not one of the strings fails the read with an error naming the enum and
/// the value; it never reads as a default.
macro_rules! string_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $($(#[$vmeta:meta])* $variant:ident => $s:literal),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash,
            serde::Serialize, serde::Deserialize, utoipa::ToSchema,
            sea_orm::EnumIter, sea_orm::DeriveActiveEnum,
        )]
        #[sea_orm(rs_type = "String", db_type = "Text")]
        $vis enum $name {
            $($(#[$vmeta])* #[serde(rename = $s)] #[sea_orm(string_value = $s)] $variant),+
        }

        impl $name {
            /// Every variant, in declaration order.
            pub const ALL: &'static [Self] = &[$(Self::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self {
                    $(Self::$variant => $s),+
                }
            }

            /// The variant written exactly `s`.
            pub fn parse(s: &str) -> Option<Self> {
                match s {
                    $($s => Some(Self::$variant),)+
                    _ => None,
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.as_str() == *other
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.as_str() == other
            }
        }
    };
}

pub(crate) use string_enum;

#[cfg(test)]
mod tests {
    use sea_orm::ActiveEnum;

    string_enum! {
        enum Fruit { Apple => "apple", Pear => "pear" }
    }

    #[test]
    fn one_string_serves_json_storage_and_parsing() {
        for f in Fruit::ALL {
            assert_eq!(Fruit::parse(f.as_str()), Some(*f));
            assert_eq!(serde_json::to_value(f).unwrap(), f.as_str());
            assert_eq!(f.to_value(), f.as_str());
            assert_eq!(Fruit::try_from_value(&f.as_str().to_owned()).unwrap(), *f);
        }
        assert_eq!(Fruit::Pear, "pear");
        assert_eq!(Fruit::parse("Pear"), None);
        let bad = Fruit::try_from_value(&"plum".to_owned()).unwrap_err();
        assert!(bad.to_string().contains("plum"), "{bad}");
    }
}
