// Shapes guest (AssemblyScript): every `mirror` export forwards to the imported `echo`, so each WIT
// shape crosses the canonical ABI four times (export lift, import lower, import lift, export lower).
import {
  echo, types, Guest, GuestMirror, setGuest, setGuestMirror, Result, Some, Tuple2, Tuple7,
} from "../../../../bindings/assemblyscript/shapes";
export * from "../../../../bindings/assemblyscript/shapes.exports";

class World extends Guest {
  hello(name: string): string {
    return "hello, " + name;
  }
  heapBytes(): u64 {
    return <u64>memory.size() << 16;
  }
}

class Mirror extends GuestMirror {
  joinStrings(items: Array<string>, sep: string): string { return echo.joinStrings(items, sep); }
  splitString(s: string): Array<string> { return echo.splitString(s); }
  entries(items: Array<types.Entry>): Array<types.Entry> { return echo.entries(items); }
  values(items: Array<types.Value>): Array<types.Value> { return echo.values(items); }
  one(v: types.Value): types.Value { return echo.one(v); }
  pairs(p: Array<Tuple2<string, u32>>): Array<Tuple2<string, u32>> { return echo.pairs(p); }
  maybe(x: string | null, y: Some<u64> | null): Array<string> | null { return echo.maybe(x, y); }
  outcome(ok: bool): Result<Array<types.Entry>, string> { return echo.outcome(ok); }
  mix(c: types.Color, p: types.Perms, f: f64, g: f32, ch: u32, a: i8, b: i16): Tuple7<types.Color, types.Perms, f64, f32, u32, i8, i16> {
    return echo.mix(c, p, f, g, ch, a, b);
  }
  many(a1: u32, a2: u32, a3: u32, a4: u32, a5: u32, a6: u32, a7: u32, a8: u32, a9: u32, a10: u64, a11: u32, a12: u32, a13: u32, a14: u32, a15: u32, a16: string, a17: u8): u64 {
    return echo.many(a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15, a16, a17);
  }
  nested(x: Array<Array<string>>): Array<Array<string>> { return echo.nested(x); }
  counters(start: u32): u32 {
    const c = echo.Counter.create(start);
    c.add(1);
    const v = c.add(2);
    if (c.label() != "counter@" + v.toString()) { c.drop(); return u32.MAX_VALUE; }
    const other = echo.Counter.create(7);
    other.drop();
    return echo.Counter.take(c); // moves the handle: c.handle is 0 afterwards
  }
}

setGuest(new World());
setGuestMirror(new Mirror());
