//! Verdicts shared between rows that state the same decision facts.
//!
//! A register or a portfolio repeats itself: thousands of companies with the same activities,
//! Member State and size band. A verdict depends on a profile's own size figures only through
//! the size classes they allow (Recommendation 2003/361/EC: 10, 50, 250 staff; EUR 2, 10, 50 m
//! turnover; EUR 2, 10, 43 m balance sheet total) and, for the size question, which of them are
//! missing and which are ranges with values on both sides of a ceiling; and not at all on its
//! name or on the notes of its activities. So the memo keys a profile by every other fact,
//! exactly as given, and by those (see `size_key`); rows with the same key get the same
//! verdict, which is computed once. A binding's key of a row's cells ([`CellKey`]) writes an
//! exact figure by which ceilings it meets (staff "fewer than", money "not exceeding", the size
//! test's own comparison, `crate::scope::size::Meets`), finer than the profile's key.
//!
//! Only what is certain is shared: a profile whose figures do not validate (not finite,
//! negative, a range that ends below its start), that names related enterprises or earlier
//! periods, or whose first row gave an error, is decided on its own, as a single `scope` call
//! decides it, and so is a profile whose key is longer than [`MAX_KEY_BYTES`] (thousands of
//! activities or codes). The memo holds at most [`MEMO_CAPACITY`] verdicts; past that, rows
//! with new keys are decided on their own too. A test (`tests/screen.rs`) checks every shared verdict
//! against the single call, at and around every ceiling.

use std::borrow::Borrow;
use std::collections::HashMap as StdHashMap;
use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicU8, Ordering};

/// A map keyed by rows' text, each key hashed once where it is made. A key's first
/// [`HASH_BYTES`] bytes are the hash of the rest under the memo's seed ([`seal`]), computed on
/// the thread that writes the key (the pool's threads), and the maps take those bytes as the
/// hash ([`Prehashed`]): the calling thread, which looks keys up and inserts them one row after
/// another, hashed every new row's key up to four times (an eighth of its time, perf, 4
/// December).
type HashMap<K, V> = StdHashMap<K, V, Prehashed>;

/// The hash of a key's content: seeded at random for each memo (foldhash's `RandomState`), so a
/// hostile table cannot choose keys that collide and make every lookup linear; several times
/// faster than the standard SipHash on these short keys. The WebAssembly builds keep the
/// standard hash (a smaller module).
#[cfg(not(target_arch = "wasm32"))]
type Seeded = foldhash::quality::RandomState;
#[cfg(target_arch = "wasm32")]
type Seeded = std::collections::hash_map::RandomState;

/// The bytes a key's hash takes at its start.
const HASH_BYTES: usize = 8;

/// Write the hash of `key`'s content (after its first [`HASH_BYTES`] bytes) into those bytes.
fn seal(seed: &Seeded, key: &mut [u8]) {
    if let Some((head, content)) = key.split_first_chunk_mut::<HASH_BYTES>() {
        *head = seed.hash_one(&*content).to_le_bytes();
    }
}

/// The hasher of the memo's maps: a key's hash is its first bytes (see [`seal`]).
#[derive(Debug, Clone, Copy, Default)]
struct Prehashed;

impl BuildHasher for Prehashed {
    type Hasher = Taken;
    fn build_hasher(&self) -> Taken {
        Taken(0)
    }
}

/// The hash a sealed key carries.
struct Taken(u64);

impl Hasher for Taken {
    fn write(&mut self, bytes: &[u8]) {
        // A byte slice hashes as its length (ignored) and then its bytes, in one write.
        if let Some(head) = bytes.first_chunk::<HASH_BYTES>() {
            self.0 ^= u64::from_le_bytes(*head);
        }
    }
    fn write_usize(&mut self, _length: usize) {}
    fn finish(&self) -> u64 {
        self.0
    }
}

use crate::error::{Error, Result};
use crate::scope::profile::{Activity, Profile, SizeFigure, SizeInput};
use crate::scope::result::SizeClass;
use crate::scope::size::Meets;
use crate::scope::verdict::ScopeVerdict;

use super::ReadRow;

/// The most verdicts a memo keeps (the distinct keys of one screening that are shared).
pub const MEMO_CAPACITY: usize = 1 << 15;

/// The longest key shared (a profile with more facts than this is decided on its own), so that
/// a full memo stays within a bounded size whatever the rows hold.
pub const MAX_KEY_BYTES: usize = 4096;

/// The most rows kept by their cells (see [`Memo::read_and_answer_cells`]).
pub const CELL_KEYS_CAPACITY: usize = 1 << 16;

/// The longest cell key kept (a row with longer cells is read and keyed by its profile).
pub const MAX_CELL_KEY_BYTES: usize = 256;

/// The verdicts of a screening, shared by key; kept across the chunks of a streamed input.
#[derive(Debug, Default)]
pub struct Memo {
    // A hash seeded at random ([`Seeded`]): keys carry the input's text, which a hostile
    // table could choose to collide under a fixed hash and make every lookup linear.
    seed: Seeded,
    /// Profiles by their key ([`key`], sealed).
    keys: HashMap<Vec<u8>, u32>,
    verdicts: Vec<ScopeVerdict>,
    /// Rows by their cells exactly as given (the cells that only name a row by whether they
    /// are given), each with the shared verdict the first such row got: a later row with the
    /// same cells reads into the same profile but for its name, so it gets the same verdict
    /// without being read (sealed cell keys).
    cells: HashMap<Vec<u8>, u32>,
}

thread_local! {
    /// The buffer a row's cell key is written into (kept per thread: one row after another).
    static KEY_BUFFER: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// `f` with an empty key written into this thread's buffer (a fresh one when it is in use or
/// gone), which is kept for the next row.
fn with_cell_key<R>(f: impl FnOnce(&mut CellKey) -> R) -> R {
    let bytes = KEY_BUFFER
        .try_with(|cell| cell.try_borrow_mut().map(|mut b| std::mem::take(&mut *b)))
        .ok()
        .and_then(std::result::Result::ok)
        .unwrap_or_default();
    let mut key = CellKey::over(bytes);
    key.bytes.clear();
    key.bytes.extend_from_slice(&[0; HASH_BYTES]);
    let out = f(&mut key);
    let _ = KEY_BUFFER.try_with(|cell| {
        if let Ok(mut kept) = cell.try_borrow_mut() {
            *kept = key.bytes;
        }
    });
    out
}

/// The column of an own size figure given exactly (`staff_headcount`, `annual_turnover_eur`,
/// `balance_sheet_total_eur` of the flat layout): its cells are keyed by band
/// ([`CellKey::figure`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FigureColumn(usize);

impl FigureColumn {
    /// The figure column of this name in the flat layout, if it is one.
    pub fn of(column: &str) -> Option<FigureColumn> {
        [
            "staff_headcount",
            "annual_turnover_eur",
            "balance_sheet_total_eur",
        ]
        .iter()
        .position(|c| *c == column)
        .map(FigureColumn)
    }
}

/// Which ceilings `v` meets: bit `i` set when it meets ceiling `i`.
fn met(how: Meets, ceilings: &[f64; 3], v: f64) -> u8 {
    ceilings
        .iter()
        .enumerate()
        .filter(|(_, c)| how.holds(v, **c))
        .fold(0, |bits, (i, _)| bits | 1 << i)
}

/// The size classes three exact figures allow, by their bands (`met` of each, 8 × 8 × 8; the
/// size test compares a figure only with these ceilings, so the classes are the same for every
/// figure of a band), each found by the size test on the first row that has it and [`KNOWN`]
/// from then on (0: not yet; every thread finds the same).
static CLASSES_BY_BANDS: [AtomicU8; 512] = [const { AtomicU8::new(0) }; 512];

/// Set in [`CLASSES_BY_BANDS`] beside the classes found (one bit each, below 32).
const KNOWN: u8 = 0x80;

/// A row's cells written as one key: every cell is tagged and its length given, so two rows
/// have the same key only when their cells are the same, cell by cell. (Its first
/// [`HASH_BYTES`] bytes are room for its hash.)
///
/// A row that gives all three own size figures exactly (`staff_headcount`,
/// `annual_turnover_eur`, `balance_sheet_total_eur`) is keyed coarser still, by the size
/// classes the three allow together ([`CellKey::figure`]), as the profile's key is: rows in
/// different bands of one figure often make the same class (60 staff with EUR 1 m or EUR 9 m
/// turnover), and each key not known yet is a row read and keyed by its profile.
#[derive(Debug)]
pub struct CellKey {
    bytes: Vec<u8>,
    too_long: bool,
    /// Each own size figure written by band: where its band is in `bytes`, and its value.
    figures: [Option<(usize, f64)>; 3],
    /// A figure column written twice (never in a table, whose columns are distinct): the
    /// figures are then left in their bands.
    repeated: bool,
}

impl Default for CellKey {
    fn default() -> Self {
        CellKey::over(vec![0; HASH_BYTES])
    }
}

impl CellKey {
    /// A key written into `bytes` (which hold its hash's room and whatever is written next).
    fn over(bytes: Vec<u8>) -> CellKey {
        CellKey {
            bytes,
            too_long: false,
            figures: [None; 3],
            repeated: false,
        }
    }

    /// The length of the cells written (the key without its hash).
    fn written(&self) -> usize {
        self.bytes.len().saturating_sub(HASH_BYTES)
    }

    /// An empty cell (a null).
    pub fn null(&mut self) {
        self.bytes.push(0);
    }

    /// A cell of text.
    pub fn text(&mut self, s: &str) {
        self.bytes.push(1);
        self.str(s);
    }

    /// A number.
    pub fn number(&mut self, v: f64) {
        self.bytes.push(2);
        self.bytes.extend_from_slice(&v.to_bits().to_le_bytes());
    }

    /// A cell of an own size figure's column, written as the size test reads it (whether it
    /// meets each ceiling of its figure), so that rows with figures in the same band share a
    /// key; a value the profile refuses (not finite, negative) is written as it is. When a row
    /// gives all three figures, the three bands are replaced by the size classes they allow
    /// together (see [`CellKey::classes`]).
    pub fn figure(&mut self, column: FigureColumn, v: f64) {
        let Some((how, ceilings)) = crate::scope::size::ceilings().get(column.0).copied() else {
            return self.number(v);
        };
        if !v.is_finite() || v < 0.0 {
            return self.number(v);
        }
        self.bytes.push(9);
        if let Some(slot) = self.figures.get_mut(column.0) {
            self.repeated |= slot.is_some();
            *slot = Some((self.bytes.len(), v));
        }
        self.bytes.push(met(how, &ceilings, v));
    }

    /// A row with all three own size figures given exactly: the classes they allow written in
    /// place of their bands (their tags become 10, so such a key never equals one with bands).
    ///
    /// Exact: with the three figures given exactly, the row's size is these figures alone (a
    /// range column given as well is the row's error, and an error is never shared), and its
    /// profile's key holds of the size no more than this: each figure given, and the classes
    /// (`size_key`). Rows with one such key read into profiles with one key, so one verdict.
    fn classes(&mut self) {
        let [Some((s, staff)), Some((t, turnover)), Some((b, balance))] = self.figures else {
            return;
        };
        if self.repeated {
            return;
        }
        let band = |at: usize| usize::from(self.bytes.get(at).copied().unwrap_or(0) & 7);
        let Some(known) = CLASSES_BY_BANDS.get(band(s) << 6 | band(t) << 3 | band(b)) else {
            return;
        };
        let classes = match known.load(Ordering::Relaxed) {
            0 => {
                let classes = exact_classes(staff, turnover, balance);
                known.store(classes | KNOWN, Ordering::Relaxed);
                classes
            }
            bits => bits & !KNOWN,
        };
        for (at, band) in [(s, classes), (t, 0), (b, 0)] {
            if let Some([tag, slot]) = at
                .checked_sub(1)
                .and_then(|from| self.bytes.get_mut(from..=at))
                .and_then(|pair| <&mut [u8; 2]>::try_from(pair).ok())
            {
                *tag = 10;
                *slot = band;
            }
        }
        self.figures = [None; 3];
    }

    /// A yes/no cell.
    pub fn flag(&mut self, b: bool) {
        self.bytes.push(if b { 4 } else { 3 });
    }

    /// A cell of a list of texts (a null item is kept apart from an empty one).
    pub fn list<'a>(&mut self, items: impl Iterator<Item = Option<&'a str>>) {
        self.bytes.push(5);
        let at = self.bytes.len();
        self.bytes.extend_from_slice(&[0; 4]);
        let mut n = 0u32;
        for item in items {
            if self.too_long || self.written() > MAX_CELL_KEY_BYTES {
                // Past the longest key kept: the row is read instead, so stop writing.
                self.too_long = true;
                return;
            }
            n = n.saturating_add(1);
            match item {
                None => self.bytes.push(0),
                Some(s) => {
                    self.bytes.push(1);
                    self.str(s);
                }
            }
        }
        if let Some(slot) = self.bytes.get_mut(at..at + 4) {
            slot.copy_from_slice(&n.to_le_bytes());
        }
    }

    /// How many cells a row has.
    pub fn count(&mut self, n: usize) {
        self.bytes.push(8);
        self.bytes
            .extend_from_slice(&u64::try_from(n).unwrap_or(u64::MAX).to_le_bytes());
    }

    /// A cell that only names the row (its id or name): whether it is given.
    pub fn given(&mut self, given: bool) {
        self.bytes.push(if given { 7 } else { 6 });
    }

    fn str(&mut self, s: &str) {
        match u32::try_from(s.len()) {
            Ok(n) if s.len() <= MAX_CELL_KEY_BYTES => {
                self.bytes.extend_from_slice(&n.to_le_bytes());
                self.bytes.extend_from_slice(s.as_bytes());
            }
            _ => self.too_long = true,
        }
    }

    /// The key's bytes; `None` when it is too long to be kept (the row is read instead).
    fn known(&self) -> Option<&[u8]> {
        (!self.too_long && self.written() <= MAX_CELL_KEY_BYTES).then_some(self.bytes.as_slice())
    }

    /// The key's bytes with its hash under `seed`, as [`CellKey::known`] gives them.
    fn sealed(&mut self, seed: &Seeded) -> Option<&[u8]> {
        self.classes();
        self.known()?;
        seal(seed, &mut self.bytes);
        Some(self.bytes.as_slice())
    }
}

/// A row's answer: a verdict of the memo, or one of its own, or its error.
#[derive(Debug)]
pub enum Outcome {
    /// The memo's verdict with this index.
    Shared(u32),
    /// A verdict decided for this row alone.
    Own(Box<ScopeVerdict>),
    /// Why the row could not be screened, at its path within the row.
    Error(Box<Error>),
}

impl Outcome {
    /// The verdict or the error.
    pub fn get<'a>(&'a self, memo: &'a Memo) -> std::result::Result<&'a ScopeVerdict, &'a Error> {
        match self {
            Outcome::Own(v) => Ok(v),
            Outcome::Error(e) => Err(e),
            Outcome::Shared(i) => memo.verdicts.get(*i as usize).ok_or(&MISSING),
        }
    }
}

/// Never given out: a shared index always names a verdict of its memo.
static MISSING: Error = Error::Multiple(Vec::new());

impl Memo {
    /// An empty memo.
    #[must_use]
    pub fn new() -> Memo {
        Memo::default()
    }

    /// How many verdicts it holds.
    #[must_use]
    pub fn len(&self) -> usize {
        self.verdicts.len()
    }

    /// Whether it holds none.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.verdicts.is_empty()
    }

    /// The verdict with this index.
    #[must_use]
    pub fn verdict(&self, index: u32) -> Option<&ScopeVerdict> {
        self.verdicts.get(index as usize)
    }

    /// The answer of every read row, in order, each the same as [`super::verdicts`] gives it:
    /// keys in parallel, then each new key decided once (in parallel), the rest shared.
    pub fn verdicts(&mut self, rows: &[ReadRow]) -> Vec<Outcome> {
        let memo = &*self;
        let rows: Vec<&ReadRow> = rows.iter().collect();
        let read = super::map_rows(&rows, |r: &&ReadRow| memo.look_up(*r));
        self.answer(read)
    }

    /// Read `n` rows with `read` (in parallel) and answer each, in order, as [`Memo::verdicts`]
    /// does; also gives back each row's id. A row whose key the memo holds is dropped as soon
    /// as it is read, so that a long, repetitive table is read and answered mostly in parallel.
    pub fn read_and_answer(
        &mut self,
        n: usize,
        read: impl Fn(usize) -> ReadRow + Sync + Send,
    ) -> (Vec<Outcome>, Vec<Option<String>>) {
        let memo = &*self;
        let at: Vec<usize> = (0..n).collect();
        let read = super::map_rows(&at, |&i| {
            let mut row = read(i);
            let id = row.id.take();
            (memo.look_up(row), id)
        });
        let (read, ids): (Vec<_>, Vec<_>) = read.into_iter().unzip();
        (self.answer(read), ids)
    }

    /// As [`Memo::read_and_answer`], for rows that can also be keyed by their cells: `cells`
    /// writes row `i`'s cells (every cell that can change the verdict as given, and for a cell
    /// that only names the row, whether it is given), and `id` reads its id. A row whose cells
    /// a shared row had before is answered with that row's verdict without being read; the
    /// others are read and answered as [`Memo::read_and_answer`] answers them.
    pub fn read_and_answer_cells(
        &mut self,
        n: usize,
        cells: impl Fn(usize, &mut CellKey) + Sync + Send,
        id: impl Fn(usize) -> Option<String> + Sync + Send,
        read: impl Fn(usize) -> ReadRow + Sync + Send,
    ) -> (Vec<Outcome>, Vec<Option<String>>) {
        let mut outcomes = Vec::with_capacity(n);
        let mut ids = Vec::with_capacity(n);
        // In runs that grow, so that the cells of a table's first rows serve the rest soon.
        let (mut start, mut run) = (0, 1024);
        while start < n {
            let end = n.min(start + run);
            let at: Vec<usize> = (start..end).collect();
            self.answer_cells(&at, &cells, &id, &read, &mut outcomes, &mut ids);
            start = end;
            run = run.saturating_mul(2);
        }
        (outcomes, ids)
    }

    /// The rows `at`, answered as [`Memo::read_and_answer_cells`] answers them: each row's cells
    /// are keyed (in parallel); of the rows whose cells the memo does not know, only the first
    /// of each key is read (in parallel) and the others take its verdict when it is shared (or
    /// are read and decided on their own when it is not).
    fn answer_cells(
        &mut self,
        at: &[usize],
        cells: &(impl Fn(usize, &mut CellKey) + Sync + Send),
        id: &(impl Fn(usize) -> Option<String> + Sync + Send),
        read: &(impl Fn(usize) -> ReadRow + Sync + Send),
        outcomes: &mut Vec<Outcome>,
        ids: &mut Vec<Option<String>>,
    ) {
        let memo = &*self;
        let mut keyed: Vec<(Option<Vec<u8>>, Option<u32>)> = super::map_rows(at, |&i| {
            // Written into this thread's buffer: a row the memo knows allocates nothing.
            with_cell_key(|key| {
                cells(i, key);
                match key.sealed(&memo.seed) {
                    Some(k) => match memo.cells.get(k) {
                        Some(&hit) => (None, Some(hit)),
                        None => (Some(k.to_vec()), None),
                    },
                    None => (None, None),
                }
            })
        });
        if keyed.iter().all(|(_, hit)| hit.is_some()) {
            // Every row's cells are known (most runs of a long, repetitive table): each takes
            // its verdict, and nothing is read.
            outcomes.extend(keyed.iter().filter_map(|(_, hit)| hit.map(Outcome::Shared)));
            ids.extend(at.iter().map(|&i| id(i)));
            return;
        }
        // Positions (in `at`) to read, and for a later row of a new key, its first row's.
        let mut first: HashMap<&[u8], usize> =
            HashMap::with_capacity_and_hasher(keyed.len(), Prehashed);
        let mut to_read = Vec::new();
        let follows: Vec<Option<usize>> = keyed
            .iter()
            .enumerate()
            .map(|(p, (key, hit))| match (hit, key.as_deref()) {
                (Some(_), _) => None,
                (None, Some(k)) => match first.get(k) {
                    Some(&f) => Some(f),
                    None => {
                        first.insert(k, p);
                        to_read.push(p);
                        None
                    }
                },
                (None, None) => {
                    to_read.push(p);
                    None
                }
            })
            .collect();
        drop(first);
        let mut answers: Answers = std::iter::repeat_with(|| None).take(at.len()).collect();
        self.fill(&mut answers, at, &to_read, read);
        // The verdict of each row known without reading it: its cells', or its first row's.
        let known: Vec<Option<u32>> = keyed
            .iter()
            .zip(&follows)
            .map(|((_, hit), f)| hit.or_else(|| f.and_then(|f| shared(&answers, f))))
            .collect();
        // Later rows whose first row was not shared are read and decided as it was.
        let again: Vec<usize> = follows
            .iter()
            .zip(&known)
            .enumerate()
            .filter(|(_, (f, k))| f.is_some() && k.is_none())
            .map(|(p, _)| p)
            .collect();
        self.fill(&mut answers, at, &again, read);
        self.cells.reserve(
            to_read
                .len()
                .min(CELL_KEYS_CAPACITY.saturating_sub(self.cells.len())),
        );
        for &p in &to_read {
            if self.cells.len() >= CELL_KEYS_CAPACITY {
                break;
            }
            if let (Some(v), Some((Some(key), _))) = (shared(&answers, p), keyed.get_mut(p)) {
                self.cells.insert(std::mem::take(key), v);
            }
        }
        for ((p, known), answer) in known.iter().enumerate().zip(answers) {
            let (outcome, row_id) = match known {
                Some(v) => (Outcome::Shared(*v), at.get(p).and_then(|&i| id(i))),
                None => answer.unwrap_or_else(|| (Outcome::Error(Box::new(MISSING.clone())), None)),
            };
            outcomes.push(outcome);
            ids.push(row_id);
        }
        super::drop_rows(keyed);
    }

    /// Read and answer the rows at positions `to` of `at` into `answers`.
    fn fill(
        &mut self,
        answers: &mut Answers,
        at: &[usize],
        to: &[usize],
        read: &(impl Fn(usize) -> ReadRow + Sync + Send),
    ) {
        for (p, answer) in to.iter().zip(self.read_at(at, to, read)) {
            if let Some(slot) = answers.get_mut(*p) {
                *slot = Some(answer);
            }
        }
    }

    /// The rows at positions `to` of `at`, read (in parallel) and answered, with their ids.
    fn read_at(
        &mut self,
        at: &[usize],
        to: &[usize],
        read: &(impl Fn(usize) -> ReadRow + Sync + Send),
    ) -> Vec<(Outcome, Option<String>)> {
        let memo = &*self;
        let rows: Vec<usize> = to.iter().filter_map(|&p| at.get(p).copied()).collect();
        let looked = super::map_rows(&rows, |&i| {
            let mut row = read(i);
            let id = row.id.take();
            (memo.look_up(row), id)
        });
        let (reads, ids): (Vec<_>, Vec<_>) = looked.into_iter().unzip();
        self.answer(reads).into_iter().zip(ids).collect()
    }

    /// A row and its key, or the memo's verdict for it.
    fn look_up<R: Borrow<ReadRow>>(&self, row: R) -> Read<R> {
        let key = row
            .borrow()
            .profile
            .as_ref()
            .ok()
            .and_then(key)
            .map(|mut k| {
                seal(&self.seed, &mut k);
                k
            });
        match key.as_deref().and_then(|k| self.keys.get(k)) {
            Some(&at) => Read::Hit(at),
            None => Read::Miss(Box::new((row, key))),
        }
    }

    /// The answers of looked-up rows: the first row of each new key decides it (in parallel
    /// with the others), and later rows of the key take its answer.
    fn answer<R: Borrow<ReadRow> + Sync + Send>(&mut self, read: Vec<Read<R>>) -> Vec<Outcome> {
        let mut first: Keys<'_> = HashMap::with_capacity_and_hasher(read.len(), Prehashed);
        let mut plan: Vec<Plan> = Vec::with_capacity(read.len());
        let mut decide: Vec<&ReadRow> = Vec::new();
        for r in &read {
            let step = match r {
                Read::Hit(at) => Plan::Memo(*at),
                Read::Miss(miss) => match miss.as_ref() {
                    (row, None) => {
                        decide.push(row.borrow());
                        Plan::Decide(None)
                    }
                    (row, Some(k)) => match first.get(k.as_slice()) {
                        Some(&n) => Plan::After(n, row.borrow()),
                        None => {
                            let shared = self.keys.len() + first.len() < MEMO_CAPACITY;
                            if shared {
                                first.insert(k.as_slice(), decide.len());
                            }
                            decide.push(row.borrow());
                            Plan::Decide(shared.then_some(k.as_slice()))
                        }
                    },
                },
            };
            plan.push(step);
        }
        let mut answers = super::map_rows(&decide, |r| one(r)).into_iter();
        // Room for the new shared verdicts at once (a verdict is a few hundred bytes: growing
        // the list one doubling at a time moved it over and over).
        self.verdicts.reserve(first.len());
        self.keys.reserve(first.len());
        // The answer of the n-th decided row: shared (in the memo) or its own.
        let mut decided: Vec<Option<Outcome>> = Vec::with_capacity(decide.len());
        for step in &plan {
            let Plan::Decide(k) = step else { continue };
            let answer = answers.next().unwrap_or_else(|| Err(MISSING.clone()));
            decided.push(Some(match (k, answer) {
                (Some(k), Ok(v)) => {
                    let at = u32::try_from(self.verdicts.len()).unwrap_or(u32::MAX);
                    self.verdicts.push(v);
                    self.keys.insert(k.to_vec(), at);
                    Outcome::Shared(at)
                }
                (_, answer) => own(answer),
            }));
        }
        let mut n = 0usize;
        let mut out = Vec::with_capacity(plan.len());
        for step in &plan {
            out.push(match step {
                Plan::Memo(at) => Outcome::Shared(*at),
                Plan::Decide(_) => {
                    n += 1;
                    match decided.get_mut(n - 1) {
                        // Later rows of the key read it again.
                        Some(Some(Outcome::Shared(at))) => Outcome::Shared(*at),
                        slot => slot
                            .and_then(Option::take)
                            .unwrap_or_else(|| Outcome::Error(Box::new(MISSING.clone()))),
                    }
                }
                Plan::After(m, row) => match decided.get(*m) {
                    Some(Some(Outcome::Shared(at))) => Outcome::Shared(*at),
                    // The row that decided the key gave an error: this one is decided alone.
                    _ => own(one(row)),
                },
            });
        }
        drop((plan, decide, first));
        super::drop_rows(read);
        out
    }
}

impl Drop for Memo {
    fn drop(&mut self) {
        super::drop_rows(std::mem::take(&mut self.verdicts));
        super::drop_rows(self.keys.drain().map(|(k, _)| k).collect());
        super::drop_rows(self.cells.drain().map(|(k, _)| k).collect());
    }
}

/// The answers of a run's rows (by position), with their ids, where read.
type Answers = Vec<Option<(Outcome, Option<String>)>>;

/// The memo's verdict of the row at `p`, where it was read and shared.
fn shared(answers: &Answers, p: usize) -> Option<u32> {
    match answers.get(p) {
        Some(Some((Outcome::Shared(v), _))) => Some(*v),
        _ => None,
    }
}

/// A row looked up in the memo.
enum Read<R> {
    /// The memo's verdict.
    Hit(u32),
    /// Not in the memo: the row, and its key where it has one (boxed: most rows are hits).
    Miss(Box<(R, Option<Vec<u8>>)>),
}

/// The keys of a chunk's new rows, by the position of the row that decides each.
type Keys<'a> = HashMap<&'a [u8], usize>;

/// What becomes of a row.
#[derive(Debug, Clone, Copy)]
enum Plan<'k> {
    /// Decided now: on its own, or (with its key) as the first row of a new key, whose verdict
    /// the memo then shares.
    Decide(Option<&'k [u8]>),
    /// A later row of a new key: the answer of the n-th decided row (the row, in case that
    /// one gave an error).
    After(usize, &'k ReadRow),
    /// The memo's verdict.
    Memo(u32),
}

fn own(answer: Result<ScopeVerdict>) -> Outcome {
    match answer {
        Ok(v) => Outcome::Own(Box::new(v)),
        Err(e) => Outcome::Error(Box::new(e)),
    }
}

/// One row decided as [`super::verdicts`] decides it.
fn one(r: &ReadRow) -> Result<ScopeVerdict> {
    super::row_scope(|| super::answer_row(r, crate::scope::verdict))
}

/// The memo key of a profile: every fact but its name and notes exactly, and its own size
/// figures by how they compare with the ceilings; `None` where the verdict is not shared.
/// (Its first [`HASH_BYTES`] bytes are room for its hash: see [`seal`].)
pub(crate) fn key(p: &Profile) -> Option<Vec<u8>> {
    // Every field is named, so that a new one cannot be left out of the key unnoticed.
    let Profile {
        schema_version,
        name: _,
        member_state,
        member_states_of_service,
        provides_services_in_union,
        activities,
        nace_codes,
        size,
        public_security_activities,
        security_activities,
        designations,
    } = p;
    let mut k = Vec::with_capacity(128);
    k.extend_from_slice(&[0; HASH_BYTES]);
    opt_text(&mut k, schema_version.as_deref());
    opt_text(&mut k, member_state.as_deref());
    texts(&mut k, member_states_of_service);
    opt_bool(&mut k, *provides_services_in_union);
    count(&mut k, activities.len());
    for a in activities {
        let Activity {
            entity_type,
            qualified_trust_service_provider,
            significant_impact_assessed,
            note: _,
        } = a;
        text(&mut k, entity_type);
        opt_bool(&mut k, *qualified_trust_service_provider);
        opt_bool(&mut k, *significant_impact_assessed);
    }
    texts(&mut k, nace_codes);
    size_key(&mut k, size.as_ref())?;
    opt_bool(&mut k, *public_security_activities);
    json(&mut k, security_activities.as_ref())?;
    json(&mut k, designations.as_ref())?;
    (k.len() <= MAX_KEY_BYTES + HASH_BYTES).then_some(k)
}

fn count(k: &mut Vec<u8>, n: usize) {
    k.extend_from_slice(&u64::try_from(n).unwrap_or(u64::MAX).to_le_bytes());
}

fn text(k: &mut Vec<u8>, s: &str) {
    count(k, s.len());
    k.extend_from_slice(s.as_bytes());
}

fn opt_text(k: &mut Vec<u8>, s: Option<&str>) {
    match s {
        None => k.push(0),
        Some(s) => {
            k.push(1);
            text(k, s);
        }
    }
}

fn texts(k: &mut Vec<u8>, list: &[String]) {
    count(k, list.len());
    for s in list {
        text(k, s);
    }
}

fn opt_bool(k: &mut Vec<u8>, b: Option<bool>) {
    k.push(match b {
        None => 0,
        Some(false) => 1,
        Some(true) => 2,
    });
}

fn json<T: serde::Serialize>(k: &mut Vec<u8>, v: Option<&T>) -> Option<()> {
    match v {
        None => k.push(0),
        Some(v) => {
            k.push(1);
            let text = serde_json::to_vec(v).ok()?;
            count(k, text.len());
            k.extend_from_slice(&text);
        }
    }
    Some(())
}

/// The size as the decision reads it; `None` where the figures do not validate or name related
/// enterprises or earlier periods (then the row is decided on its own).
///
/// A decision reads the own figures only through the size classes they allow
/// (`scope::size::possible`: the scenarios, the verdict's classes, the related-enterprises
/// question) and, for the size question, through which figures are missing and which are ranges
/// with values on both sides of a ceiling (`scope::questions::size_question`); the key holds
/// exactly these. (A test, `size_keys_are_as_fine_as_the_verdict`, decides every combination of
/// figures at, between and around the ceilings, missing and as ranges, and checks that profiles
/// with one key have one verdict.)
fn size_key(k: &mut Vec<u8>, size: Option<&SizeInput>) -> Option<()> {
    let Some(s) = size else {
        k.push(0);
        return Some(());
    };
    let SizeInput {
        staff_headcount,
        annual_turnover_eur,
        balance_sheet_total_eur,
        related_enterprises,
        previous_periods,
        public_bodies_control_percent,
    } = s;
    if !previous_periods.is_empty() {
        return None;
    }
    k.push(1);
    let figures = [
        staff_headcount,
        annual_turnover_eur,
        balance_sheet_total_eur,
    ];
    for (figure, (how, ceilings)) in figures.into_iter().zip(crate::scope::size::ceilings()) {
        figure_key(k, *figure, how, &ceilings)?;
    }
    match related_enterprises.as_deref() {
        None => k.push(0),
        Some([]) => k.push(1),
        Some(_) => return None,
    }
    match public_bodies_control_percent {
        None => k.push(0),
        Some(p) => {
            k.push(1);
            k.extend_from_slice(&p.to_bits().to_le_bytes());
        }
    }
    // The classes the figures allow, one bit each.
    k.push(class_bits(Some(s)));
    Some(())
}

/// The classes `size` allows, one bit each ([`class_bit`]).
fn class_bits(size: Option<&SizeInput>) -> u8 {
    crate::scope::size::possible(size)
        .iter()
        .fold(0, |bits, c| bits | class_bit(*c))
}

/// [`class_bits`] of an own enterprise's three exact figures and nothing else.
fn exact_classes(staff: f64, turnover: f64, balance: f64) -> u8 {
    class_bits(Some(&SizeInput {
        staff_headcount: Some(SizeFigure::Exact(staff)),
        annual_turnover_eur: Some(SizeFigure::Exact(turnover)),
        balance_sheet_total_eur: Some(SizeFigure::Exact(balance)),
        related_enterprises: None,
        previous_periods: Vec::new(),
        public_bodies_control_percent: None,
    }))
}

fn class_bit(c: SizeClass) -> u8 {
    match c {
        SizeClass::Micro => 1,
        SizeClass::Small => 2,
        SizeClass::Medium => 4,
        SizeClass::Large => 8,
        SizeClass::Undetermined => 16,
    }
}

/// A figure as the size question reads it: missing (0), given (1), or a range with values on
/// both sides of one of its ceilings (2); `None` when it does not validate.
fn figure_key(
    k: &mut Vec<u8>,
    figure: Option<SizeFigure>,
    how: Meets,
    ceilings: &[f64; 3],
) -> Option<()> {
    let Some(figure) = figure else {
        k.push(0);
        return Some(());
    };
    let (lo, hi) = figure.bounds();
    if !lo.is_finite() || !hi.is_finite() || lo < 0.0 || hi < 0.0 || lo > hi {
        return None;
    }
    let spans = ceilings
        .iter()
        .any(|&c| how.holds(lo, c) && !how.holds(hi, c));
    k.push(if spans { 2 } else { 1 });
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn profile(json: &str) -> Profile {
        serde_json::from_str(json).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn figures_in_the_same_band_share_a_key() {
        let a = profile(
            r#"{"activities":[{"entity_type":"NIS2-I-01-01"}],"size":{"staff_headcount":60,"annual_turnover_eur":12000000}}"#,
        );
        let b = profile(
            r#"{"name":"B","activities":[{"entity_type":"NIS2-I-01-01","note":"x"}],"size":{"staff_headcount":249,"annual_turnover_eur":49999999.99}}"#,
        );
        let c = profile(
            r#"{"activities":[{"entity_type":"NIS2-I-01-01"}],"size":{"staff_headcount":250,"annual_turnover_eur":12000000}}"#,
        );
        let d = profile(
            r#"{"activities":[{"entity_type":"NIS2-I-01-01"}],"size":{"staff_headcount":60,"annual_turnover_eur":50000000.01}}"#,
        );
        assert_eq!(key(&a), key(&b));
        assert_ne!(key(&a), key(&c));
        assert_ne!(key(&a), key(&d));
        assert!(key(&a).is_some());
    }

    /// The key tells figures apart where the classes they allow differ, as the size test reads
    /// them: staff at a ceiling is not below it (10 is keyed as 49), money at a ceiling does not
    /// exceed it, and a cent above a money ceiling exceeds it (EUR 50,000,000.01 with 60 staff
    /// and no balance sheet total leaves medium or large); figures that allow the same classes
    /// share a key (60 staff is medium with EUR 2 m or EUR 2,000,000.01).
    #[test]
    fn figures_are_keyed_by_the_size_tests_own_comparison() {
        let of = |staff: &str, turnover: &str| {
            key(&profile(&format!(
                r#"{{"activities":[{{"entity_type":"NIS2-I-01-01"}}],"size":{{"staff_headcount":{staff},"annual_turnover_eur":{turnover}}}}}"#
            )))
        };
        assert_eq!(of("10", "1000000"), of("49", "2000000"));
        assert_ne!(of("9.99", "1000000"), of("10", "1000000"));
        assert_eq!(of("250", "50000000"), of("1000", "10000000.01"));
        assert_ne!(of("60", "50000000"), of("60", "50000000.01"));
        assert_eq!(of("60", "2000000"), of("60", "2000000.01"));
        assert_ne!(of("9", "2000000"), of("9", "2000000.01"));
        assert_eq!(of("[10, 49]", "5"), of("[10, 10]", "5"));
        assert_ne!(of("[9, 49]", "5"), of("[10, 49]", "5"));
        assert!(of("10", "1000000").is_some());
    }

    /// A figure column's cells share a key within a band (as the profile's key does), and a
    /// value the profile refuses keeps its own; other number columns are keyed as written.
    #[test]
    fn figure_cells_are_keyed_by_band() {
        let staff = FigureColumn::of("staff_headcount");
        let money = FigureColumn::of("annual_turnover_eur");
        assert!(staff.is_some() && money.is_some());
        assert_eq!(FigureColumn::of("staff_headcount_min"), None);
        let key = |column: Option<FigureColumn>, v: f64| {
            let mut k = CellKey::default();
            match column {
                Some(c) => k.figure(c, v),
                None => k.number(v),
            }
            k.known().map(<[u8]>::to_vec)
        };
        assert_eq!(key(staff, 10.0), key(staff, 49.9));
        assert_ne!(key(staff, 9.99), key(staff, 10.0));
        assert_eq!(key(money, 2_000_000.0), key(money, 0.0));
        assert_ne!(key(money, 2_000_000.0), key(money, 2_000_000.01));
        assert_ne!(key(staff, -1.0), key(staff, -2.0));
        assert_ne!(key(staff, f64::NAN), key(staff, 0.0));
        assert_ne!(key(staff, -1.0), key(staff, 0.0));
        assert_ne!(key(None, 10.0), key(None, 11.0));
        assert_ne!(key(staff, 10.0), key(None, 10.0));
    }

    /// A row giving all three own figures is keyed by the classes they allow together: rows
    /// with figures in other bands but the same classes share a key, rows of other classes do
    /// not, and a row without one of the figures (or with one refused) keeps its bands.
    #[test]
    fn three_figures_are_keyed_by_their_classes() {
        let [Some(staff), Some(turnover), Some(balance)] = [
            "staff_headcount",
            "annual_turnover_eur",
            "balance_sheet_total_eur",
        ]
        .map(FigureColumn::of) else {
            panic!("the figure columns");
        };
        let key = |figures: &[(FigureColumn, f64)]| {
            let mut k = CellKey::default();
            k.text("DK");
            for &(c, v) in figures {
                k.figure(c, v);
            }
            k.flag(true);
            k.classes();
            k.known().map(<[u8]>::to_vec)
        };
        let row = |s: f64, t: f64, b: f64| key(&[(staff, s), (turnover, t), (balance, b)]);
        // Medium, whatever the money figures' bands (within the medium ceilings).
        assert_eq!(row(60.0, 1e6, 1e6), row(60.0, 9e6, 30e6));
        assert_eq!(row(60.0, 1e6, 1e6), row(249.0, 50_000_000.0, 1e9));
        assert_eq!(row(60.0, 1e6, 1e6), row(10.0, 50_000_000.0, 10_000_000.01));
        // A cent above both money ceilings is large; the staff ceilings are "fewer than".
        assert_ne!(
            row(249.0, 50_000_000.0, 1e9),
            row(249.0, 50_000_000.01, 43_000_000.01)
        );
        assert_eq!(
            row(250.0, 1.0, 1.0),
            row(249.0, 50_000_000.01, 43_000_000.01)
        );
        assert_ne!(row(9.0, 2_000_000.0, 1e9), row(9.0, 2_000_000.01, 1e9));
        assert_ne!(row(9.99, 2e6, 1e9), row(10.0, 2e6, 1e9));
        // Listed in another order, the same.
        assert_eq!(
            key(&[(balance, 1e6), (staff, 60.0), (turnover, 1e6)]),
            key(&[(balance, 30e6), (staff, 100.0), (turnover, 9e6)])
        );
        // Two figures, or a refused one: bands, as before.
        let two = |s: f64, t: f64| key(&[(staff, s), (turnover, t)]);
        assert_ne!(two(60.0, 1e6), two(60.0, 9e6));
        assert_eq!(two(60.0, 9e6), two(100.0, 10e6));
        assert_ne!(row(60.0, 1e6, -1.0), row(60.0, 9e6, -1.0));
        assert_ne!(row(60.0, 1e6, f64::NAN), row(60.0, 1e6, -1.0));
        // A key by classes never equals one by bands.
        assert_ne!(row(60.0, 1e6, 1e6), two(60.0, 1e6));
        // The classes kept by band are the size test's for every figure of the band: figures
        // at, a step either side of and between the ceilings, and seeded random ones.
        let near = |c: f64| {
            [
                c,
                c.next_down(),
                c.next_up(),
                c - 0.01,
                c + 0.01,
                c * 0.5,
                c * 3.0,
            ]
        };
        let [(_, st), (_, tu), (_, ba)] = crate::scope::size::ceilings();
        let pool = |cs: [f64; 3]| -> Vec<f64> {
            let mut v = vec![0.0, 1e300];
            v.extend(cs.iter().flat_map(|c| near(*c)));
            v
        };
        let (ps, pt, pb) = (pool(st), pool(tu), pool(ba));
        let mut seed = 0x2003_0361_u64;
        let mut next = |n: usize| {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            usize::try_from(seed >> 33).unwrap_or(0) % n
        };
        for _ in 0..20_000 {
            let (s, t, b) = (ps[next(ps.len())], pt[next(pt.len())], pb[next(pb.len())]);
            let mut k = CellKey::default();
            k.figure(staff, s);
            k.figure(turnover, t);
            k.figure(balance, b);
            k.classes();
            let want = exact_classes(s, t, b);
            assert_eq!(k.bytes.get(HASH_BYTES + 1), Some(&want), "{s} {t} {b}");
        }
    }

    /// Every combination of figures at, between and around the ceilings, missing and as
    /// ranges, for organisations of several kinds: profiles with one key have one verdict (the
    /// key is no coarser than the decision), and many profiles share a key.
    #[test]
    fn size_keys_are_as_fine_as_the_verdict() {
        let staff = [
            "null",
            "0",
            "9.99",
            "10",
            "30",
            "50",
            "100",
            "250",
            "1000",
            "[5, 20]",
            "[10, 49]",
            "[40, 300]",
            "[250, 251]",
        ];
        let money = [
            "null",
            "0",
            "2000000",
            "2000000.01",
            "5000000",
            "10000000",
            "10000000.01",
            "43000000",
            "43000000.01",
            "50000000",
            "50000000.01",
            "1000000000",
            "[1000000, 3000000]",
            "[2000000, 10000000]",
            "[20000000, 60000000]",
        ];
        let bases = [
            r#""member_state":"DK","activities":[{"entity_type":"NIS2-I-01a-01"}]"#,
            r#""activities":[{"entity_type":"NIS2-II-05c-01"},{"entity_type":"NIS2-I-08-07"}]"#,
            r#""member_state":"DE","activities":[{"entity_type":"NIS2-I-08-07"}],"designations":{"critical_entity_cer":false}"#,
            r#""member_state":"DK","activities":[{"entity_type":"NIS2-I-01a-01"}],"size_extra":1"#,
        ];
        let mut seen: StdHashMap<Vec<u8>, (String, String)> = StdHashMap::new();
        let mut profiles = 0usize;
        for (b, base) in bases.iter().enumerate() {
            let (base, extra) = match base.strip_suffix(r#","size_extra":1"#) {
                Some(base) => (base, &[r#""related_enterprises":[]"#][..]),
                None => (*base, &[][..]),
            };
            for st in staff {
                for tu in money {
                    for ba in money {
                        let mut size: Vec<String> = extra.iter().map(|e| (*e).to_owned()).collect();
                        for (name, v) in [
                            ("staff_headcount", st),
                            ("annual_turnover_eur", tu),
                            ("balance_sheet_total_eur", ba),
                        ] {
                            if v != "null" {
                                size.push(format!(r#""{name}":{v}"#));
                            }
                        }
                        let text = format!(r#"{{{base},"size":{{{}}}}}"#, size.join(","));
                        let p = profile(&text);
                        let Some(k) = key(&p) else {
                            panic!("no key for {text} (base {b})")
                        };
                        let v = crate::scope::verdict(&p)
                            .map(|v| serde_json::to_string(&v).unwrap_or_default())
                            .unwrap_or_else(|e| format!("error {e}"));
                        profiles += 1;
                        match seen.get(&k) {
                            Some((first, was)) => {
                                assert_eq!(&v, was, "one key, two verdicts: {first} / {text}")
                            }
                            None => {
                                seen.insert(k, (text, v));
                            }
                        }
                    }
                }
            }
        }
        assert!(
            seen.len() * 10 < profiles,
            "{} keys of {profiles}",
            seen.len()
        );
    }

    #[test]
    fn cell_keys_tell_cells_apart_and_stop_at_their_bound() {
        let key = |f: &dyn Fn(&mut CellKey)| {
            let mut k = CellKey::default();
            f(&mut k);
            k.known().map(<[u8]>::to_vec)
        };
        let distinct = [
            key(&|k| k.null()),
            key(&|k| k.text("")),
            key(&|k| k.text("a;b")),
            key(&|k| k.list([Some("a"), Some("b")].into_iter())),
            key(&|k| k.list([Some("a;b")].into_iter())),
            key(&|k| k.list([None].into_iter())),
            key(&|k| k.list([Some("")].into_iter())),
            key(&|k| {
                k.text("a");
                k.text("b");
            }),
            key(&|k| k.text("ab")),
            key(&|k| k.number(0.0)),
            key(&|k| k.number(-0.0)),
            key(&|k| k.flag(false)),
            key(&|k| k.given(false)),
            key(&|k| k.count(0)),
        ];
        for (i, a) in distinct.iter().enumerate() {
            assert!(a.is_some(), "{i}");
            for b in distinct.iter().skip(i + 1) {
                assert_ne!(a, b);
            }
        }
        let long = "x".repeat(MAX_CELL_KEY_BYTES + 1);
        assert_eq!(key(&|k| k.text(&long)), None);
        let many = vec![Some("28.11"); 10_000];
        assert_eq!(key(&|k| k.list(many.iter().copied())), None);
    }

    #[test]
    fn keys_carry_the_hash_of_their_content_which_the_maps_take() {
        let seed = Seeded::default();
        let sealed = |text: &str| {
            let mut k = CellKey::default();
            k.text(text);
            k.sealed(&seed).map(<[u8]>::to_vec)
        };
        let (a, b, c) = (sealed("28.11"), sealed("28.11"), sealed("28.12"));
        assert_eq!(a, b);
        assert_ne!(a, c);
        let a = a.unwrap_or_default();
        let (head, content) = a.split_at(HASH_BYTES);
        assert_eq!(head, seed.hash_one(content).to_le_bytes());
        // The map hashes a key as its first bytes, whether given as a vector or a slice.
        let mut map: HashMap<Vec<u8>, u32> = HashMap::default();
        map.insert(a.clone(), 7);
        assert_eq!(map.get(a.as_slice()), Some(&7));
        assert_eq!(map.get(c.unwrap_or_default().as_slice()), None);
        let mut h = Prehashed.build_hasher();
        std::hash::Hash::hash(a.as_slice(), &mut h);
        assert_eq!(h.finish(), seed.hash_one(content));
        // A profile's key is sealed by the memo it is looked up in.
        let p = profile(r#"{"activities":[{"entity_type":"NIS2-I-01-01"}]}"#);
        let mut k = key(&p).unwrap_or_default();
        assert_eq!(k.get(..HASH_BYTES), Some(&[0; HASH_BYTES][..]));
        seal(&seed, &mut k);
        assert_eq!(
            k.get(..HASH_BYTES),
            Some(&seed.hash_one(&k[HASH_BYTES..]).to_le_bytes()[..])
        );
    }

    #[test]
    fn long_keys_are_not_shared() {
        let codes: Vec<String> = (0..400).map(|_| "\"28.11\"".to_owned()).collect();
        let json = format!(r#"{{"activities":[],"nace_codes":[{}]}}"#, codes.join(","));
        assert_eq!(key(&profile(&json)), None);
    }

    #[test]
    fn figures_that_do_not_validate_or_need_sums_are_not_shared() {
        for json in [
            r#"{"activities":[],"size":{"staff_headcount":-1}}"#,
            r#"{"activities":[],"size":{"staff_headcount":[60, 50]}}"#,
            r#"{"activities":[],"size":{"related_enterprises":[{"relationship":"linked","share_percent":60,"staff_headcount":5}]}}"#,
            r#"{"activities":[],"size":{"previous_periods":[{"staff_headcount":5}]}}"#,
        ] {
            if let Ok(p) = serde_json::from_str::<Profile>(json) {
                assert_eq!(key(&p), None, "{json}");
            }
        }
    }
}
