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

impl Pointer<'_> {
    /// The pointer as text (what `to_string` gives, without the formatting machinery).
    pub fn render(&self) -> String {
        let mut out = String::with_capacity(self.len_hint());
        self.write_to(&mut out);
        out
    }

    /// About the rendered length, so that rendering allocates once.
    fn len_hint(&self) -> usize {
        let own = match self.segment {
            Segment::Root => 0,
            Segment::Index(_) => 8,
            Segment::Key(key) => key.len() + 1,
        };
        own + self.parent.map_or(0, Pointer::len_hint)
    }

    /// RFC 6901 §3: `/` before each segment, `~` written `~0` and `/` written `~1`.
    pub(crate) fn write_to(&self, out: &mut String) {
        if let Some(parent) = self.parent {
            parent.write_to(out);
        }
        match self.segment {
            Segment::Root => {}
            Segment::Index(index) => {
                use std::fmt::Write as _;
                // Writing to a String cannot fail.
                let _ = write!(out, "/{index}");
            }
            Segment::Key(key) => {
                out.push('/');
                if key.bytes().any(|b| b == b'~' || b == b'/') {
                    out.push_str(&key.replace('~', "~0").replace('/', "~1"));
                } else {
                    out.push_str(key);
                }
            }
        }
    }
}

impl fmt::Display for Pointer<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render())
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
