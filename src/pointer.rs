//! JSON Pointers (RFC 6901) built on the stack while walking a payload and rendered only when an
//! error needs one.

use std::fmt;

/// A location in a JSON value: the root, or a member or item under a parent location.
#[derive(Clone, Copy, Debug)]
pub struct Pointer<'a> {
    parent: Option<&'a Pointer<'a>>,
    segment: Segment<'a>,
}

#[derive(Clone, Copy, Debug)]
enum Segment<'a> {
    Root,
    Key(&'a str),
    Index(usize),
}

impl<'a> Pointer<'a> {
    /// The whole document (`""`).
    pub const ROOT: Pointer<'static> = Pointer {
        parent: None,
        segment: Segment::Root,
    };

    /// The member `key` of the object here.
    pub fn key<'b>(&'b self, key: &'b str) -> Pointer<'b> {
        Pointer {
            parent: Some(self),
            segment: Segment::Key(key),
        }
    }

    /// The item `index` of the array here.
    pub fn index(&self, index: usize) -> Pointer<'_> {
        Pointer {
            parent: Some(self),
            segment: Segment::Index(index),
        }
    }
}

impl fmt::Display for Pointer<'_> {
    /// RFC 6901 §3: `/` before each segment, `~` written `~0` and `/` written `~1`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(parent) = self.parent {
            parent.fmt(f)?;
        }
        match self.segment {
            Segment::Root => Ok(()),
            Segment::Index(index) => write!(f, "/{index}"),
            Segment::Key(key) if !key.contains(['~', '/']) => write!(f, "/{key}"),
            Segment::Key(key) => {
                f.write_str("/")?;
                for c in key.chars() {
                    match c {
                        '~' => f.write_str("~0")?,
                        '/' => f.write_str("~1")?,
                        c => fmt::Write::write_char(f, c)?,
                    }
                }
                Ok(())
            }
        }
    }
}

/// The unescaped segments of a rendered pointer: `["a/b", "0"]` for `/a~1b/0`.
pub fn segments(pointer: &str) -> impl Iterator<Item = String> + '_ {
    pointer
        .split('/')
        .skip(1)
        .map(|s| s.replace("~1", "/").replace("~0", "~"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_rfc_6901() {
        let root = Pointer::ROOT;
        assert_eq!(root.to_string(), "");
        let a = root.key("a/b~c");
        let item = a.index(2);
        assert_eq!(item.to_string(), "/a~1b~0c/2");
        assert_eq!(segments("/a~1b~0c/2").collect::<Vec<_>>(), ["a/b~c", "2"]);
    }
}
