//! `duxin`: the native command line over the same core the extension runs.
//!
//!   duxin analyze FILE [--json]          cues, dynamics, intent and risk of a conversation
//!   duxin suggest FILE [--kb DIR] [--policy FILE] [--json]
//!   duxin score FILE.jsonl               one JSON object per input line (stable contract)
//!   duxin eval --task T FILE.jsonl       T: sentiment | emotion | satisfaction | complaint | intent | mood
//!   duxin bench [FILE] [--kb DIR]        how fast this machine analyses and suggests
//!   duxin replay FILE.jsonl [--html OUT] [--json] [--kb DIR] [--policy FILE]
//!                                        Duxin beside real agents' replies, with counts and checks
//!   duxin guard FILE.jsonl [--eval]      the agent's drafts checked (platform, tone, facts)
//!   duxin insights FILES… [--html OUT] [--csv DIR] [--from DAY] [--to DAY] [--lang zh|en]
//!                  [--agents] [--json]   a team's dashboard from its agents' exports, streamed
//!
//! Input is bounded (conversation files 8 MiB, .jsonl lines 1 MiB) and output errors are reported,
//! never a panic: a reader that goes away ends the command quietly (exit 0), a full disk is one
//! line on stderr and exit 3; bad input is one line and exit 2.

use std::io::{BufReader, Read, Write};
use std::process::ExitCode;
use std::time::Instant;

use duxin::eval::{self, Confusion, Item, MAX_LINE};
use duxin::knowledge::{Knowledge, Policy};
use duxin::protocol::PanelModel;
use duxin::replay;
use duxin::suggest::suggest;
use duxin::{Analysis, Analyzer, Conversation, CueKind, Error};

/// The largest conversation file `analyze`, `suggest` and `bench` read.
const MAX_CONVERSATION: usize = 8 << 20;

const USAGE: &str = "usage:
  duxin analyze FILE [--json]
  duxin suggest FILE [--kb DIR] [--policy FILE] [--json]
  duxin score FILE.jsonl
  duxin eval --task sentiment|emotion|satisfaction|complaint|intent|mood FILE.jsonl [--limit N]
  duxin bench [FILE] [--kb DIR] [--seconds S]
  duxin replay FILE.jsonl [--html OUT.html] [--json] [--kb DIR] [--policy FILE]
  duxin guard FILE.jsonl [--eval]
  duxin insights FILES... [--html OUT.html] [--csv DIR] [--from DAY] [--to DAY] [--lang zh|en] [--agents] [--json]";

const HELP: &str = "
limits: a conversation FILE is at most 8 MiB; a line of a .jsonl file at most 1 MiB (score,
  eval and replay read line by line; a longer line is refused, naming it).
exit codes: 0 done (also when the reader of the output goes away, as `| head` does);
  2 bad input or usage, one line on stderr (a usage error is followed by the usage); 3 the output could not be written (full disk),
  one line on stderr.";

fn main() -> ExitCode {
    let args = match parse(std::env::args_os().skip(1)) {
        Ok(a) => a,
        Err(Usage(why)) => {
            note(&format!("duxin: {why}\n{USAGE}"));
            return ExitCode::from(2);
        }
    };
    let stdout = std::io::stdout();
    let mut out = Out {
        inner: std::io::BufWriter::new(stdout.lock()),
        failed: None,
    };
    let result = run(&args, &mut out);
    let _ = out.flush();
    match (out.failed, result) {
        // The reader went away (`duxin analyze F | head`): what it wanted, it has.
        (Some(e), _) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        (Some(e), _) => {
            note(&format!("duxin: cannot write the output: {e}"));
            ExitCode::from(3)
        }
        (None, Ok(())) => ExitCode::SUCCESS,
        (None, Err(Fail::Usage(Usage(why)))) => {
            note(&format!("duxin: {why}\n{USAGE}"));
            ExitCode::from(2)
        }
        (None, Err(Fail::Error(e))) => {
            note(&format!("duxin: {e}"));
            ExitCode::from(2)
        }
    }
}

/// One line on stderr; if even that cannot be written there is no one left to tell.
fn note(line: &str) {
    let _ = writeln!(std::io::stderr(), "{line}");
}

/// Standard output, remembering the first write error (a closed pipe, a full disk) so `main`
/// reports it as what it is rather than as bad input.
struct Out<W: Write> {
    inner: W,
    failed: Option<std::io::Error>,
}

impl<W: Write> Out<W> {
    fn keep<T>(&mut self, r: std::io::Result<T>) -> std::io::Result<T> {
        r.inspect_err(|e| {
            if self.failed.is_none() {
                self.failed = Some(std::io::Error::new(e.kind(), e.to_string()));
            }
        })
    }
}

impl<W: Write> Write for Out<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let r = self.inner.write(buf);
        self.keep(r)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        let r = self.inner.flush();
        self.keep(r)
    }
}

/// What the command line asked for. Every flag that takes a value is named once, in `parse`.
#[derive(Debug, Default)]
struct Args {
    cmd: String,
    files: Vec<String>,
    json: bool,
    eval: bool,
    agents: bool,
    task: Option<String>,
    kb: Option<String>,
    policy: Option<String>,
    limit: Option<usize>,
    seconds: Option<f64>,
    html: Option<String>,
    csv: Option<String>,
    from: Option<i32>,
    to: Option<i32>,
    lang: Option<duxin::kinds::Lang>,
}

/// A command line that cannot be run: said as such, with the usage, exit code 2.
#[derive(Debug)]
struct Usage(String);

impl From<lexopt::Error> for Usage {
    fn from(e: lexopt::Error) -> Self {
        Usage(e.to_string())
    }
}

fn text(v: std::ffi::OsString) -> Result<String, Usage> {
    v.into_string()
        .map_err(|v| Usage(format!("not UTF-8: {}", v.to_string_lossy())))
}

fn number<T: std::str::FromStr>(flag: &str, v: std::ffi::OsString) -> Result<T, Usage> {
    let s = text(v)?;
    s.parse()
        .map_err(|_| Usage(format!("{flag} takes a number, not {s:?}")))
}

fn parse(args: impl IntoIterator<Item = std::ffi::OsString>) -> Result<Args, Usage> {
    use lexopt::prelude::*;
    let mut p = lexopt::Parser::from_args(args);
    let mut a = Args::default();
    while let Some(arg) = p.next()? {
        match arg {
            Short('h') | Long("help") => a.cmd = "help".into(),
            Long("json") => a.json = true,
            Long("eval") => a.eval = true,
            Long("agents") => a.agents = true,
            Long("task") => a.task = Some(text(p.value()?)?),
            Long("kb") => a.kb = Some(text(p.value()?)?),
            Long("policy") => a.policy = Some(text(p.value()?)?),
            Long("html") => a.html = Some(text(p.value()?)?),
            Long("csv") => a.csv = Some(text(p.value()?)?),
            Long("limit") => a.limit = Some(number("--limit", p.value()?)?),
            Long("seconds") => {
                a.seconds = Some(number::<f64>("--seconds", p.value()?)?).filter(|s| *s > 0.0)
            }
            Long("from") => a.from = Some(number("--from", p.value()?)?),
            Long("to") => a.to = Some(number("--to", p.value()?)?),
            Long("lang") => {
                let l = text(p.value()?)?;
                a.lang = Some(
                    serde_json::from_value(serde_json::Value::String(l.clone()))
                        .map_err(|_| Usage(format!("--lang is zh or en, not {l:?}")))?,
                );
            }
            Value(v) if a.cmd.is_empty() => a.cmd = text(v)?,
            Value(v) => a.files.push(text(v)?),
            _ => return Err(arg.unexpected().into()),
        }
    }
    Ok(a)
}

/// Why a command did not run: how it was called, or what it read.
#[derive(Debug)]
enum Fail {
    Usage(Usage),
    Error(Error),
}

impl From<Error> for Fail {
    fn from(e: Error) -> Self {
        Fail::Error(e)
    }
}

impl From<std::io::Error> for Fail {
    fn from(e: std::io::Error) -> Self {
        Fail::Error(e.into())
    }
}

impl From<serde_json::Error> for Fail {
    fn from(e: serde_json::Error) -> Self {
        Fail::Error(e.into())
    }
}

fn missing(what: &str) -> impl Fn() -> Fail + '_ {
    move || Fail::Usage(Usage(format!("{what} is missing")))
}

fn run(args: &Args, out: &mut impl Write) -> Result<(), Fail> {
    match args.cmd.as_str() {
        "help" => writeln!(out, "{USAGE}\n{HELP}")?,
        "analyze" | "analyse" => analyze_cmd(args, out)?,
        "suggest" => suggest_cmd(args, out)?,
        "bench" => bench_cmd(args, out)?,
        "score" => score_cmd(args, out)?,
        "replay" => replay_cmd(args, out)?,
        "guard" => guard_cmd(args, out)?,
        "eval" => {
            let task = args.task.as_deref().ok_or_else(missing("--task"))?;
            let file = args.files.first().ok_or_else(missing("FILE"))?;
            evaluate(task, file, args.limit.unwrap_or(usize::MAX), out)?;
        }
        "insights" => insights(args, out)?,
        "" => return Err(Fail::Usage(Usage("no command".into()))),
        other => return Err(Fail::Usage(Usage(format!("no command {other:?}")))),
    }
    Ok(())
}

/// `duxin analyze`: what the analysis reads in one conversation.
fn analyze_cmd(args: &Args, out: &mut impl Write) -> Result<(), Fail> {
    let json = args.json;
    let file = args.files.first().ok_or_else(missing("FILE"))?;
    let conv = read_conversation(file)?;
    let a = Analyzer::new()?.analyze(&conv);
    if json {
        writeln!(out, "{}", serde_json::to_string_pretty(&a)?)?;
    } else {
        write!(out, "{}", human(&conv, &a))?;
    }
    Ok(())
}

/// `duxin suggest`: the replies (and an exception request) the panel would offer.
fn suggest_cmd(args: &Args, out: &mut impl Write) -> Result<(), Fail> {
    let json = args.json;
    let file = args.files.first().ok_or_else(missing("FILE"))?;
    let conv = read_conversation(file)?;
    let an = Analyzer::new()?;
    let kb = load_kb(args.kb.clone(), args.policy.clone())?;
    let a = an.analyze(&conv);
    let s = suggest(&conv, &a, &kb);
    if json {
        writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&PanelModel {
                analysis: a,
                suggestions: s
            })?
        )?;
    } else {
        for (i, r) in s.replies.iter().enumerate() {
            writeln!(
                out,
                "{}. {}\n   why: {}\n",
                i + 1,
                r.text,
                if s.lang == duxin::kinds::Lang::Zh {
                    &r.why_zh
                } else {
                    &r.why_en
                }
            )?;
        }
        if let Some(e) = &s.exception {
            writeln!(
                out,
                "exception ({}):\n  to supervisor: {}\n  to customer:   {}",
                e.gap_text, e.supervisor, e.customer
            )?;
        }
    }
    Ok(())
}

/// `duxin bench`: on the agent's own machine and conversation, will Duxin keep up? (The criterion
/// benchmarks in `benches/` are the project's figures; this is the same work, timed plainly, for
/// anyone with the binary.)
fn bench_cmd(args: &Args, out: &mut impl Write) -> Result<(), Fail> {
    let json = args.json;
    let first = args.files.first();
    let conv = match first {
        Some(f) => read_conversation(f)?,
        None => duxin::corpus::conversation(200),
    };
    let kb = match &args.kb {
        Some(d) => load_kb(Some(d.clone()), None)?,
        None => duxin::corpus::knowledge(5_000),
    };
    let seconds = args.seconds.unwrap_or(3.0);
    let report = bench(&Analyzer::new()?, &conv, &kb, seconds);
    if json {
        writeln!(out, "{}", serde_json::to_string_pretty(&report)?)?;
    } else {
        write!(out, "{}", report.human())?;
    }
    Ok(())
}

/// `duxin score`: the analysis's scores for each line of a labelled file.
fn score_cmd(args: &Args, out: &mut impl Write) -> Result<(), Fail> {
    let file = args.files.first().ok_or_else(missing("FILE"))?;
    let an = Analyzer::new()?;
    for (n, line) in lines(file)?.enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let s = match eval::parse_line(&line, n + 1)? {
            Item::Text { text, .. } => eval::score_text(&an, &text),
            Item::Dialogue { conv, .. } => eval::score_dialogue(&an, &conv),
        };
        writeln!(out, "{}", serde_json::to_string(&s)?)?;
    }
    Ok(())
}

/// `duxin replay`: real conversations replayed turn by turn, the suggestions against what the
/// agent said.
fn replay_cmd(args: &Args, out: &mut impl Write) -> Result<(), Fail> {
    let json = args.json;
    let file = args.files.first().ok_or_else(missing("FILE"))?;
    let input = BufReader::new(std::fs::File::open(file)?);
    let kb = load_kb(args.kb.clone(), args.policy.clone())?;
    let rep = replay::replay(input, &Analyzer::new()?, &kb);
    if json {
        for (n, m) in &rep.failures {
            note(&format!("duxin: line {n}: {m}"));
        }
        for p in &rep.points {
            writeln!(out, "{}", serde_json::to_string(p)?)?;
        }
        writeln!(out, "{}", serde_json::json!({ "counts": rep.counts }))?;
    } else {
        for (n, m) in &rep.failures {
            writeln!(out, "!! line {n}: not replayed: {m}")?;
        }
        for p in &rep.points {
            writeln!(out, "{}", replay::point_text(p))?;
        }
        write!(out, "{}", rep.counts.text())?;
    }
    out.flush()?;
    if let Some(html) = &args.html {
        std::fs::write(html, replay::html(file, &rep))?;
    }
    Ok(())
}

/// `duxin guard`: the draft check on each line; with `--eval`, against the lines' labels.
fn guard_cmd(args: &Args, out: &mut impl Write) -> Result<(), Fail> {
    let file = args.files.first().ok_or_else(missing("FILE"))?;
    let g = duxin::guard::Guard::builtin()?;
    let an = Analyzer::new()?;
    let eval = args.eval;
    let mut report = duxin::guard::EvalReport::default();
    for (n, line) in lines(file)?.enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let parsed = serde_json::from_str::<serde_json::Value>(&line)
            .map_err(Error::from)
            .and_then(|v| {
                let input: duxin::guard::Input = serde_json::from_value(v.clone())?;
                let label: Option<duxin::guard::Label> = match v.get("label") {
                    Some(l) if !l.is_null() => Some(serde_json::from_value(l.clone())?),
                    _ => None,
                };
                Ok((
                    duxin::guard::check_input(&g, &an, &input)?,
                    input.text,
                    label,
                ))
            });
        match parsed {
            Ok((found, text, label)) if eval => report.add(&text, label.as_ref(), &found),
            Ok((found, _, _)) => {
                writeln!(out, "{{\"findings\":{}}}", serde_json::to_string(&found)?)?
            }
            // One output line per input line: a line that cannot be read says so in its place.
            Err(e) if !eval => {
                note(&format!("duxin: line {}: {e}", n + 1));
                writeln!(
                    out,
                    "{}",
                    serde_json::json!({ "findings": [], "error": format!("line {}: {e}", n + 1) })
                )?;
            }
            Err(e) => {
                return Err(Error::Line {
                    line: n + 1,
                    message: e.to_string(),
                }
                .into())
            }
        }
    }
    if eval {
        write!(out, "{}", report.text())?;
        for e in &report.errors {
            writeln!(out, "  {e}")?;
        }
    }
    Ok(())
}

/// A team's dashboard from its agents' exports, each read as a stream (`team_insights`).
fn insights(args: &Args, out: &mut impl Write) -> Result<(), Fail> {
    if args.files.is_empty() {
        return Err(missing("FILES")());
    }
    let every = duxin::team_insights::every_day();
    let f = duxin::insights::Filter {
        from: args.from.unwrap_or(every.from),
        to: args.to.unwrap_or(every.to),
        lang: args.lang,
    };
    let mut reader = duxin::team_insights::TeamReader::new(f, args.agents);
    for file in &args.files {
        let label = std::path::Path::new(file)
            .file_name()
            .map_or(file.clone(), |n| n.to_string_lossy().to_string());
        reader
            .read(std::fs::File::open(file)?, &label)
            .map_err(|e| Error::Conversation(format!("{file}: {e}")))?;
    }
    let team = reader.finish();
    if let Some(dir) = &args.csv {
        std::fs::create_dir_all(dir)?;
        for t in duxin::team_report::tables(&team) {
            std::fs::write(std::path::Path::new(dir).join(t.name), t.csv())?;
        }
    }
    if let Some(html) = &args.html {
        std::fs::write(html, duxin::team_report::html(&team))?;
    }
    if args.json {
        writeln!(out, "{}", serde_json::to_string(&team)?)?;
    } else {
        let i = &team.insights;
        writeln!(
            out,
            "exports {}, records {} ({} duplicates left out), conversations {}, angry {}, repeated {}, ended well {:.1}%, exceptions {} ({} approved)",
            team.files, i.records, team.duplicates, i.conversations, i.angry, i.repeated,
            i.ended_well_rate * 100.0, i.exceptions_requested, i.exceptions_approved
        )?;
    }
    Ok(())
}

fn read_conversation(file: &str) -> Result<Conversation, Error> {
    let mut bytes = Vec::new();
    std::fs::File::open(file)?
        .take(MAX_CONVERSATION as u64 + 1)
        .read_to_end(&mut bytes)?;
    if bytes.len() > MAX_CONVERSATION {
        return Err(Error::Conversation(format!(
            "{file} is larger than {} (the limit for a conversation file)",
            eval::size(MAX_CONVERSATION)
        )));
    }
    let text = String::from_utf8(bytes)
        .map_err(|_| Error::Conversation(format!("{file} is not UTF-8")))?;
    let c = Conversation::from_json(&text)?;
    c.validate()?;
    Ok(c)
}

fn load_kb(dir: Option<String>, policy: Option<String>) -> Result<Knowledge, Error> {
    let policy = match policy {
        Some(p) => Policy::from_file(&p, &std::fs::read_to_string(&p)?)?,
        None => Policy::builtin()?,
    };
    match dir {
        None => Knowledge::starter(policy),
        Some(d) => {
            let mut files = Vec::new();
            let mut products = Vec::new();
            for e in std::fs::read_dir(&d)? {
                let p = e?.path();
                let name = p
                    .file_name()
                    .map(|n| n.to_string_lossy().to_string())
                    .unwrap_or_default();
                if name == "products.toml" {
                    products = duxin::products::from_toml(
                        &p.display().to_string(),
                        &std::fs::read_to_string(&p)?,
                    )?;
                } else if p.extension().is_some_and(|x| x == "toml") && name != "policy.toml" {
                    files.push((p.display().to_string(), std::fs::read_to_string(&p)?));
                }
            }
            // A directory with only product facts keeps the starter replies.
            let mut kb = if files.is_empty() {
                Knowledge::starter(policy)?
            } else {
                let refs: Vec<(&str, &str)> = files
                    .iter()
                    .map(|(a, b)| (a.as_str(), b.as_str()))
                    .collect();
                Knowledge::from_sources(&refs, policy)?
            };
            kb.products = products;
            Ok(kb)
        }
    }
}

/// The lines of a .jsonl file, each at most `MAX_LINE` bytes (a longer one is an error).
fn lines(file: &str) -> Result<impl Iterator<Item = Result<String, Error>>, Error> {
    Ok(eval::lines(
        BufReader::new(std::fs::File::open(file)?),
        MAX_LINE,
    ))
}

fn human(conv: &Conversation, a: &Analysis) -> String {
    let mut s = String::new();
    for m in &a.messages {
        let text = &conv.messages[m.index as usize].text;
        s.push_str(&format!("[{}] {}\n", m.index, text));
        s.push_str(&format!("    polarity {:+.2}", m.reading.polarity));
        if let Some(d) = m.reading.dominant {
            s.push_str(&format!("  mood {}", d.as_str()));
        }
        if let Some(i) = m.reading.intent {
            s.push_str(&format!("  intent {}", i.as_str()));
        }
        s.push('\n');
        for c in &m.reading.cues {
            s.push_str(&format!(
                "    {:<15} {:.2}  {}\n",
                c.kind.as_str(),
                c.intensity,
                c.reason_en
            ));
        }
        for f in &m.facts {
            s.push_str(&format!(
                "    fact {:?} \"{}\"{}\n",
                f.kind,
                f.text,
                if f.personal { " (personal)" } else { "" }
            ));
        }
    }
    s.push_str("\nsignals:\n");
    for g in &a.signals {
        s.push_str(&format!("  {:?}: {}\n", g.kind, g.reason_en));
    }
    s.push_str(&format!("\nrisk {} ({})\n", a.risk.score, a.risk.level));
    for r in &a.risk.reasons {
        s.push_str(&format!("  {:>5.1}  {}\n", r.points, r.en));
    }
    s.push_str(&format!(
        "intent {}  mood {}  polarity {:+.2}  dissatisfaction {:.2}\n",
        a.intent.map(|i| i.as_str()).unwrap_or("-"),
        a.dominant.map(CueKind::as_str).unwrap_or("-"),
        a.polarity,
        a.dissatisfaction
    ));
    s
}

fn label_str(v: &serde_json::Value) -> Option<String> {
    match v {
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Array(a) => a.first().and_then(|x| x.as_str()).map(str::to_string),
        serde_json::Value::Bool(b) => Some(b.to_string()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn evaluate(task: &str, file: &str, limit: usize, out: &mut impl Write) -> Result<(), Error> {
    let an = Analyzer::new()?;
    let items = read_items(file, limit)?;
    // Which labels the file uses decides how predictions are read (2-class sets have no neutral).
    let gold_labels: std::collections::BTreeSet<String> = items
        .iter()
        .filter_map(|i| match i {
            Item::Text { label, .. } => label_str(label),
            Item::Dialogue { labels, .. } => labels.get("overall_satisfaction").and_then(label_str),
        })
        .collect();
    let neutral = gold_labels.contains("neutral");
    let start = Instant::now();
    let mut t = Tally::default();
    for it in &items {
        match (task, it) {
            ("sentiment", Item::Text { text, label }) => t.sentiment(&an, text, label, neutral),
            ("emotion", Item::Text { text, label }) => t.emotion(&an, text, label),
            ("satisfaction", Item::Text { text, label }) => t.satisfaction(&an, text, label),
            ("satisfaction", Item::Dialogue { conv, labels }) => t.dialogue(&an, conv, labels),
            ("complaint", Item::Text { text, label }) => t.complaint(&an, text, label),
            ("mood", Item::Text { text, label }) => t.mood(&an, text, label),
            ("intent", Item::Text { text, label }) => t.intent(&an, text, label),
            ("sentiment" | "emotion" | "complaint" | "intent" | "mood", _) => continue,
            _ => return Err(Error::Conversation(format!("unknown task {task}: {USAGE}"))),
        }
    }
    let secs = start.elapsed().as_secs_f64();
    writeln!(out, "task {task}  file {file}")?;
    t.report(task, out)?;
    writeln!(
        out,
        "{:.0} items per second ({} items in {:.3} s, one core)",
        items.len() as f64 / secs.max(1e-9),
        items.len(),
        secs
    )?;
    Ok(())
}

/// The labelled items of a file, up to `limit`.
fn read_items(file: &str, limit: usize) -> Result<Vec<Item>, Error> {
    let mut items = Vec::new();
    for (n, line) in lines(file)?.enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        items.push(eval::parse_line(&line, n + 1)?);
        if items.len() >= limit {
            break;
        }
    }
    Ok(items)
}

/// What an evaluation counts: predictions against labels, and for satisfaction the scores to
/// rank (over whole conversations or texts, and per customer turn).
#[derive(Default)]
struct Tally {
    c: Confusion,
    /// Happy vs angry/sad/fear, for emotion sets.
    binary: Confusion,
    xs: Vec<f64>,
    ys: Vec<f64>,
    turns: Confusion,
    txs: Vec<f64>,
    tys: Vec<f64>,
}

impl Tally {
    /// Positive, negative (and neutral when the set has it).
    fn sentiment(&mut self, an: &Analyzer, text: &str, label: &serde_json::Value, neutral: bool) {
        let Some(g) = label_str(label) else { return };
        let r = an.read(text);
        let p = if neutral {
            eval::label_of(r.polarity)
        } else if r.polarity >= 0.0 {
            "positive"
        } else {
            "negative"
        };
        self.c.add(&g, p);
    }

    /// The coarse emotion; a multi-label item counts as right when any of its labels is.
    fn emotion(&mut self, an: &Analyzer, text: &str, label: &serde_json::Value) {
        let r = an.read(text);
        let p = eval::predicted_emotion(&r);
        let gold: Vec<String> = match label {
            serde_json::Value::Array(a) => a
                .iter()
                .filter_map(|x| x.as_str())
                .map(|x| eval::coarse_goemotion(x).to_string())
                .collect(),
            v => label_str(v)
                .map(|s| vec![coarse_emotion_label(&s)])
                .unwrap_or_default(),
        };
        let Some(first) = gold.first() else { return };
        let g = if gold.iter().any(|x| x == p) {
            p.to_string()
        } else {
            first.clone()
        };
        self.c.add(&g, p);
        if matches!(g.as_str(), "happy" | "angry" | "sad" | "fear") {
            let pb = if p == "happy" || (p == "neutral" && r.polarity > 0.0) {
                "happy"
            } else {
                "unhappy"
            };
            self.binary
                .add(if g == "happy" { "happy" } else { "unhappy" }, pb);
        }
    }

    /// A text's satisfaction label, and its dissatisfaction to rank.
    fn satisfaction(&mut self, an: &Analyzer, text: &str, label: &serde_json::Value) {
        let Some(g) = label_str(label) else { return };
        let s = eval::score_text(an, text);
        self.c.add(&g, eval::satisfaction_label(&s));
        self.xs.push(-(s.dissatisfaction as f64));
        self.ys.push(sat_rank(&g));
    }

    /// A conversation's satisfaction per customer turn, read the way the extension reads them
    /// (the conversation so far), and over the whole conversation.
    fn dialogue(&mut self, an: &Analyzer, conv: &Conversation, labels: &serde_json::Value) {
        for t in labels
            .get("user_turns")
            .and_then(|u| u.as_array())
            .into_iter()
            .flatten()
        {
            let (Some(i), Some(g)) = (
                t.get("turn_index").and_then(|i| i.as_u64()),
                t.get("satisfaction").and_then(label_str),
            ) else {
                continue;
            };
            let i = i as usize;
            if i >= conv.messages.len() {
                continue;
            }
            let prefix = Conversation {
                messages: conv.messages[..=i].to_vec(),
                ..Default::default()
            };
            let s = eval::score_dialogue(an, &prefix);
            self.turns.add(&g, eval::satisfaction_label(&s));
            self.txs.push(-(s.dissatisfaction as f64));
            self.tys.push(sat_rank(&g));
        }
        let Some(g) = labels.get("overall_satisfaction").and_then(label_str) else {
            return;
        };
        let s = eval::score_dialogue(an, conv);
        self.c.add(&g, eval::satisfaction_label(&s));
        self.xs.push(-(s.dissatisfaction as f64));
        self.ys.push(sat_rank(&g));
    }

    /// The customer's mood in customer-service terms (anger, anxiety, disappointment, distrust,
    /// none), read from the cue Duxin shows first.
    fn mood(&mut self, an: &Analyzer, text: &str, label: &serde_json::Value) {
        let Some(g) = label_str(label) else { return };
        self.c.add(&g, eval::predicted_mood(&an.read(text)));
    }

    fn complaint(&mut self, an: &Analyzer, text: &str, label: &serde_json::Value) {
        let Some(g) = label_str(label) else { return };
        let r = an.read(text);
        let p = if eval::is_complaint(&r) {
            "complaint"
        } else {
            "not_complaint"
        };
        self.c.add(&g, p);
    }

    /// The intent, the set's label mapped onto Duxin's intents ("other" for none).
    fn intent(&mut self, an: &Analyzer, text: &str, label: &serde_json::Value) {
        let Some(g) = label_str(label) else { return };
        let r = an.read(text);
        self.c.add(
            eval::map_intent_label(&g),
            r.intent.map(|i| i.as_str()).unwrap_or("other"),
        );
    }

    /// The confusion report, and what else the task counted.
    fn report(&self, task: &str, out: &mut impl Write) -> std::io::Result<()> {
        write!(out, "{}", self.c.report())?;
        let negative: &[&str] = if task == "mood" {
            &eval::MOODS
        } else {
            &["angry", "sad", "fear"]
        };
        if let Some(f) = self.c.macro_f1_of(negative) {
            writeln!(out, "negative {} macro-F1 {f:.3}", negative.join(" / "))?;
        }
        let b = &self.binary;
        if b.n > 0 {
            writeln!(
                out,
                "happy vs angry/sad/fear: items {}  accuracy {:.3}  macro-F1 {:.3}",
                b.n,
                b.accuracy(),
                b.macro_f1()
            )?;
        }
        if !self.xs.is_empty() {
            writeln!(
                out,
                "Spearman (satisfaction vs -dissatisfaction): {:.3}",
                eval::spearman(&self.xs, &self.ys)
            )?;
        }
        if self.turns.n > 0 {
            writeln!(
                out,
                "\nper customer turn, reading the conversation up to that turn:"
            )?;
            write!(out, "{}", self.turns.report())?;
            let rho = eval::spearman(&self.txs, &self.tys);
            writeln!(out, "Spearman per turn: {rho:.3}")?;
        }
        Ok(())
    }
}

fn coarse_emotion_label(s: &str) -> String {
    match s {
        "happy" | "angry" | "sad" | "fear" | "surprise" | "neutral" => s.to_string(),
        other => eval::coarse_goemotion(other).to_string(),
    }
}

fn sat_rank(l: &str) -> f64 {
    match l {
        "dissatisfied" => 0.0,
        "satisfied" => 2.0,
        _ => 1.0,
    }
}

/// What `duxin bench` measured (medians over repeated runs, one core).
#[derive(Debug, serde::Serialize)]
struct BenchReport {
    messages: usize,
    analyze_ms: f64,
    analyze_runs: usize,
    suggest_ms: f64,
    knowledge_entries: usize,
    short_messages_per_sec: f64,
}

impl BenchReport {
    fn human(&self) -> String {
        format!(
            "full analysis of {} messages: {:.3} ms (median of {} runs)\nsuggestions for the latest turn, {} knowledge entries: {:.3} ms\nshort messages read: {:.0} per second\n",
            self.messages, self.analyze_ms, self.analyze_runs, self.knowledge_entries, self.suggest_ms, self.short_messages_per_sec
        )
    }
}

/// Median milliseconds of `f` over runs filling about `budget` seconds (at least 3 runs).
fn median_ms(budget: f64, mut f: impl FnMut()) -> (f64, usize) {
    let start = Instant::now();
    let mut times = Vec::new();
    while times.len() < 3 || (start.elapsed().as_secs_f64() < budget && times.len() < 100_000) {
        let t = Instant::now();
        f();
        times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(|a, b| a.total_cmp(b));
    (times[times.len() / 2], times.len())
}

fn bench(an: &Analyzer, conv: &Conversation, kb: &Knowledge, seconds: f64) -> BenchReport {
    let (analyze_ms, analyze_runs) = median_ms(seconds * 0.5, || {
        std::hint::black_box(an.analyze(std::hint::black_box(conv)));
    });
    let a = an.analyze(conv);
    let (suggest_ms, _) = median_ms(seconds * 0.25, || {
        std::hint::black_box(suggest(conv, &a, kb));
    });
    let short = duxin::corpus::short_messages();
    let (batch_ms, _) = median_ms(seconds * 0.25, || {
        for m in short {
            std::hint::black_box(an.read(std::hint::black_box(m)));
        }
    });
    BenchReport {
        messages: conv.messages.len(),
        analyze_ms,
        analyze_runs,
        suggest_ms,
        knowledge_entries: kb.replies.len(),
        short_messages_per_sec: short.len() as f64 / (batch_ms / 1000.0).max(1e-9),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bench_reports_what_it_measured() {
        let an = Analyzer::new().unwrap();
        let conv = duxin::corpus::conversation(40);
        let kb = duxin::corpus::knowledge(200);
        let r = bench(&an, &conv, &kb, 0.05);
        assert_eq!((r.messages, r.knowledge_entries), (40, 200));
        assert!(
            r.analyze_runs >= 3
                && r.analyze_ms > 0.0
                && r.suggest_ms > 0.0
                && r.short_messages_per_sec > 0.0,
            "{r:?}"
        );
        assert!(r.human().contains("full analysis of 40 messages"));
    }
}
