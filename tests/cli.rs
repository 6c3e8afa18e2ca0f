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
    let mut child = duxin().arg("analyze").arg(&file).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
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
    let Ok(full) = std::fs::File::create("/dev/full") else { return };
    let out = duxin().arg("analyze").arg(&file).stdout(full).output().unwrap();
    std::fs::remove_file(&file).ok();
    let err = one_line(&out.stderr);
    assert!(err.starts_with("duxin: cannot write the output:") && err.contains("space"), "{err}");
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
    assert!(text.contains("1 MiB") && text.contains("8 MiB") && text.contains("exit"), "{text}");
}

#[test]
fn help_into_a_closed_pipe_does_not_panic() {
    let mut child = duxin().arg("--help").stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
    assert_eq!(out.status.code(), Some(0));
}
