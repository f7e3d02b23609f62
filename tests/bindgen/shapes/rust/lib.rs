// Shapes guest (Rust): every `mirror` export forwards to the imported `echo`, so each WIT shape
// crosses the canonical ABI four times (export lift, import lower, import lift, export lower).
#[path = "../../../../bindings/rust/shapes.rs"]
mod bindings;

use bindings::exports::mirror::Guest as Mirror;
use bindings::exports::Guest;
use bindings::local::shapes::echo;
use bindings::local::shapes::types::{Color, Entry, Perms, Value};

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

/// The system allocator, counting live bytes, so the test can see every allocation freed.
struct Counting;
static LIVE: AtomicUsize = AtomicUsize::new(0);
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        LIVE.fetch_add(l.size(), Ordering::Relaxed);
        System.alloc(l)
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        LIVE.fetch_sub(l.size(), Ordering::Relaxed);
        System.dealloc(p, l)
    }
    unsafe fn realloc(&self, p: *mut u8, l: Layout, new_size: usize) -> *mut u8 {
        LIVE.fetch_add(new_size, Ordering::Relaxed);
        LIVE.fetch_sub(l.size(), Ordering::Relaxed);
        System.realloc(p, l, new_size)
    }
}
#[global_allocator]
static ALLOC: Counting = Counting;

pub struct Component;

impl Guest for Component {
    fn hello(name: String) -> String {
        format!("hello, {}", name)
    }
    fn heap_bytes() -> u64 {
        LIVE.load(Ordering::Relaxed) as u64
    }
}

impl Mirror for Component {
    fn join_strings(items: Vec<String>, sep: String) -> String {
        let refs: Vec<&str> = items.iter().map(|s| s.as_str()).collect();
        echo::join_strings(&refs, &sep)
    }
    fn split_string(s: String) -> Vec<String> {
        echo::split_string(&s)
    }
    fn entries(items: Vec<Entry>) -> Vec<Entry> {
        echo::entries(&items)
    }
    fn values(items: Vec<Value>) -> Vec<Value> {
        echo::values(&items)
    }
    fn one(v: Value) -> Value {
        echo::one(v)
    }
    fn pairs(p: Vec<(String, u32)>) -> Vec<(String, u32)> {
        echo::pairs(&p)
    }
    fn maybe(x: Option<String>, y: Option<u64>) -> Option<Vec<String>> {
        echo::maybe(x.as_deref(), y)
    }
    fn outcome(ok: bool) -> Result<Vec<Entry>, String> {
        echo::outcome(ok)
    }
    fn mix(c: Color, p: Perms, f: f64, g: f32, ch: char, a: i8, b: i16) -> (Color, Perms, f64, f32, char, i8, i16) {
        echo::mix(c, p, f, g, ch, a, b)
    }
    fn many(a1: u32, a2: u32, a3: u32, a4: u32, a5: u32, a6: u32, a7: u32, a8: u32, a9: u32, a10: u64, a11: u32, a12: u32, a13: u32, a14: u32, a15: u32, a16: String, a17: u8) -> u64 {
        echo::many(a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15, &a16, a17)
    }
    fn nested(x: Vec<Vec<String>>) -> Vec<Vec<String>> {
        let inner: Vec<Vec<&str>> = x.iter().map(|v| v.iter().map(|s| s.as_str()).collect()).collect();
        let refs: Vec<&[&str]> = inner.iter().map(|v| v.as_slice()).collect();
        echo::nested(&refs)
    }
    fn counters(start: u32) -> u32 {
        let c = echo::Counter::new(start);
        c.add(1);
        let v = c.add(2);
        let label = c.label();
        if label != format!("counter@{}", v) {
            return u32::MAX;
        }
        let _dropped_here = echo::Counter::new(7); // dropped at the end of the scope
        echo::Counter::take(c)
    }
}
