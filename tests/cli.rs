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
