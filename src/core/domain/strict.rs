//! Reading the file format strictly where serde is lenient: a map that names one key
//! twice keeps only the last value in serde, silently; here it is refused by name, as a
//! repeated field of a struct is. (Unknown fields are refused with
//! `#[serde(deny_unknown_fields)]` on every struct of the format.)

use serde::de::{Deserialize, Deserializer, Error, IntoDeserializer, MapAccess, Visitor};
use std::collections::{BTreeMap, HashSet};
use std::fmt;
use std::marker::PhantomData;

/// A map of the file format (`code_names`, `items`, `control_figures`, vehicle counts)
/// whose keys are texts: each key at most once.
///
/// ```
/// use std::collections::BTreeMap;
/// #[derive(serde::Deserialize)]
/// struct T {
///     #[serde(deserialize_with = "yusuan::core::domain::strict::unique_keys")]
///     m: BTreeMap<String, u32>,
/// }
/// assert!(serde_json::from_str::<T>(r#"{"m": {"a": 1, "b": 2}}"#).is_ok());
/// let e = serde_json::from_str::<T>(r#"{"m": {"a": 1, "a": 2}}"#).err().unwrap();
/// assert!(e.to_string().contains("“a”"));
/// ```
pub fn unique_keys<'de, D, K, V>(d: D) -> Result<BTreeMap<K, V>, D::Error>
where
    D: Deserializer<'de>,
    K: Deserialize<'de> + Ord,
    V: Deserialize<'de>,
{
    d.deserialize_map(UniqueKeys(PhantomData))
}

struct UniqueKeys<K, V>(PhantomData<(K, V)>);

impl<'de, K, V> Visitor<'de> for UniqueKeys<K, V>
where
    K: Deserialize<'de> + Ord,
    V: Deserialize<'de>,
{
    type Value = BTreeMap<K, V>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "a map")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut out = BTreeMap::new();
        let mut seen = HashSet::new();
        while let Some(key) = map.next_key::<String>()? {
            if !seen.insert(key.clone()) {
                return Err(A::Error::custom(format!(
                    "键“{key}”重复出现（同一个键只能写一次，否则只有最后一个会被读入）"
                )));
            }
            let k = K::deserialize(IntoDeserializer::<A::Error>::into_deserializer(key))?;
            out.insert(k, map.next_value()?);
        }
        Ok(out)
    }
}
