/// The 64-bit FNV-1a hash of a string's bytes: the key of a translation (`translations.rs`),
/// computed the same way when `build.rs` embeds the files (both `include!` this file).
fn fnv1a(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}
