//! A tiny pseudo-random generator, SplitMix64 (Steele, Lea and Flood, 2014).
//!
//! It is written here by hand on purpose, rather than taken from a crate: the stream it produces
//! is part of the contract of our synthetic fixtures (the same seed must give the same district,
//! the same reviews, the same test expectations, in Rust, Python and JavaScript alike), and must
//! not change when a dependency is upgraded. Do not change the constants or the derivation of
//! `below` and `chance`: doing so changes every synthetic data set.
//!
//! Not for cryptography.

/// A SplitMix64 generator.
///
/// ```
/// use soisua::synthetic::rng::Rng;
/// let mut rng = Rng::new(1);
/// // The stream is fixed: these values are part of the fixtures' contract.
/// assert_eq!(rng.next_u64(), 0x910a_2dec_8902_5cc1);
/// assert_eq!(rng.next_u64(), 0xbeeb_8da1_658e_ec67);
/// let die = rng.below(6);
/// assert!(die < 6);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rng {
    state: u64,
}

const GOLDEN: u64 = 0x9e37_79b9_7f4a_7c15;

/// The SplitMix64 finaliser: a bijective mix of 64 bits.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

impl Rng {
    /// A generator starting from a seed.
    pub fn new(seed: u64) -> Self {
        Rng { state: seed }
    }

    /// A generator for one stream among many, derived from several numbers (a seed, a month, a
    /// member): each part is mixed in turn, so that streams for neighbouring parts are unrelated.
    ///
    /// ```
    /// use soisua::synthetic::rng::Rng;
    /// let a = Rng::derive(&[7, 2020, 1]).next_u64();
    /// let b = Rng::derive(&[7, 2020, 2]).next_u64();
    /// assert_ne!(a, b);
    /// assert_eq!(a, Rng::derive(&[7, 2020, 1]).next_u64());
    /// ```
    pub fn derive(parts: &[u64]) -> Self {
        let state = parts.iter().fold(GOLDEN, |acc, &part| mix(acc ^ mix(part.wrapping_add(GOLDEN))));
        Rng { state }
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(GOLDEN);
        mix(self.state)
    }

    /// A number in `0..n` (0 when `n` is 0), by the multiply-high method: one draw, no loop,
    /// with a bias below 2⁻³² for the small `n` used here.
    ///
    /// ```
    /// let mut rng = soisua::synthetic::rng::Rng::new(3);
    /// assert!((0..1000).all(|_| rng.below(10) < 10));
    /// assert_eq!(rng.below(0), 0);
    /// ```
    pub fn below(&mut self, n: u64) -> u64 {
        let wide = u128::from(self.next_u64()) * u128::from(n);
        u64::try_from(wide >> 64).unwrap_or(0)
    }

    /// A number in `low..=high` (`low` when `high < low`).
    ///
    /// ```
    /// let mut rng = soisua::synthetic::rng::Rng::new(3);
    /// assert!((0..1000).all(|_| (8..=40).contains(&rng.between(8, 40))));
    /// ```
    pub fn between(&mut self, low: u64, high: u64) -> u64 {
        if high < low {
            return low;
        }
        low + self.below(high - low + 1)
    }

    /// A position in `0..len` (0 when `len` is 0).
    pub fn index(&mut self, len: usize) -> usize {
        usize::try_from(self.below(len as u64)).unwrap_or(0)
    }

    /// One element of a slice, if it has any.
    ///
    /// ```
    /// let mut rng = soisua::synthetic::rng::Rng::new(3);
    /// assert!(["a", "b"].contains(rng.pick(&["a", "b"]).unwrap()));
    /// assert!(rng.pick::<u8>(&[]).is_none());
    /// ```
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        if items.is_empty() {
            return None;
        }
        items.get(self.index(items.len()))
    }

    /// `true` with probability `p` (never for `p ≤ 0`, always for `p ≥ 1`), from the top 53 bits.
    ///
    /// ```
    /// let mut rng = soisua::synthetic::rng::Rng::new(3);
    /// let hits = (0..10_000).filter(|_| rng.chance(0.25)).count();
    /// assert!((2_300..2_700).contains(&hits));
    /// ```
    pub fn chance(&mut self, p: f64) -> bool {
        #[expect(clippy::cast_precision_loss, reason = "53 bits fit an f64 mantissa exactly")]
        let unit = (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
        unit < p
    }

    /// Shuffles a slice in place (Fisher–Yates).
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.index(i + 1);
            items.swap(i, j);
        }
    }
}

/// A stable 64-bit hash of a text (FNV-1a), to derive a stream from an id: unlike the standard
/// library's hasher it is fixed forever.
///
/// ```
/// assert_eq!(soisua::synthetic::rng::hash_text(""), 0xcbf2_9ce4_8422_2325);
/// ```
pub fn hash_text(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_answer_splitmix64() {
        // Reference values of SplitMix64 from seed 0.
        let mut rng = Rng::new(0);
        assert_eq!(rng.next_u64(), 0xe220_a839_7b1d_cdaf);
        assert_eq!(rng.next_u64(), 0x6e78_9e6a_a1b9_65f4);
        assert_eq!(rng.next_u64(), 0x06c4_5d18_8009_454f);
    }

    #[test]
    fn below_is_roughly_uniform() {
        let mut rng = Rng::new(42);
        let mut counts = [0u32; 6];
        for _ in 0..60_000 {
            counts[rng.index(6)] += 1;
        }
        assert!(counts.iter().all(|&c| (9_500..10_500).contains(&c)), "{counts:?}");
    }

    #[test]
    fn shuffle_is_a_permutation() {
        let mut rng = Rng::new(5);
        let mut v: Vec<u32> = (0..100).collect();
        rng.shuffle(&mut v);
        assert_ne!(v, (0..100).collect::<Vec<_>>());
        v.sort_unstable();
        assert_eq!(v, (0..100).collect::<Vec<_>>());
    }
}
