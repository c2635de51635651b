//! What the index tests share: a small deterministic random source.

#![allow(dead_code)]

pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    pub fn pick<'a>(&mut self, from: &'a [&'a str]) -> &'a str {
        from[(self.next() % from.len() as u64) as usize]
    }
    pub fn some<'a>(&mut self, from: &'a [&'a str], max: u64) -> Vec<String> {
        let n = self.next() % (max + 1);
        let mut v: Vec<String> = (0..n).map(|_| self.pick(from).to_string()).collect();
        v.sort();
        v.dedup();
        v
    }
}
