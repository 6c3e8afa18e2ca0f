//! The `duxin` command line as a user runs it: output cut short by the reader, a full disk, input
//! far larger than a conversation. It never panics: it ends quietly, or says what went wrong in
//! one line with a stated exit code.

use std::io::Read;
use std::path::PathBuf;
use std::process::{Command, Stdio};

fn duxin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_duxin"))
}

/// A scratch file of this test process (removed by the test that made it).
fn scratch(name: &str, content: &[u8]) -> PathBuf {
    let p = std::env::temp_dir().join(format!("duxin-cli-{}-{name}", std::process::id()));
    std::fs::write(&p, content).expect("temp dir is writable");
    p
}

/// A conversation whose `analyze` report is far longer than a pipe holds (about 64 KiB).
fn long_conversation() -> Vec<u8> {
    let messages: Vec<serde_json::Value> = (0..3_000)
        .map(|i| serde_json::json!({ "role": if i % 2 == 0 { "customer" } else { "agent" }, "text": format!("第{i}次问了，快递到底什么时候到？气死了！！") }))
        .collect();
    serde_json::to_vec(&serde_json::json!({ "messages": messages })).unwrap()
}

fn one_line(stderr: &[u8]) -> String {
    let s = String::from_utf8_lossy(stderr).to_string();
    assert_eq!(s.trim_end().lines().count(), 1, "one line on stderr: {s}");
    assert!(!s.contains("panicked"), "{s}");
    s
}

#[test]
fn output_closed_by_the_reader_ends_the_command_quietly() {
    let file = scratch("pipe.json", &long_conversation());
    let mut child = duxin()
        .arg("analyze")
        .arg(&file)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // `duxin analyze F | head -c 100`: the reader takes a little and goes away.
    let mut head = [0u8; 100];
    child.stdout.take().unwrap().read_exact(&mut head).unwrap();
    let out = child.wait_with_output().unwrap();
    std::fs::remove_file(&file).ok();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.is_empty(), "nothing on stderr: {err}");
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn a_full_disk_is_one_line_on_stderr_and_exit_code_3() {
    let file = scratch("full.json", &long_conversation());
    let Ok(full) = std::fs::File::create("/dev/full") else {
        return;
    };
    let out = duxin()
        .arg("analyze")
        .arg(&file)
        .stdout(full)
        .output()
        .unwrap();
    std::fs::remove_file(&file).ok();
    let err = one_line(&out.stderr);
    assert!(
        err.starts_with("duxin: cannot write the output:") && err.contains("space"),
        "{err}"
    );
    assert_eq!(out.status.code(), Some(3));
}

#[test]
fn a_score_line_above_the_limit_is_refused_in_one_line_naming_it() {
    let mut input = b"{\"text\":\"fine\"}\n{\"text\":\"".to_vec();
    input.extend(std::iter::repeat_n(b'a', 2 << 20));
    input.extend(b"\"}\n{\"text\":\"never read\"}\n");
    let file = scratch("long.jsonl", &input);
    let out = duxin().arg("score").arg(&file).output().unwrap();
    std::fs::remove_file(&file).ok();
    let err = one_line(&out.stderr);
    assert!(err.contains("line 2") && err.contains("1 MiB"), "{err}");
    assert_eq!(out.status.code(), Some(2));
    // The lines before it were scored and written.
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 1);
}

#[test]
fn a_conversation_file_above_the_limit_is_refused_in_one_line() {
    let mut input = b"{\"messages\":[{\"role\":\"customer\",\"text\":\"".to_vec();
    input.extend(std::iter::repeat_n(b'a', 9 << 20));
    input.extend(b"\"}]}");
    let file = scratch("big.json", &input);
    let out = duxin().arg("analyze").arg(&file).output().unwrap();
    std::fs::remove_file(&file).ok();
    let err = one_line(&out.stderr);
    assert!(err.contains("8 MiB"), "{err}");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn help_states_the_input_limits_and_exit_codes() {
    let out = duxin().arg("--help").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("1 MiB") && text.contains("8 MiB") && text.contains("exit"),
        "{text}"
    );
}

#[test]
fn help_into_a_closed_pipe_does_not_panic() {
    let mut child = duxin()
        .arg("--help")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn guard_prints_one_line_of_findings_per_draft_in_input_order() {
    let lines = [
        r#"{"text": "亲😀，加我微信聊吧", "platform": "pinduoduo"}"#,
        r#"{"text": "您好，已经发货了"}"#,
        "not json",
        r#"{"text": "I'll refund you $800 now", "policy": {"refund_limit": 1000}}"#,
        r#"{"text": "Your order 112-3345678-9012346 has shipped.", "conversation": {"messages": [{"role": "customer", "text": "where is it?"}], "order": {"id": "112-3345678-9012345"}}}"#,
    ];
    let file = scratch("guard.jsonl", lines.join("\n").as_bytes());
    let out = duxin().arg("guard").arg(&file).output().unwrap();
    std::fs::remove_file(&file).ok();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let got: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(got.len(), 5, "one line per input line");
    let f = &got[0]["findings"][0];
    assert_eq!(
        (
            f["kind"].as_str(),
            f["rule"].as_str(),
            f["start"].as_u64(),
            f["end"].as_u64()
        ),
        (
            Some("platform"),
            Some("zh.offsite.wechat"),
            Some(4),
            Some(8)
        )
    );
    for k in ["reason_zh", "reason_en", "fix"] {
        assert!(f[k].is_string(), "{k}");
    }
    assert_eq!(
        got[1],
        serde_json::json!({ "findings": [] }),
        "a clean draft gives an empty list"
    );
    assert!(
        got[2]["error"]
            .as_str()
            .is_some_and(|e| e.starts_with("line 3")),
        "a bad line says so in its place"
    );
    assert_eq!(
        got[3]["findings"],
        serde_json::json!([]),
        "the policy given on the line is used: 800 is within a 1000 limit"
    );
    assert_eq!(got[4]["findings"][0]["rule"], "en.facts.order");
}

#[test]
fn an_unknown_flag_is_a_usage_error_with_exit_code_2() {
    let out = duxin()
        .args(["analyze", "x.json", "--jsn"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--jsn") && err.contains("usage:"), "{err}");
}

#[test]
fn a_flag_without_its_value_is_a_usage_error() {
    let out = duxin()
        .args(["eval", "x.jsonl", "--task"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--task") && err.contains("usage:"), "{err}");
}

#[test]
fn a_missing_file_argument_is_a_usage_error_not_a_conversation_error() {
    let out = duxin().arg("analyze").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("FILE is missing") && !err.contains("conversation:"),
        "{err}"
    );
}

fn export(agent: u32) -> Vec<u8> {
    let convs: Vec<serde_json::Value> = (0..4)
        .map(|k| serde_json::json!({"id": format!("a{agent}c{k}"), "ts": 1.0 + k as f64, "day": 20_400 + k,
            "intent": "refund", "product": "保温杯", "triggers": [], "angry": k == 0, "repeated": false,
            "ended_well": true, "risk": 3, "style": "qin"}))
        .collect();
    let events = vec![
        serde_json::json!({"ts": 5.0 + agent as f64, "day": 20_401, "conv": format!("a{agent}c1"),
        "entry": "zh.refund.when", "event": "accepted", "style": "qin"}),
    ];
    serde_json::to_vec(&serde_json::json!({"format": "duxin-export", "schema": 4,
        "tables": {"conversations": convs, "events": events, "exceptions": [], "knowledge": [], "kv": []}}))
    .unwrap()
}

#[test]
fn insights_over_two_exports_writes_the_documented_csv_tables_and_a_page() {
    let (a, b) = (
        scratch("agent-a.json", &export(1)),
        scratch("agent-b.json", &export(2)),
    );
    let dir = std::env::temp_dir().join(format!("duxin-cli-{}-csv", std::process::id()));
    let html = scratch("team.html", b"");
    let out = duxin()
        .arg("insights")
        .args([&a, &b, &a])
        .arg("--csv")
        .arg(&dir)
        .arg("--html")
        .arg(&html)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let summary = std::fs::read_to_string(dir.join("summary.csv")).unwrap();
    assert!(summary.contains("conversations,8\r\n"), "{summary}");
    assert!(
        summary.contains("duplicates,5\r\n"),
        "the third file is the first again: {summary}"
    );
    let replies = std::fs::read_to_string(dir.join("replies.csv")).unwrap();
    assert_eq!(replies, "entry,shown,accepted,edited,dismissed,ended_well_rate\r\nzh.refund.when,0,2,0,0,1.0000\r\n");
    let docs =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/insights-csv.md"))
            .unwrap();
    for f in std::fs::read_dir(&dir).unwrap() {
        let name = f.unwrap().file_name().to_string_lossy().to_string();
        assert!(docs.contains(&format!("`{name}`")), "{name} is documented");
    }
    assert!(std::fs::read_to_string(&html)
        .unwrap()
        .contains("zh.refund.when"));
    for p in [a, b, html] {
        std::fs::remove_file(p).ok();
    }
    std::fs::remove_dir_all(dir).ok();
}
