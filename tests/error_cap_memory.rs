//! A payload of a million unknown properties: the capped single pass's peak memory stays within
//! a small multiple of the payload's size, counted in bytes by this binary's allocator (its only
//! test, so no other test's allocations count).

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use msgraph_schema::types::DeviceHealthScriptDeviceState;
use msgraph_schema::{Limits, Options, TypeEntry};

/// The system allocator, counting the bytes held now and at most since the last reset.
struct Counting;

static HELD: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let held = HELD.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
        PEAK.fetch_max(held, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        HELD.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // Old and new blocks both exist during the copy.
        let held = HELD.fetch_add(new_size, Ordering::Relaxed) + new_size;
        PEAK.fetch_max(held, Ordering::Relaxed);
        HELD.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// The bytes `run` held at most beyond what was held before it.
fn peak_of<T>(run: impl FnOnce() -> T) -> (T, usize) {
    let before = HELD.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    let out = run();
    (out, PEAK.load(Ordering::Relaxed) - before)
}

#[test]
fn a_million_errors_take_a_small_multiple_of_the_payload() {
    let members: Vec<String> = (0..1_000_000).map(|i| format!("\"x{i:07}\":1")).collect();
    let payload = format!("{{{}}}", members.join(","));
    drop(members);
    let entry = TypeEntry::of::<DeviceHealthScriptDeviceState>();
    let options = Options::default();
    // Compile the validator first: its size is the type's, not the payload's.
    msgraph_schema::check(b"{}", &entry, &options);

    let (report, peak) = peak_of(|| {
        msgraph_schema::check_with(payload.as_bytes(), &entry, &options, Limits::default())
    });
    assert_eq!(report.errors.len(), 100);
    assert_eq!(report.truncated, 999_900);
    assert_eq!(report.errors[99].pointer(), "/x0000099");
    let size = payload.len();
    // About 6 times: most of it the set of member names that finds repeated ones (a hash set of
    // a million borrowed names, growing), none of it errors past the cap.
    assert!(
        peak < 8 * size,
        "peak {peak} bytes for a payload of {size} bytes"
    );
    // What the report keeps is the cap's, not the payload's.
    let (_, kept) = peak_of(|| report.clone());
    assert!(kept < 100 * 1024, "the report holds {kept} bytes");

    // Uncapped, the same payload's report would hold every error: the cap is what bounds it.
    let small = &payload[..100_000];
    let small = format!("{}}}", &small[..small.rfind(',').unwrap()]);
    let (all, uncapped) =
        peak_of(|| msgraph_schema::check_with(small.as_bytes(), &entry, &options, Limits::NONE));
    assert!(all.errors.len() > 7_000);
    assert!(
        uncapped > 20 * small.len(),
        "uncapped: {uncapped} bytes for {} bytes",
        small.len()
    );
}
