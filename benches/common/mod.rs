//! What every benchmark measures with: a timed loop (warmed up, sorted), percentiles and
//! milliseconds as printed.

#![allow(dead_code)] // each bench uses what it needs

use std::time::{Duration, Instant};

pub fn time<F: FnMut()>(iterations: usize, mut f: F) -> Vec<Duration> {
    f();
    let mut v: Vec<Duration> = (0..iterations)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    v.sort();
    v
}

pub fn pct(v: &[Duration], p: f64) -> Duration {
    v[((v.len() as f64 - 1.0) * p).round() as usize]
}

pub fn ms(d: Duration) -> String {
    format!("{:.3} ms", d.as_secs_f64() * 1000.0)
}
