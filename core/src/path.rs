//! Locations inside user input: a list of keys and indices (`groups[0].items[3].code`), or for
//! CSV a row number and a column name.

use std::fmt;

use serde::{Deserialize, Serialize};

/// One step of a [`Path`]: an object key or an array index.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(untagged)]
pub enum Segment {
    /// An array index (0-based in JSON; a 1-based row number in CSV paths).
    Index(u64),
    /// An object key, or a CSV column name.
    Key(String),
}

/// A location in user input, serialised as a JSON array such as `["groups", 0, "items", 3, "code"]`.
///
/// ```
/// use soisua::Path;
/// let path = Path::root().key("groups").index(0).key("items").index(3).key("code");
/// assert_eq!(path.to_string(), "groups[0].items[3].code");
/// assert_eq!(path.to_pointer(), "/groups/0/items/3/code");
/// assert_eq!(serde_json::to_string(&path).unwrap(), r#"["groups",0,"items",3,"code"]"#);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(transparent)]
pub struct Path(pub Vec<Segment>);

impl Path {
    /// The empty path: the whole input.
    pub fn root() -> Self {
        Path(Vec::new())
    }

    /// This path followed by an object key.
    #[must_use]
    pub fn key(&self, key: &str) -> Self {
        let mut next = self.clone();
        next.0.push(Segment::Key(key.to_owned()));
        next
    }

    /// This path followed by an array index.
    #[must_use]
    pub fn index(&self, index: usize) -> Self {
        let mut next = self.clone();
        next.0.push(Segment::Index(index as u64));
        next
    }

    /// A CSV location: `[row, column]`, the header being row 1.
    ///
    /// ```
    /// assert_eq!(soisua::Path::csv(4, "severity").to_string(), "row 4, column `severity`");
    /// ```
    pub fn csv(row: u64, column: &str) -> Self {
        Path(vec![Segment::Index(row), Segment::Key(column.to_owned())])
    }

    /// The path as an RFC 6901 JSON pointer (`/groups/0/code`).
    pub fn to_pointer(&self) -> String {
        let mut out = String::new();
        for segment in &self.0 {
            out.push('/');
            match segment {
                Segment::Index(i) => out.push_str(&i.to_string()),
                Segment::Key(k) => out.push_str(&k.replace('~', "~0").replace('/', "~1")),
            }
        }
        out
    }

    /// Whether this is the empty path.
    pub fn is_root(&self) -> bool {
        self.0.is_empty()
    }

    /// The segments.
    pub fn segments(&self) -> &[Segment] {
        &self.0
    }
}

impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // A CSV path is [row, column]: say so in words.
        if let [Segment::Index(row), Segment::Key(column)] = self.0.as_slice() {
            return write!(f, "row {row}, column `{column}`");
        }
        if self.0.is_empty() {
            return write!(f, "(document)");
        }
        let mut first = true;
        for segment in &self.0 {
            match segment {
                Segment::Index(i) => write!(f, "[{i}]")?,
                Segment::Key(k) if first => write!(f, "{k}")?,
                Segment::Key(k) => write!(f, ".{k}")?,
            }
            first = false;
        }
        Ok(())
    }
}

impl From<&serde_path_to_error::Path> for Path {
    fn from(path: &serde_path_to_error::Path) -> Self {
        use serde_path_to_error::Segment as S;
        let mut out = Path::root();
        for segment in path {
            match segment {
                S::Seq { index } => out.0.push(Segment::Index(*index as u64)),
                S::Map { key } => out.0.push(Segment::Key(key.clone())),
                S::Enum { variant } => out.0.push(Segment::Key(variant.clone())),
                S::Unknown => {}
            }
        }
        out
    }
}
