//! UTF-8 to UTF-16, for hosts that make a string from UTF-16 much faster than from UTF-8 (Node:
//! `Buffer#ucs2Slice` is a copy; its UTF-8 decoder goes byte by byte from the first letter
//! outside ASCII, and a Danish text has one every few words).

use std::cell::RefCell;

thread_local! {
    /// The code units of the last conversion, as little-endian bytes (kept: a call allocates
    /// nothing once warm).
    static UNITS: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

/// Hand the UTF-16 code units of `bytes` (UTF-8), as little-endian bytes, to `f`. Eight bytes
/// at a time are widened with shifts and masks into two 64-bit stores, of which the ASCII ones
/// up to the first other count; that character is decoded on its own (an ill-formed sequence,
/// which `str` never holds, would give U+FFFD).
pub(crate) fn with_utf16<R>(bytes: &[u8], f: impl FnOnce(&[u8]) -> R) -> R {
    UNITS.with(|cell| match cell.try_borrow_mut() {
        Ok(mut units) => f(convert(bytes, &mut units)),
        Err(_) => f(convert(bytes, &mut Vec::new())),
    })
}

const HIGH: u64 = 0x8080_8080_8080_8080;

/// Four bytes, each widened to 16 bits.
#[inline(always)]
fn widen(v: u32) -> u64 {
    let v = u64::from(v);
    let v = (v | (v << 16)) & 0x0000_FFFF_0000_FFFF;
    (v | (v << 8)) & 0x00FF_00FF_00FF_00FF
}

/// Sixteen ASCII bytes (two words, little-endian), each widened to 16 bits: four words.
#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
#[inline(always)]
fn widen16(a: u64, b: u64) -> [[u8; 8]; 4] {
    [
        widen(a as u32).to_le_bytes(),
        widen((a >> 32) as u32).to_le_bytes(),
        widen(b as u32).to_le_bytes(),
        widen((b >> 32) as u32).to_le_bytes(),
    ]
}

/// [`widen16`] with WebAssembly's 128-bit SIMD: two extends.
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
#[inline(always)]
fn widen16(a: u64, b: u64) -> [[u8; 8]; 4] {
    use core::arch::wasm32::{
        i64x2, i64x2_extract_lane, u16x8_extend_high_u8x16, u16x8_extend_low_u8x16,
    };
    let v = i64x2(a as i64, b as i64);
    let (lo, hi) = (u16x8_extend_low_u8x16(v), u16x8_extend_high_u8x16(v));
    let word = |x: i64| (x as u64).to_le_bytes();
    [
        word(i64x2_extract_lane::<0>(lo)),
        word(i64x2_extract_lane::<1>(lo)),
        word(i64x2_extract_lane::<0>(hi)),
        word(i64x2_extract_lane::<1>(hi)),
    ]
}

#[inline(always)]
fn store8(out: &mut [u8], at: usize, w: u64) {
    if let Some(d) = out.get_mut(at..at + 8) {
        if let Ok(d) = <&mut [u8; 8]>::try_from(d) {
            *d = w.to_le_bytes();
        }
    }
}

#[inline(always)]
fn store2(out: &mut [u8], at: usize, u: u32) {
    if let Some(d) = out.get_mut(at..at + 2) {
        if let Ok(d) = <&mut [u8; 2]>::try_from(d) {
            *d = (u as u16).to_le_bytes();
        }
    }
}

fn convert<'u>(bytes: &[u8], units: &'u mut Vec<u8>) -> &'u [u8] {
    // At most one unit (two bytes) per byte, and room for two whole widened words past the last.
    if units.len() < 2 * bytes.len() + 32 {
        units.resize(2 * bytes.len() + 32, 0);
    }
    let out = units.as_mut_slice();
    let mut n = 0;
    let mut i = 0;
    while i < bytes.len() {
        // Sixteen bytes of ASCII at a time: one test, four widened stores.
        if let (Some(&[b0, b1, b2, b3, b4, b5, b6, b7]), Some(&[c0, c1, c2, c3, c4, c5, c6, c7])) =
            (bytes.get(i..i + 8), bytes.get(i + 8..i + 16))
        {
            let a = u64::from_le_bytes([b0, b1, b2, b3, b4, b5, b6, b7]);
            let b = u64::from_le_bytes([c0, c1, c2, c3, c4, c5, c6, c7]);
            if (a | b) & HIGH == 0 {
                if let Some(d) = out.get_mut(n..n + 32) {
                    let (d, _) = d.as_chunks_mut::<8>();
                    if let [d0, d1, d2, d3] = d {
                        [*d0, *d1, *d2, *d3] = widen16(a, b);
                    }
                }
                i += 16;
                n += 32;
                continue;
            }
        }
        if let Some(&[b0, b1, b2, b3, b4, b5, b6, b7]) = bytes.get(i..i + 8) {
            // Widen the whole word; count the bytes before its first one outside ASCII.
            store8(out, n, widen(u32::from_le_bytes([b0, b1, b2, b3])));
            store8(out, n + 8, widen(u32::from_le_bytes([b4, b5, b6, b7])));
            let ascii = (u64::from_le_bytes([b0, b1, b2, b3, b4, b5, b6, b7]) & HIGH)
                .trailing_zeros() as usize
                / 8;
            i += ascii;
            n += 2 * ascii;
            if ascii == 8 {
                continue;
            }
        }
        let (c, len) = decode(bytes, i);
        i += len;
        if c >= 0x10000 {
            let c = c - 0x10000;
            store2(out, n, 0xD800 | (c >> 10));
            store2(out, n + 2, 0xDC00 | (c & 0x3FF));
            n += 4;
        } else {
            store2(out, n, c);
            n += 2;
        }
    }
    out.get(..n).unwrap_or_default()
}

/// The character at `i` and the length of its sequence.
fn decode(bytes: &[u8], i: usize) -> (u32, usize) {
    let at = |k: usize| u32::from(bytes.get(i + k).copied().unwrap_or(0) & 0x3F);
    match bytes.get(i).copied().unwrap_or(0) {
        b @ 0x00..=0x7F => (u32::from(b), 1),
        b @ 0xC0..=0xDF => ((u32::from(b & 0x1F) << 6) | at(1), 2),
        b @ 0xE0..=0xEF => ((u32::from(b & 0x0F) << 12) | (at(1) << 6) | at(2), 3),
        b @ 0xF0..=0xF7 => (
            (u32::from(b & 0x07) << 18) | (at(1) << 12) | (at(2) << 6) | at(3),
            4,
        ),
        _ => (0xFFFD, 1),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn converts_as_encode_utf16() {
        for s in [
            "",
            "plain ascii, longer than a word or two",
            "æøå – § é “quoted” ’ → ≥ 𝄞 \u{7f}\u{80}\u{7ff}\u{800}\u{ffff}\u{10000}\u{10ffff}",
            "ab𝄞cdefghæ",
            "sixteen bytes ok, then thirty-two more bytes of plain text æ and — on",
        ] {
            let want: Vec<u8> = s.encode_utf16().flat_map(u16::to_le_bytes).collect();
            super::with_utf16(s.as_bytes(), |units| {
                assert_eq!(units, want.as_slice(), "{s}")
            });
        }
    }

    #[test]
    fn converts_a_letter_at_every_position() {
        for letter in ["æ", "—", "𝄞"] {
            for at in 0..40 {
                let s = format!("{}{letter}{}", "a".repeat(at), "b".repeat(40 - at));
                let want: Vec<u8> = s.encode_utf16().flat_map(u16::to_le_bytes).collect();
                super::with_utf16(s.as_bytes(), |units| {
                    assert_eq!(units, want.as_slice(), "{s}")
                });
            }
        }
    }
}
