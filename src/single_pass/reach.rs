//! The types a value of one type may hold: the one rule the validator compiles by and the
//! model file loads by, so that both always agree on what is needed.

/// A resolved property type that leads to another type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Edge {
    /// A structured type, by index into the model's structs.
    Struct(usize),
    /// An enum type, by index into the model's enums.
    Enum(usize),
}

/// Structured and enum types reached from some roots, by index into the model, each list in
/// model order.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Reach {
    pub structs: Vec<usize>,
    pub enums: Vec<usize>,
}

/// Every type reachable from `roots` (structured types) and `root_enums`: a structured type
/// reaches the types of its properties (`edges`, which may fail, e.g. reading a file) and the
/// types derived from it (`derived`: those an `@odata.type` may choose), transitively.
pub(crate) fn reach<'d, E>(
    counts: (usize, usize),
    roots: &[usize],
    root_enums: &[usize],
    derived: impl Fn(usize) -> &'d [usize],
    mut edges: impl FnMut(usize, &mut Vec<Edge>) -> Result<(), E>,
) -> Result<Reach, E> {
    let (structs, enums) = counts;
    let mut seen = vec![false; structs];
    let mut seen_enums = vec![false; enums];
    let mut queue: Vec<usize> = Vec::new();
    let visit = |id: usize, seen: &mut [bool], queue: &mut Vec<usize>| {
        if !std::mem::replace(&mut seen[id], true) {
            queue.push(id);
        }
    };
    for &root in roots {
        visit(root, &mut seen, &mut queue);
    }
    for &root in root_enums {
        seen_enums[root] = true;
    }
    let mut found = Vec::new();
    while let Some(id) = queue.pop() {
        found.clear();
        edges(id, &mut found)?;
        for &edge in &found {
            match edge {
                Edge::Struct(to) => visit(to, &mut seen, &mut queue),
                Edge::Enum(to) => seen_enums[to] = true,
            }
        }
        for &to in derived(id) {
            visit(to, &mut seen, &mut queue);
        }
    }
    let ids = |seen: Vec<bool>| {
        seen.into_iter()
            .enumerate()
            .filter_map(|(id, seen)| seen.then_some(id))
            .collect()
    };
    Ok(Reach {
        structs: ids(seen),
        enums: ids(seen_enums),
    })
}

/// Which structured types reach a property type the model lacks, by model index: a type whose
/// own `edges` miss one (`None` for a property that is not primitive), and every type that
/// reaches such a type through properties and derived types, as [`reach`] follows them. One
/// pass over the reversed graph, in time linear in types and edges: what compiling a
/// validator of each type would find, for all types at once.
pub(crate) fn incomplete<'d>(
    structs: usize,
    derived: impl Fn(usize) -> &'d [usize],
    edges: impl Fn(usize) -> (Vec<Edge>, bool),
) -> Vec<bool> {
    // `reached_by[t]`: the types that reach `t` in one step.
    let mut reached_by: Vec<Vec<usize>> = vec![Vec::new(); structs];
    let mut queue = Vec::new();
    for from in 0..structs {
        let (to, misses) = edges(from);
        for edge in to {
            if let Edge::Struct(to) = edge {
                reached_by[to].push(from);
            }
        }
        for &to in derived(from) {
            reached_by[to].push(from);
        }
        if misses {
            queue.push(from);
        }
    }
    let mut marked = vec![false; structs];
    for &from in &queue {
        marked[from] = true;
    }
    while let Some(at) = queue.pop() {
        for &from in &reached_by[at] {
            if !std::mem::replace(&mut marked[from], true) {
                queue.push(from);
            }
        }
    }
    marked
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn properties_and_derived_types_are_followed_transitively() {
        // 0 → 2 (property), 2 → enum 1, 3 derives from 2 and reaches 4; 1 and 5 are apart.
        let derived: Vec<Vec<usize>> = vec![vec![], vec![], vec![3], vec![], vec![], vec![]];
        let edges = |id: usize, out: &mut Vec<Edge>| {
            match id {
                0 => out.push(Edge::Struct(2)),
                2 => out.push(Edge::Enum(1)),
                3 => out.push(Edge::Struct(4)),
                4 => out.push(Edge::Struct(0)),
                _ => {}
            }
            Ok::<(), ()>(())
        };
        let reached = reach((6, 3), &[0], &[], |id| &derived[id], edges).unwrap();
        assert_eq!(reached.structs, [0, 2, 3, 4]);
        assert_eq!(reached.enums, [1]);
        let failing = reach((6, 3), &[5], &[2], |id| &derived[id], |_, _| Err("no"));
        assert_eq!(failing, Err("no"));
    }

    #[test]
    fn a_type_is_incomplete_when_what_it_reaches_misses_a_type() {
        // 0 → 2, 3 derives from 2 and misses a type; 1 → 4, 4 → 1 (a cycle); 5 → 0.
        let derived: Vec<Vec<usize>> = vec![vec![], vec![], vec![3], vec![], vec![], vec![]];
        let edges = |id: usize| match id {
            0 => (vec![Edge::Struct(2)], false),
            1 => (vec![Edge::Struct(4), Edge::Enum(0)], false),
            3 => (vec![], true),
            4 => (vec![Edge::Struct(1)], false),
            5 => (vec![Edge::Struct(0)], false),
            _ => (vec![], false),
        };
        let marked = incomplete(6, |id| &derived[id], edges);
        assert_eq!(marked, [true, false, true, true, false, true]);
    }
}
