//! The month at district, province and national scale, in the register's dense and sparse
//! forms, against a scan of the same input; and a year replayed at national scale.
//!
//! ```text
//! cargo bench -p soisua --bench national -- --scale nation --repeat 7
//! cargo bench -p soisua --bench national -- --scale nation --year
//! cargo test -p soisua --bench national                  # CI's smoke run: district, once each
//! ```
//!
//! Prints one line per measurement: median, fastest and slowest of `--repeat` runs, and the ratio
//! to the scan of the same input on the same number of threads. Dense and sparse must give the
//! same tally, and the run stops if they do not. Peak memory is the process's `VmHWM`, reset after
//! setup (building the synthetic organisation is not the benchmark) where Linux allows it.

#![allow(clippy::print_stdout, clippy::cast_precision_loss, reason = "a benchmark prints its measurements")]

use std::hint::black_box;
use std::time::{Duration, Instant};

use soisua::register::{self, CaseTable, Outcomes, RosterData, Rules, Sheet, Tally};
use soisua::synthetic::{self, Rates, Scale};
use soisua::{Catalogue, Evaluator, Month, Organisation, Policy};

struct Options {
    scales: Vec<Scale>,
    repeat: usize,
    threads: Vec<usize>,
    year: bool,
    smoke: bool,
}

fn options() -> Result<Options, String> {
    let mut o = Options { scales: Vec::new(), repeat: 7, threads: vec![1, 2], year: false, smoke: false };
    let mut args = std::env::args().skip(1);
    // `cargo bench` passes `--bench`; `cargo test --benches` does not: then this is the smoke run.
    let mut bench = false;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--scale" => {
                let s = args.next().ok_or("--scale needs a value")?;
                o.scales.push(s.parse().map_err(|e: soisua::Error| e.to_string())?);
            }
            "--repeat" => o.repeat = args.next().and_then(|r| r.parse().ok()).ok_or("--repeat needs a number")?,
            "--threads" => {
                let t = args.next().ok_or("--threads needs a list such as 1,2")?;
                o.threads = t.split(',').map(str::parse).collect::<Result<_, _>>().map_err(|e| format!("{e}"))?;
            }
            "--year" => o.year = true,
            "--smoke" | "--test" => o.smoke = true,
            "--bench" => bench = true,
            other => return Err(format!("unknown argument {other}")),
        }
    }
    if o.smoke || !bench {
        o.smoke = true;
        o.scales = vec![Scale::District];
        o.repeat = 1;
    } else if o.scales.is_empty() {
        o.scales = vec![Scale::District, Scale::Province, Scale::Nation];
    }
    Ok(o)
}

/// Median, fastest and slowest.
fn stats(runs: &mut [Duration]) -> (Duration, Duration, Duration) {
    runs.sort();
    let median = runs.get(runs.len() / 2).copied().unwrap_or_default();
    (median, runs.first().copied().unwrap_or_default(), runs.last().copied().unwrap_or_default())
}

fn timed<T>(repeat: usize, mut f: impl FnMut() -> T) -> ((Duration, Duration, Duration), T) {
    let mut runs = Vec::with_capacity(repeat);
    let mut last = None;
    for _ in 0..repeat.max(1) {
        let start = Instant::now();
        let value = black_box(f());
        runs.push(start.elapsed());
        last = Some(value);
    }
    let value = last.unwrap_or_else(|| unreachable!("repeat is at least 1"));
    (stats(&mut runs), value)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn line(
    what: &str,
    scale: Scale,
    threads: usize,
    (median, low, high): (Duration, Duration, Duration),
    scan: Option<Duration>,
) {
    let ratio = scan.map_or(String::new(), |s| format!("  {:6.1}× scan", median.as_secs_f64() / s.as_secs_f64()));
    println!(
        "{what:<28} {:<9} {threads} thr  median {:9.3} ms  [{:9.3} … {:9.3}]{ratio}",
        scale.as_str(),
        ms(median),
        ms(low),
        ms(high)
    );
}

fn peak_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Resets the peak-memory mark (Linux: writing 5 to clear_refs); whether it worked.
fn reset_peak() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

/// Reads every byte of the dense input once, on `threads` threads: the memory-bandwidth floor.
fn scan_dense(columns: &[&[u8]], threads: usize) -> u64 {
    let members = columns.first().map_or(0, |c| c.len());
    let per = members.div_ceil(threads.max(1)).max(1);
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads.max(1))
            .map(|t| {
                s.spawn(move || {
                    let (lo, hi) = ((t * per).min(members), ((t + 1) * per).min(members));
                    let mut acc = [0u8; 64];
                    for column in columns {
                        for chunk in column.get(lo..hi).unwrap_or(&[]).chunks(64) {
                            for (a, c) in acc.iter_mut().zip(chunk) {
                                *a |= c;
                            }
                        }
                    }
                    acc.iter().map(|a| u64::from(*a)).sum::<u64>()
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap_or(0)).sum()
    })
}

/// Reads the sparse input once: members' units and roles, the rows, the cases.
fn scan_sparse(roster: &RosterData, rows: &(Vec<u32>, Vec<u16>, Vec<u8>), cases: &CaseTable, threads: usize) -> u64 {
    let parts: [(&[u8], usize); 1] = [(&roster.member_roles, 0)];
    let sum_u32 = |v: &[u32], lo: usize, hi: usize| v.get(lo..hi).unwrap_or(&[]).iter().fold(0u32, |a, x| a ^ x);
    let n = roster.member_unit.len();
    let per = n.div_ceil(threads.max(1)).max(1);
    let e = rows.0.len().div_ceil(threads.max(1)).max(1);
    let c = cases.len().div_ceil(threads.max(1)).max(1);
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads.max(1))
            .map(|t| {
                s.spawn(move || {
                    let (lo, hi) = ((t * per).min(n), ((t + 1) * per).min(n));
                    let (elo, ehi) = ((t * e).min(rows.0.len()), ((t + 1) * e).min(rows.0.len()));
                    let (clo, chi) = ((t * c).min(cases.len()), ((t + 1) * c).min(cases.len()));
                    let mut x = u64::from(sum_u32(&roster.member_unit, lo, hi));
                    x += parts[0].0.get(lo..hi).unwrap_or(&[]).iter().map(|r| u64::from(*r)).sum::<u64>();
                    x += u64::from(sum_u32(&rows.0, elo, ehi));
                    x += rows.1.get(elo..ehi).unwrap_or(&[]).iter().map(|i| u64::from(*i)).sum::<u64>();
                    x += rows.2.get(elo..ehi).unwrap_or(&[]).iter().map(|i| u64::from(*i)).sum::<u64>();
                    x += u64::from(sum_u32(&cases.member, clo, chi));
                    x
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap_or(0)).sum()
    })
}

fn rules() -> Result<Rules, soisua::Error> {
    let central = Catalogue::central_2020()?;
    let local = synthetic::local_catalogue(&central);
    let policy = Policy::default_2020()?;
    let empty = Organisation::from_json(r#"{"id": "o", "name": {"vi": "O", "en": "O"}, "units": [], "members": []}"#)?;
    Ok(Rules::new(&Evaluator::new(&local, &policy, &empty)?))
}

fn roster(scale: Scale, month: Month) -> RosterData {
    let start = Instant::now();
    let org = synthetic::organisation(scale, 2020);
    let roster = RosterData::new(&org, month);
    println!(
        "# setup {}: {} units, {} members, organisation and roster built in {:.1} s",
        scale.as_str(),
        roster.unit_ids.len(),
        roster.member_ids.len(),
        start.elapsed().as_secs_f64()
    );
    roster
}

fn month_at(scale: Scale, o: &Options, rules: &Rules) -> Result<(), Box<dyn std::error::Error>> {
    let month: Month = "2020-09".parse()?;
    let roster = roster(scale, month);
    let r = roster.roster();
    let cases = synthetic::register::cases(rules, &r, month, 2020);
    let mut columns = Vec::new();
    synthetic::register::cells(rules, &r, month, 2020, Rates::default(), &cases, &mut columns);
    let dense: Vec<&[u8]> = columns.iter().map(Vec::as_slice).collect();
    let rows = register::sparse(&dense);
    let members = roster.member_ids.len();
    println!(
        "# input: dense {} items × {members} members = {:.0} MB; sparse {} rows; {} carried cases",
        dense.len(),
        (dense.len() * members) as f64 / 1e6,
        rows.0.len(),
        cases.len()
    );
    if reset_peak() {
        println!("# peak memory mark reset after setup");
    }
    let sheets = [
        ("dense", Sheet::Dense(dense.clone())),
        ("sparse", Sheet::Sparse { member: &rows.0, item: &rows.1, code: &rows.2 }),
    ];
    let mut reference: Option<Tally> = None;
    for threads in &o.threads {
        let threads = *threads;
        let (scan, _) = timed(o.repeat, || scan_dense(&dense, threads));
        line("scan dense input", scale, threads, scan, None);
        let (scan_s, _) = timed(o.repeat, || scan_sparse(&roster, &rows, &cases, threads));
        line("scan sparse input", scale, threads, scan_s, None);
        for (name, sheet) in &sheets {
            let (t, tally) = timed(o.repeat, || register::evaluate(rules, &r, month, sheet, &cases, threads));
            let tally = tally?;
            let floor = if *name == "dense" { scan.0 } else { scan_s.0 };
            line(&format!("month {name}"), scale, threads, t, Some(floor));
            match &reference {
                None => {
                    let total = tally.total(&r);
                    println!(
                        "# verdicts (not evaluated, commend, help, inspect) {total:?}; cases opened {}, remedied {}, escalated {}",
                        tally.opened, tally.remedied, tally.escalated
                    );
                    reference = Some(tally);
                }
                Some(first) if *first != tally => return Err(format!("{name} on {threads} threads differs").into()),
                Some(_) => {}
            }
        }
    }
    if let Some(kib) = peak_kib() {
        println!("# peak memory {:.0} MB", kib as f64 / 1024.0);
    }
    Ok(())
}

fn year(scale: Scale, o: &Options, rules: &Rules) -> Result<(), Box<dyn std::error::Error>> {
    let first: Month = "2020-01".parse()?;
    let roster = roster(scale, first);
    let r = roster.roster();
    if reset_peak() {
        println!("# peak memory mark reset after setup");
    }
    for threads in &o.threads {
        let mut cases = synthetic::register::cases(rules, &r, first, 2020);
        let mut columns = Vec::new();
        let (mut generating, mut evaluating) = (Duration::ZERO, Duration::ZERO);
        let mut total = [0u64; 4];
        let (mut closed, mut carried) = (0, 0);
        for month in first.through(first.plus(11)) {
            let start = Instant::now();
            synthetic::register::cells(rules, &r, month, 2020, Rates::default(), &cases, &mut columns);
            let (member, item, opened) = synthetic::register::outcomes(&r, &cases, month, 2020);
            generating += start.elapsed();
            let dense: Vec<&[u8]> = columns.iter().map(Vec::as_slice).collect();
            let start = Instant::now();
            closed += cases.record_outcomes(month, &Outcomes { member: &member, item: &item, opened: &opened })?;
            carried += open_members(&cases, month.index() - 1);
            let tally = register::evaluate(rules, &r, month, &Sheet::Dense(dense), &cases, *threads)?;
            evaluating += start.elapsed();
            for (t, c) in total.iter_mut().zip(tally.total(&r)) {
                *t += c;
            }
            cases = tally.cases;
        }
        println!(
            "year replay dense            {:<9} {threads} thr  evaluation {:.2} s (+ generating the months {:.2} s); member-months {total:?}; members with an open case older than the month before {:.2}% (mean); {closed} inspection outcomes recorded; {} cases at the end (open, remedied, escalated, closed: {:?})",
            scale.as_str(),
            evaluating.as_secs_f64(),
            generating.as_secs_f64(),
            100.0 * carried as f64 / (12.0 * r.member_unit.len().max(1) as f64),
            cases.len(),
            cases.states()
        );
    }
    if let Some(kib) = peak_kib() {
        println!("# peak memory {:.0} MB", kib as f64 / 1024.0);
    }
    Ok(())
}

/// Members with at least one open case in `cases` (sorted by member) opened before `before`.
fn open_members(cases: &CaseTable, before: i32) -> usize {
    let mut last = None;
    let mut n = 0;
    for ((member, state), opened) in cases.member.iter().zip(&cases.state).zip(&cases.opened) {
        if *state == register::OPEN && *opened < before && last != Some(*member) {
            n += 1;
            last = Some(*member);
        }
    }
    n
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let o = options()?;
    let rules = rules()?;
    println!(
        "# soisua register benchmark: {} items, {} cpus available, threads {:?}, repeat {}",
        rules.items.len(),
        std::thread::available_parallelism().map_or(1, usize::from),
        o.threads,
        o.repeat
    );
    for scale in &o.scales {
        if o.year {
            year(*scale, &o, &rules)?;
        } else {
            month_at(*scale, &o, &rules)?;
        }
    }
    if o.smoke {
        year(Scale::District, &o, &rules)?;
    }
    Ok(())
}
