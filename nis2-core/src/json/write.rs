//! The engine's compact JSON writer: the same bytes as `serde_json::to_writer` (compact
//! formatter).
//!
//! serde_json escapes a string byte by byte through a lookup table and hands every piece to an
//! `io::Write`; a scope result is mostly prose, so that loop was most of the time of a call.
//! Here the output is a byte buffer kept eight bytes longer than what is written, so a string
//! is scanned and copied eight bytes at a time (an unaligned 64-bit load, a test for the three
//! things JSON escapes — `"`, `\` and control characters below U+0020 — and a 64-bit store
//! of which only the real bytes count); only a word with something to escape is looked at more
//! closely. Long runs are copied with `copy_from_slice`, short ones never (on WebAssembly that
//! is a `memory.copy`, whose fixed cost is larger than copying a key). Numbers go through
//! serde_json's own formatter (`itoa`, `zmij`), so they are written exactly as before.

use std::fmt::{self, Display};

use serde::ser::{self, Impossible, Serialize};
use serde_json::ser::{CompactFormatter, Formatter};

/// The bytes after a JSON string at the start of `b` (none if `b` does not start with one).
fn skip_string(b: &[u8]) -> Option<&[u8]> {
    let mut i = 1;
    if b.first() != Some(&b'"') {
        return None;
    }
    loop {
        match b.get(i)? {
            b'\\' => i += 2,
            b'"' => return b.get(i + 1..),
            _ => i += 1,
        }
    }
}

/// A problem while writing: a `Serialize` implementation failed, or a map key that JSON cannot
/// carry (the messages are serde_json's).
#[derive(Debug)]
pub struct WriteError(pub(crate) String);

impl Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for WriteError {}

impl ser::Error for WriteError {
    fn custom<T: Display>(msg: T) -> Self {
        WriteError(msg.to_string())
    }
}

fn key_must_be_a_string() -> WriteError {
    WriteError("key must be a string".to_owned())
}

type Res = Result<(), WriteError>;

/// Run `write` on a writer that holds `prefix`, and hand the bytes written to `done` (always
/// UTF-8: only whole `str`s and ASCII are written), mutable, for last touches in place.
///
/// The bytes are written into a buffer kept per thread, so a call allocates nothing but what
/// `done` makes of them (a buffer grown past [`KEEP`] is given back afterwards).
pub(crate) fn write_with<R>(
    prefix: &[u8],
    write: impl FnOnce(&mut Writer) -> Res,
    done: impl FnOnce(&mut [u8]) -> R,
) -> Result<R, WriteError> {
    // Generic only in calling the two closures: the rest ([`write_dyn`]) is compiled once, not
    // once per caller's closures (there are a few dozen, one per type written).
    let (mut write, mut done, mut out) = (Some(write), Some(done), None);
    write_dyn(
        prefix,
        &mut |w| write.take().map_or_else(|| Err(lost()), |f| f(w)),
        &mut |bytes| out = done.take().map(|f| f(bytes)),
    )?;
    out.ok_or_else(lost)
}

/// The error of a closure called twice, or of a result never handed on (which [`write_dyn`]
/// and `json::object_with` never do).
#[cold]
pub(crate) fn lost() -> WriteError {
    WriteError("the JSON writer lost its closure".to_owned())
}

/// [`write_with`] with its closures behind references.
fn write_dyn(
    prefix: &[u8],
    write: &mut dyn FnMut(&mut Writer) -> Res,
    done: &mut dyn FnMut(&mut [u8]),
) -> Res {
    let mut run = |w: &mut Writer| {
        w.pos = 0;
        w.strip = false;
        w.raw(prefix);
        write(w)?;
        let pos = w.pos;
        done(w.buf.get_mut(..pos).unwrap_or_default());
        if w.buf.len() > KEEP {
            *w = Writer::default();
        }
        Ok(())
    };
    let mut out = None;
    let _ = SCRATCH.try_with(|cell| {
        // Not when in use further up this thread's stack (a `Serialize` implementation that
        // writes JSON itself): a fresh buffer then.
        if let Ok(mut w) = cell.try_borrow_mut() {
            out = Some(run(&mut w));
        }
    });
    match out {
        Some(out) => out,
        None => run(&mut Writer::default()),
    }
}

/// A scratch buffer larger than this is not kept for the next call.
const KEEP: usize = 1 << 20;

thread_local! {
    static SCRATCH: std::cell::RefCell<Writer> = std::cell::RefCell::new(Writer::default());
}

/// Write `value` as compact JSON at the end of `out`.
pub(crate) fn write<T: Serialize + ?Sized>(out: &mut String, value: &T) -> Res {
    write_with(b"", |w| value.serialize(w), |bytes| push_text(out, bytes))?
}

/// Append the bytes written (UTF-8) to `out`.
fn push_text(out: &mut String, bytes: &[u8]) -> Res {
    std::str::from_utf8(bytes)
        .map(|text| out.push_str(text))
        .map_err(|e| WriteError(e.to_string()))
}

/// The engine's compact JSON serializer (opaque outside the crate): a buffer whose bytes before
/// `pos` are written; it is always at least [`SLACK`] bytes longer than asked for, so that a
/// 64-bit store never falls off its end.
#[derive(Default)]
pub struct Writer {
    buf: Vec<u8>,
    pos: usize,
    /// Writing a verdict: members whose value is a bilingual text are taken back out.
    strip: bool,
}

impl fmt::Debug for Writer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Writer").field("pos", &self.pos).finish()
    }
}

const SLACK: usize = 8;

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

/// The high bit of every byte that is `"`, `\` or below 0x20. The lowest bit set is the first
/// such byte (the borrows of the subtractions only run upwards from a byte that is itself one).
#[inline(always)]
fn escapes(x: u64) -> u64 {
    let zero_in = |v: u64| v.wrapping_sub(ONES) & !v;
    ((x.wrapping_sub(ONES * 0x20) & !x)
        | zero_in(x ^ (ONES * u64::from(b'"')))
        | zero_in(x ^ (ONES * u64::from(b'\\'))))
        & HIGH
}

/// `a`s from byte `n` (< 8) of a word up: the padding of a word with fewer than eight bytes.
#[inline(always)]
fn pad(n: usize) -> u64 {
    (ONES * u64::from(b'a'))
        .checked_shl(8 * n as u32)
        .unwrap_or(0)
}

#[inline(always)]
fn u32_at(s: &[u8], i: usize) -> u64 {
    match s.get(i..i + 4) {
        Some(&[b0, b1, b2, b3]) => u64::from(u32::from_le_bytes([b0, b1, b2, b3])),
        _ => 0,
    }
}

#[inline(always)]
fn u64_at(s: &[u8], i: usize) -> Option<u64> {
    match s.get(i..i + 8) {
        Some(&[b0, b1, b2, b3, b4, b5, b6, b7]) => {
            Some(u64::from_le_bytes([b0, b1, b2, b3, b4, b5, b6, b7]))
        }
        _ => None,
    }
}

/// Up to eight bytes of `s` from `i`, little-endian, padded with `a`s; and how many are real.
/// Fewer than eight are read as overlapping wider loads (no loop, no copy).
#[inline(always)]
fn load(s: &[u8], i: usize) -> (u64, usize) {
    if let Some(w) = u64_at(s, i) {
        return (w, 8);
    }
    let n = s.len().saturating_sub(i);
    let w = if n == 0 {
        0
    } else if s.len() >= 8 {
        // The last eight bytes, shifted down past the ones already taken.
        u64_at(s, s.len() - 8).unwrap_or(0) >> (8 * (8 - n))
    } else if n >= 4 {
        u32_at(s, i) | u32_at(s, i + n - 4) << (8 * (n - 4))
    } else {
        let at = |k: usize| u64::from(s.get(i + k).copied().unwrap_or(0)) << (8 * k);
        at(0) | at(n / 2) | at(n - 1)
    };
    (w | pad(n), n)
}

/// Store a word at `p` of a buffer (room was made for it).
#[inline(always)]
fn store(buf: &mut [u8], p: usize, w: u64) {
    if let Some(d) = buf.get_mut(p..p + 8) {
        if let Ok(d) = <&mut [u8; 8]>::try_from(d) {
            *d = w.to_le_bytes();
        }
    }
}

/// Copy `s` to `buf` at `at` a word at a time, and tell whether it has nothing to escape. It
/// may write up to eight bytes past the end of `s` (and nothing written counts until the
/// caller moves its position), so room for `s` and the slack must be made first.
///
/// The last word of a string of eight bytes or more is the last eight bytes, overlapping the
/// word before it (no tail to take apart); a shorter string is one word read by overlapping
/// narrower loads ([`load`]).
#[inline(always)]
fn put(buf: &mut [u8], at: usize, s: &[u8]) -> bool {
    let n = s.len();
    if n < 8 {
        let (w, _) = load(s, 0);
        store(buf, at, w);
        return escapes(w) == 0;
    }
    let first = u64_at(s, 0).unwrap_or(0);
    let last = u64_at(s, n - 8).unwrap_or(0);
    if n > 16 && !put_middle(buf, at, s) {
        return false;
    }
    store(buf, at, first);
    store(buf, at + n - 8, last);
    escapes(first) | escapes(last) == 0
}

/// Whether sixteen bytes hold nothing to escape (bytes below 0x20, `"` and `\`): tested at
/// once with WebAssembly's 128-bit vectors where the module has them (a safe intrinsic there;
/// the crate has no `unsafe`, which x86-64's SSE2 intrinsics would need), elsewhere a word at
/// a time ([`escapes`]).
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
#[inline(always)]
fn clean16(c: &[u8; 16]) -> bool {
    use core::arch::wasm32::{i64x2, u8x16_eq, u8x16_lt, u8x16_splat, v128_any_true, v128_or};
    let (lo, hi) = c.split_at(8);
    let word = |h: &[u8]| <[u8; 8]>::try_from(h).map_or(0, i64::from_le_bytes);
    let v = i64x2(word(lo), word(hi));
    let hits = v128_or(
        v128_or(
            u8x16_lt(v, u8x16_splat(0x20)),
            u8x16_eq(v, u8x16_splat(b'"')),
        ),
        u8x16_eq(v, u8x16_splat(b'\\')),
    );
    !v128_any_true(hits)
}

#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
#[inline(always)]
fn clean16(c: &[u8; 16]) -> bool {
    let (lo, hi) = c.split_at(8);
    let word = |h: &[u8]| <[u8; 8]>::try_from(h).map_or(0, u64::from_le_bytes);
    escapes(word(lo)) | escapes(word(hi)) == 0
}

/// The words of `s` after its first up to its last eight bytes ([`put`] writes those): copied
/// sixteen bytes at a time ([`clean16`]), then the word left over, until one has something to
/// escape (a loop with an exit, which is not turned into a call of `memcpy`, costly for a few
/// words). Not inlined: it is the same for keys and strings, and only long strings reach it.
#[inline(never)]
fn put_middle(buf: &mut [u8], at: usize, s: &[u8]) -> bool {
    // The words at 8, 16, … that end before the last byte; taken as slices once (no bounds
    // check per word).
    let count = (s.len() - 1) / 8 - 1;
    let (Some(src), Some(dst)) = (
        s.get(8..8 + 8 * count),
        buf.get_mut(at + 8..at + 8 + 8 * count),
    ) else {
        return false;
    };
    let (pairs, rest) = src.as_chunks::<16>();
    let (into, left) = dst.as_chunks_mut::<16>();
    for (d, pair) in into.iter_mut().zip(pairs) {
        if !clean16(pair) {
            return false;
        }
        *d = *pair;
    }
    if let (Some(word), Some(d)) = (rest.first_chunk::<8>(), left.first_chunk_mut::<8>()) {
        if escapes(u64::from_le_bytes(*word)) != 0 {
            return false;
        }
        *d = *word;
    }
    true
}

impl Writer {
    /// Make room for `n` more bytes (and the slack).
    #[inline(always)]
    fn room(&mut self, n: usize) {
        if self.buf.len() < self.pos + n + SLACK {
            self.grow(n);
        }
    }

    #[cold]
    #[inline(never)]
    fn grow(&mut self, n: usize) {
        let want = (self.pos + n + SLACK).max(self.buf.len() * 2).max(4096);
        self.buf.resize(want, 0);
    }

    /// Store a word and count `len` (≤ 8) of its bytes as written (room must be made first).
    #[inline(always)]
    fn word(&mut self, w: u64, len: usize) {
        store(&mut self.buf, self.pos, w);
        self.pos += len;
    }

    #[inline(always)]
    fn byte(&mut self, b: u8) {
        self.room(1);
        if let Some(d) = self.buf.get_mut(self.pos) {
            *d = b;
        }
        self.pos += 1;
    }

    /// For a document written by hand ([`crate::scope::verdict::ScopeVerdict::write_json`]):
    /// bytes as they are, the punctuation and field names that need no escaping (`,"rule":`).
    /// Inlined: given a constant, the compiler writes its words as constants.
    #[inline(always)]
    pub(crate) fn put_raw(&mut self, s: &[u8]) {
        self.room(s.len());
        let mut i = 0;
        while i < s.len() {
            let (w, n) = load(s, i);
            self.word(w, n);
            i += n;
        }
    }

    /// [`Writer::put_raw`] for bytes that are not a constant at the call (an op's id, an enum's
    /// name from a table): on WebAssembly not inlined, so that the module holds the loop once,
    /// not at every call (natively inlined: about 400 instructions fewer a JSON verdict).
    #[cfg_attr(target_arch = "wasm32", inline(never))]
    #[cfg_attr(not(target_arch = "wasm32"), inline(always))]
    pub(crate) fn put_raw_at_run_time(&mut self, s: &[u8]) {
        self.put_raw(s);
    }

    /// For a document written by hand: a JSON string, escaped as every string is.
    #[cfg(feature = "full")]
    pub(crate) fn put_str(&mut self, s: &str) {
        self.string(s);
    }

    /// Bytes that need no escaping.
    fn raw(&mut self, s: &[u8]) {
        self.put_raw(s);
    }

    /// A JSON string: quoted, escaped as serde_json escapes (`\"`, `\\`, `\b`, `\f`, `\n`,
    /// `\r`, `\t`, other control characters as `\u00XX`; nothing else).
    ///
    /// Nearly every string has nothing to escape: it is copied a word at a time ([`put`]), and
    /// only a string with something to escape is written again, from its start, by
    /// [`Writer::escaped`].
    #[inline]
    fn string(&mut self, s: &str) {
        let s = s.as_bytes();
        self.room(s.len() + 2);
        let start = self.pos;
        let buf = self.buf.as_mut_slice();
        if let Some(q) = buf.get_mut(start) {
            *q = b'"';
        }
        if put(buf, start + 1, s) {
            // The closing quote (the rest of the word is overwritten later or cut off).
            store(buf, start + 1 + s.len(), u64::from(b'"'));
            self.pos = start + s.len() + 2;
        } else {
            self.escaped(s);
        }
    }

    /// A struct field's key with what goes around it: `,` (unless `first`), the quoted key and
    /// `:`, with one check for room. A key is a field name of the engine's types, which never
    /// needs escaping; one that did would still be escaped. Its one caller is
    /// [`Compound::member`]: on WebAssembly, where that is not inlined, the key is written
    /// within it (one call fewer per member); natively not, since `member` is inlined into
    /// every field's writer.
    #[cfg_attr(target_arch = "wasm32", inline(always))]
    #[cfg_attr(not(target_arch = "wasm32"), inline(never))]
    fn key(&mut self, key: &str, first: bool) {
        let s = key.as_bytes();
        self.room(s.len() + 4);
        let pos = self.pos;
        let buf = self.buf.as_mut_slice();
        // `,"` or `"` in one store.
        let start = if first {
            store(buf, pos, u64::from(b'"'));
            pos + 1
        } else {
            store(buf, pos, u64::from(b',') | u64::from(b'"') << 8);
            pos + 2
        };
        if put(buf, start, s) {
            store(buf, start + s.len(), u64::from(b'"') | u64::from(b':') << 8);
            self.pos = start + s.len() + 2;
        } else {
            self.pos = start - 1;
            self.escaped(s);
            self.byte(b':');
        }
    }

    /// [`Writer::string`] for a string with something to escape: word by word, each word with
    /// an escape split at its first one.
    #[cold]
    #[inline(never)]
    fn escaped(&mut self, s: &[u8]) {
        self.byte(b'"');
        let mut i = 0;
        while i < s.len() {
            // Escapes make the string longer than the room made for it.
            self.room(8);
            let (w, n) = load(s, i);
            let hits = escapes(w);
            if hits == 0 {
                self.word(w, n);
                i += n;
                continue;
            }
            let k = (hits.trailing_zeros() / 8) as usize;
            self.word(w, k);
            self.escape(s.get(i + k).copied().unwrap_or_default());
            i += k + 1;
        }
        self.byte(b'"');
    }

    fn escape(&mut self, b: u8) {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        let short = match b {
            b'"' => b'"',
            b'\\' => b'\\',
            0x08 => b'b',
            0x09 => b't',
            0x0A => b'n',
            0x0C => b'f',
            0x0D => b'r',
            _ => 0,
        };
        self.room(6);
        if short != 0 {
            self.word(u64::from(b'\\') | u64::from(short) << 8, 2);
        } else {
            let hex = |nibble: u8| u64::from(*HEX.get(usize::from(nibble & 0xF)).unwrap_or(&b'0'));
            let w = u64::from_le_bytes(*b"\\u00\0\0\0\0") | hex(b >> 4) << 32 | hex(b) << 40;
            self.word(w, 6);
        }
    }
}

/// Numbers through serde_json's own formatter; its output is ASCII.
struct Ascii<'w>(&'w mut Writer);

impl std::io::Write for Ascii<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.raw(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn number(
    w: &mut Writer,
    f: impl FnOnce(&mut CompactFormatter, &mut Ascii<'_>) -> std::io::Result<()>,
) -> Res {
    f(&mut CompactFormatter, &mut Ascii(w))
        .map_err(|_| WriteError("a number could not be written".to_owned()))
}

/// Below this, a whole `f64` is written as its integer digits and `.0`, which is how the float
/// formatter writes a whole number of that size (a test checks that the two agree around every
/// power of ten and at random).
const INTEGRAL_BELOW: f64 = 1e15;

/// Where a compound value is: nothing written yet, the first element next, or a later one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Empty,
    First,
    Rest,
}

/// An array or object being written.
#[derive(Debug)]
pub struct Compound<'a> {
    w: &'a mut Writer,
    state: State,
    /// Where the current map entry began and the state before it (for taking a text back out
    /// of a verdict).
    undo: (usize, State),
}

impl Writer {
    /// Run `write` writing a verdict: every object member, map entry or variant whose value is
    /// a bilingual text (an object of exactly the members `en` and `da`, both strings) is
    /// taken back out, and a text in an array is an error. The bytes are those of removing the
    /// texts from the document's JSON value (`api::strip`), written in one pass.
    pub(crate) fn stripping<R>(&mut self, write: impl FnOnce(&mut Writer) -> R) -> R {
        let before = self.strip;
        self.strip = true;
        let out = write(self);
        self.strip = before;
        out
    }

    /// An array element of a verdict (written from `start`) may not be a text: it has no
    /// member name to be left out with.
    #[inline(never)]
    fn no_text_element(&self, start: usize) -> Res {
        if self.wrote_text(start) {
            return Err(WriteError(
                "a bilingual text inside an array cannot be removed for a verdict".to_owned(),
            ));
        }
        Ok(())
    }

    /// Close `{"variant":` + the value written from `start`; in a verdict, a text value leaves
    /// `{}` (its only member taken out), written over from `undo`.
    #[inline(never)]
    fn close_tagged(&mut self, start: usize, undo: usize) {
        if self.strip && self.wrote_text(start) {
            self.pos = undo;
            self.raw(b"{}");
        } else {
            self.byte(b'}');
        }
    }

    /// Whether the bytes written since `start` are a bilingual text: `{"en":"…","da":"…"}` or
    /// `{"da":"…","en":"…"}` (this writer's compact form; the keys are never escaped).
    fn wrote_text(&self, start: usize) -> bool {
        let Some(b) = self.buf.get(start..self.pos) else {
            return false;
        };
        let (rest, other): (&[u8], &[u8]) = if let Some(r) = b.strip_prefix(b"{\"en\":") {
            (r, b",\"da\":")
        } else if let Some(r) = b.strip_prefix(b"{\"da\":") {
            (r, b",\"en\":")
        } else {
            return false;
        };
        skip_string(rest)
            .and_then(|r| r.strip_prefix(other))
            .and_then(skip_string)
            == Some(b"}".as_slice())
    }

    fn open(&mut self, bracket: u8, close: u8, len: Option<usize>) -> Compound<'_> {
        self.byte(bracket);
        let state = if len == Some(0) {
            self.byte(close);
            State::Empty
        } else {
            State::First
        };
        Compound {
            w: self,
            state,
            undo: (0, State::Empty),
        }
    }

    /// `{"variant":` of an externally tagged variant with content.
    fn tag(&mut self, variant: &str) {
        self.byte(b'{');
        self.string(variant);
        self.byte(b':');
    }
}

impl Compound<'_> {
    fn separate(&mut self) {
        if self.state != State::First {
            self.w.byte(b',');
        }
        self.state = State::Rest;
    }

    fn element<T: Serialize + ?Sized>(&mut self, value: &T) -> Res {
        self.separate();
        let start = self.w.pos;
        value.serialize(&mut *self.w)?;
        if self.w.strip {
            self.w.no_text_element(start)?;
        }
        Ok(())
    }

    /// Inlined natively (4% fewer instructions for a scope result); not on WebAssembly, where
    /// each of the many instances inlined into every type's `serialize` made the full module
    /// 4 KB larger gzipped.
    #[cfg_attr(target_arch = "wasm32", inline(never))]
    fn field<T: Serialize + ?Sized>(&mut self, key: &str, value: &T) -> Res {
        let mark = self.member(key);
        value.serialize(&mut *self.w)?;
        self.member_written(mark);
        Ok(())
    }

    /// Write a member's key; returns where its value starts and where the member began (with
    /// the state before it), for [`Compound::member_written`].
    #[cfg_attr(target_arch = "wasm32", inline(never))]
    #[cfg_attr(not(target_arch = "wasm32"), inline(always))]
    fn member(&mut self, key: &str) -> (usize, (usize, State)) {
        let undo = (self.w.pos, self.state);
        self.w.key(key, self.state == State::First);
        self.state = State::Rest;
        (self.w.pos, undo)
    }

    /// After a member's value: in a verdict, take it back out if it is a text.
    #[cfg_attr(target_arch = "wasm32", inline(never))]
    #[cfg_attr(not(target_arch = "wasm32"), inline(always))]
    fn member_written(&mut self, (start, undo): (usize, (usize, State))) {
        if self.w.strip {
            self.take_back_text(start, undo);
        }
    }

    /// In a verdict, a member whose value (written from `start`) is a bilingual text is taken
    /// back out: the writer returns to where the member began (not generic, so that the many
    /// instances of `field` stay small).
    #[inline(never)]
    fn take_back_text(&mut self, start: usize, undo: (usize, State)) {
        if self.w.wrote_text(start) {
            (self.w.pos, self.state) = undo;
        }
    }

    fn close(self, c: u8) -> Res {
        if self.state != State::Empty {
            self.w.byte(c);
        }
        Ok(())
    }

    /// Close the content of a variant (`]` or `}`), then its `{"variant":…}` wrapper.
    fn close_variant(self, c: u8) -> Res {
        if self.state != State::Empty {
            self.w.byte(c);
        }
        self.w.byte(b'}');
        Ok(())
    }
}

macro_rules! numbers {
    ($($method:ident $ty:ty => $write:ident),* $(,)?) => {
        $(
            fn $method(self, v: $ty) -> Res {
                number(self, |f, w| f.$write(w, v))
            }
        )*
    };
}

impl<'a> ser::Serializer for &'a mut Writer {
    type Ok = ();
    type Error = WriteError;
    type SerializeSeq = Compound<'a>;
    type SerializeTuple = Compound<'a>;
    type SerializeTupleStruct = Compound<'a>;
    type SerializeTupleVariant = Compound<'a>;
    type SerializeMap = Compound<'a>;
    type SerializeStruct = Compound<'a>;
    type SerializeStructVariant = Compound<'a>;

    fn serialize_bool(self, v: bool) -> Res {
        self.raw(if v { b"true" } else { b"false" });
        Ok(())
    }

    numbers! {
        serialize_i8 i8 => write_i8,
        serialize_i16 i16 => write_i16,
        serialize_i32 i32 => write_i32,
        serialize_i64 i64 => write_i64,
        serialize_i128 i128 => write_i128,
        serialize_u8 u8 => write_u8,
        serialize_u16 u16 => write_u16,
        serialize_u32 u32 => write_u32,
        serialize_u64 u64 => write_u64,
        serialize_u128 u128 => write_u128,
    }

    fn serialize_f32(self, v: f32) -> Res {
        if v.is_finite() {
            number(self, |f, w| f.write_f32(w, v))
        } else {
            self.serialize_unit()
        }
    }

    fn serialize_f64(self, v: f64) -> Res {
        if v.is_finite() {
            // Zero is written `0.0` whatever its sign (`-0` is no figure of its own), the
            // same on every surface.
            let v = if v == 0.0 { 0.0 } else { v };
            if v.fract() == 0.0 && v.abs() < INTEGRAL_BELOW {
                // A whole number (a head count, an amount in euros) is its digits and `.0`,
                // as the float formatter writes it, without the float formatter's work.
                #[allow(clippy::cast_possible_truncation)]
                let whole = v as i64;
                number(self, |f, w| f.write_i64(w, whole))?;
                self.raw(b".0");
                return Ok(());
            }
            number(self, |f, w| f.write_f64(w, v))
        } else {
            self.serialize_unit()
        }
    }

    fn serialize_char(self, v: char) -> Res {
        self.serialize_str(v.encode_utf8(&mut [0u8; 4]))
    }

    fn serialize_str(self, v: &str) -> Res {
        self.string(v);
        Ok(())
    }

    fn serialize_bytes(self, v: &[u8]) -> Res {
        use ser::SerializeSeq;
        let mut seq = self.serialize_seq(Some(v.len()))?;
        for b in v {
            seq.serialize_element(b)?;
        }
        seq.end()
    }

    fn serialize_none(self) -> Res {
        self.serialize_unit()
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Res {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Res {
        self.raw(b"null");
        Ok(())
    }

    fn serialize_unit_struct(self, _name: &'static str) -> Res {
        self.serialize_unit()
    }

    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Res {
        self.serialize_str(variant)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Res {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Res {
        let undo = self.pos;
        self.tag(variant);
        let start = self.pos;
        value.serialize(&mut *self)?;
        self.close_tagged(start, undo);
        Ok(())
    }

    fn serialize_seq(self, len: Option<usize>) -> Result<Compound<'a>, WriteError> {
        Ok(self.open(b'[', b']', len))
    }

    fn serialize_tuple(self, len: usize) -> Result<Compound<'a>, WriteError> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        len: usize,
    ) -> Result<Compound<'a>, WriteError> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Compound<'a>, WriteError> {
        self.tag(variant);
        self.serialize_seq(Some(len))
    }

    fn serialize_map(self, len: Option<usize>) -> Result<Compound<'a>, WriteError> {
        Ok(self.open(b'{', b'}', len))
    }

    fn serialize_struct(self, _name: &'static str, len: usize) -> Result<Compound<'a>, WriteError> {
        self.serialize_map(Some(len))
    }

    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Compound<'a>, WriteError> {
        self.tag(variant);
        self.serialize_map(Some(len))
    }
}

impl ser::SerializeSeq for Compound<'_> {
    type Ok = ();
    type Error = WriteError;

    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Res {
        self.element(value)
    }

    fn end(self) -> Res {
        self.close(b']')
    }
}

impl ser::SerializeTuple for Compound<'_> {
    type Ok = ();
    type Error = WriteError;

    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Res {
        self.element(value)
    }

    fn end(self) -> Res {
        self.close(b']')
    }
}

impl ser::SerializeTupleStruct for Compound<'_> {
    type Ok = ();
    type Error = WriteError;

    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Res {
        self.element(value)
    }

    fn end(self) -> Res {
        self.close(b']')
    }
}

impl ser::SerializeTupleVariant for Compound<'_> {
    type Ok = ();
    type Error = WriteError;

    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Res {
        self.element(value)
    }

    fn end(self) -> Res {
        self.close_variant(b']')
    }
}

impl ser::SerializeMap for Compound<'_> {
    type Ok = ();
    type Error = WriteError;

    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Res {
        self.undo = (self.w.pos, self.state);
        self.separate();
        key.serialize(KeyWriter(self.w))
    }

    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Res {
        self.w.byte(b':');
        let start = self.w.pos;
        value.serialize(&mut *self.w)?;
        if self.w.strip {
            self.take_back_text(start, self.undo);
        }
        Ok(())
    }

    fn end(self) -> Res {
        self.close(b'}')
    }
}

impl ser::SerializeStruct for Compound<'_> {
    type Ok = ();
    type Error = WriteError;

    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Res {
        self.field(key, value)
    }

    fn end(self) -> Res {
        self.close(b'}')
    }
}

impl ser::SerializeStructVariant for Compound<'_> {
    type Ok = ();
    type Error = WriteError;

    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Res {
        self.field(key, value)
    }

    fn end(self) -> Res {
        self.close_variant(b'}')
    }
}

/// A map key: a string; integers, booleans, characters and finite floats are quoted, as
/// serde_json does; anything else is an error.
struct KeyWriter<'w>(&'w mut Writer);

impl KeyWriter<'_> {
    fn quoted(self, f: impl FnOnce(&mut Writer) -> Res) -> Res {
        self.0.byte(b'"');
        f(self.0)?;
        self.0.byte(b'"');
        Ok(())
    }
}

macro_rules! quoted_numbers {
    ($($method:ident $ty:ty => $write:ident),* $(,)?) => {
        $(
            fn $method(self, v: $ty) -> Res {
                self.quoted(|out| number(out, |f, w| f.$write(w, v)))
            }
        )*
    };
}

impl ser::Serializer for KeyWriter<'_> {
    type Ok = ();
    type Error = WriteError;
    type SerializeSeq = Impossible<(), WriteError>;
    type SerializeTuple = Impossible<(), WriteError>;
    type SerializeTupleStruct = Impossible<(), WriteError>;
    type SerializeTupleVariant = Impossible<(), WriteError>;
    type SerializeMap = Impossible<(), WriteError>;
    type SerializeStruct = Impossible<(), WriteError>;
    type SerializeStructVariant = Impossible<(), WriteError>;

    fn serialize_str(self, v: &str) -> Res {
        self.0.string(v);
        Ok(())
    }

    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Res {
        self.serialize_str(variant)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Res {
        value.serialize(self)
    }

    fn serialize_bool(self, v: bool) -> Res {
        self.quoted(|w| {
            w.raw(if v { b"true" } else { b"false" });
            Ok(())
        })
    }

    quoted_numbers! {
        serialize_i8 i8 => write_i8,
        serialize_i16 i16 => write_i16,
        serialize_i32 i32 => write_i32,
        serialize_i64 i64 => write_i64,
        serialize_i128 i128 => write_i128,
        serialize_u8 u8 => write_u8,
        serialize_u16 u16 => write_u16,
        serialize_u32 u32 => write_u32,
        serialize_u64 u64 => write_u64,
        serialize_u128 u128 => write_u128,
    }

    fn serialize_f32(self, v: f32) -> Res {
        if !v.is_finite() {
            return Err(float_key_must_be_finite());
        }
        self.quoted(|out| number(out, |f, w| f.write_f32(w, v)))
    }

    fn serialize_f64(self, v: f64) -> Res {
        if !v.is_finite() {
            return Err(float_key_must_be_finite());
        }
        self.quoted(|out| number(out, |f, w| f.write_f64(w, v)))
    }

    fn serialize_char(self, v: char) -> Res {
        self.serialize_str(v.encode_utf8(&mut [0u8; 4]))
    }

    fn serialize_bytes(self, _v: &[u8]) -> Res {
        Err(key_must_be_a_string())
    }

    fn serialize_none(self) -> Res {
        Err(key_must_be_a_string())
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Res {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Res {
        Err(key_must_be_a_string())
    }

    fn serialize_unit_struct(self, _name: &'static str) -> Res {
        Err(key_must_be_a_string())
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Res {
        Err(key_must_be_a_string())
    }

    fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq, WriteError> {
        Err(key_must_be_a_string())
    }

    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple, WriteError> {
        Err(key_must_be_a_string())
    }

    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleStruct, WriteError> {
        Err(key_must_be_a_string())
    }

    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant, WriteError> {
        Err(key_must_be_a_string())
    }

    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap, WriteError> {
        Err(key_must_be_a_string())
    }

    fn serialize_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStruct, WriteError> {
        Err(key_must_be_a_string())
    }

    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant, WriteError> {
        Err(key_must_be_a_string())
    }
}

fn float_key_must_be_finite() -> WriteError {
    WriteError("float key must be finite (got NaN or +/-inf)".to_owned())
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use serde::Serialize;
    use serde_json::json;

    fn ours<T: Serialize + ?Sized>(v: &T) -> String {
        let mut out = String::new();
        super::write(&mut out, v).unwrap();
        out
    }

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        let mut samples: Vec<String> = (0u32..0x100)
            .filter_map(char::from_u32)
            .map(|c| format!("ab{c}cdefghijklmnopq{c}{c}"))
            .collect();
        samples.extend(
            [
                "",
                "\"",
                "\\",
                "plain ascii text that is longer than sixteen bytes",
                "æøå – § é “quoted” ’ → ≥ 𝄞 \u{7f}\u{80}\u{2028}",
                "\u{0}\u{1f}\"\\\n\r\t\u{8}\u{c}/",
                "0123456\"89abcdef\\",
            ]
            .map(str::to_owned),
        );
        for s in &samples {
            assert_eq!(ours(s), serde_json::to_string(s).unwrap(), "{s:?}");
        }
    }

    #[test]
    fn random_strings_are_escaped_as_serde_json_escapes_them() {
        let alphabet: Vec<char> = "ab \"\\\n\u{1}\u{1f}\u{7f}æø–𝄞é".chars().collect();
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        for _ in 0..20_000 {
            let len = next(600);
            let dense = next(2) == 0;
            let s: String = (0..len)
                .map(|_| {
                    let k = next(if dense { alphabet.len() } else { 40 });
                    alphabet.get(k).copied().unwrap_or('x')
                })
                .collect();
            assert_eq!(ours(&s), serde_json::to_string(&s).unwrap(), "{s:?}");
        }
    }

    #[test]
    fn an_escape_at_every_position_of_every_length() {
        // Every lane of the sixteen-byte test and of the word left over, in strings of every
        // length up to five vectors, with each kind of byte that needs escaping or does not.
        for len in 1..=80 {
            for at in 0..len {
                for b in ['"', '\\', '\n', '\u{0}', '\u{1f}', ' ', '\u{7f}', 'æ'] {
                    let s: String = (0..len).map(|i| if i == at { b } else { 'x' }).collect();
                    assert_eq!(ours(&s), serde_json::to_string(&s).unwrap(), "{s:?}");
                    assert_eq!(ours(&json!({ &s: 1 })), json!({ &s: 1 }).to_string());
                }
            }
        }
    }

    #[test]
    fn whole_numbers_are_written_as_the_float_formatter_writes_them() {
        let mut values: Vec<f64> = (-2000..=2000).map(f64::from).collect();
        let mut p = 1.0f64;
        for _ in 0..=20 {
            for d in [-2.0, -1.0, 0.0, 1.0, 2.0] {
                for x in [p + d, 2.0 * p + d, 9.0 * p + d, 10.0 * p - 1.0] {
                    values.extend([x, -x, x + 0.5, x - 0.25]);
                }
            }
            p *= 10.0;
        }
        values.extend([
            super::INTEGRAL_BELOW - 1.0,
            9_007_199_254_740_991.0,
            43e6,
            5e7 + 0.01,
        ]);
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        for _ in 0..100_000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            #[allow(clippy::cast_precision_loss)]
            values.push((seed % 2_000_000_000_000_000) as f64);
        }
        for v in values {
            // (`-0` is written `0.0`, on purpose: see `serialize_f64`.)
            let want = serde_json::to_string(&if v == 0.0 { 0.0 } else { v }).unwrap();
            assert_eq!(ours(&v), want, "{v}");
        }
    }

    #[test]
    fn strings_longer_once_escaped_than_the_room_made_for_them() {
        for s in [
            "\n".repeat(5000),
            format!("{}{}", "\u{1}".repeat(300), "a".repeat(4090)),
        ] {
            let mut w = super::Writer::default();
            s.serialize(&mut w).unwrap();
            let out = std::str::from_utf8(w.buf.get(..w.pos).unwrap()).unwrap();
            assert_eq!(out, serde_json::to_string(&s).unwrap());
        }
    }

    #[test]
    fn values_are_written_as_serde_json_writes_them() {
        let v = json!({
            "a": [1, -2, 3.5, 1e300, 0.0, 0.1, 1e-7, 123456789012345678u64, null, true, false],
            "b": {}, "c": [], "d": {"x": {"y": [[], [{}]]}}, "k\"ey": "v",
        });
        assert_eq!(ours(&v), serde_json::to_string(&v).unwrap());
        assert_eq!(ours(&json!([-0.0, 0.0])), "[0.0,0.0]");
        let mut m = BTreeMap::new();
        m.insert(3u8, f64::NAN);
        m.insert(4u8, 2.5);
        assert_eq!(ours(&m), serde_json::to_string(&m).unwrap());
        let mut keys = BTreeMap::new();
        keys.insert(true, 'x');
        assert_eq!(ours(&keys), serde_json::to_string(&keys).unwrap());
    }

    #[test]
    fn enums_and_structs_are_written_as_serde_json_writes_them() {
        #[derive(Serialize)]
        enum E {
            Unit,
            New(u8),
            Tuple(u8, &'static str),
            EmptyTuple(),
            Struct { a: u8, b: Option<u8> },
            EmptyStruct {},
        }
        #[derive(Serialize)]
        struct S {
            e: Vec<E>,
            #[serde(skip_serializing_if = "Option::is_none")]
            skipped: Option<u8>,
            t: (u8, f32),
            bytes: &'static [u8],
        }
        #[derive(Serialize)]
        struct Empty {}
        let s = S {
            e: vec![
                E::Unit,
                E::New(1),
                E::Tuple(2, "x"),
                E::EmptyTuple(),
                E::Struct { a: 3, b: None },
                E::EmptyStruct {},
            ],
            skipped: None,
            t: (4, f32::INFINITY),
            bytes: b"ab",
        };
        assert_eq!(ours(&s), serde_json::to_string(&s).unwrap());
        assert_eq!(ours(&Empty {}), "{}");
        let bad: BTreeMap<Vec<u8>, u8> = [(vec![1], 1)].into_iter().collect();
        let mut out = String::new();
        assert_eq!(
            super::write(&mut out, &bad).unwrap_err().0,
            serde_json::to_string(&bad).unwrap_err().to_string()
        );
    }

    #[test]
    fn field_names_of_any_length_and_one_that_needs_escaping() {
        #[derive(Serialize)]
        struct Keys {
            a: u8,
            seven_b: u8,
            eight_bb: u8,
            a_name_longer_than_two_words: u8,
            #[serde(rename = "quote\"and\\backslash")]
            odd: u8,
            #[serde(rename = "")]
            empty: Vec<u8>,
        }
        #[derive(Serialize)]
        enum V {
            Struct {
                first_field: u8,
                #[serde(rename = "tab\there")]
                second: u8,
            },
            Other {
                #[serde(rename = "\u{1}first")]
                first: u8,
                sixteen_bytes_xx: u8,
                nine_byte: u8,
            },
        }
        let k = Keys {
            a: 1,
            seven_b: 2,
            eight_bb: 3,
            a_name_longer_than_two_words: 4,
            odd: 5,
            empty: vec![],
        };
        assert_eq!(ours(&k), serde_json::to_string(&k).unwrap());
        let v = [
            V::Struct {
                first_field: 1,
                second: 2,
            },
            V::Other {
                first: 1,
                sixteen_bytes_xx: 2,
                nine_byte: 3,
            },
        ];
        assert_eq!(ours(&v), serde_json::to_string(&v).unwrap());
    }
}
