//! The team's dashboard written out for people and for the shop's own BI tools: CSV tables (one
//! file each, columns in `docs/insights-csv.md`) and a static HTML page. Written here, not in the
//! command line, so that what a column holds is tested natively.
//!
//! CSV as the dashboard writes it (`store.js` `toCsv`): a header row, CRLF line ends, a field with
//! a comma, quote or line break quoted, and text that a spreadsheet would run as a formula (it
//! starts with = + - @; product names come from shop pages) prefixed with an apostrophe.

use crate::insights::Insights;
use crate::replay::escape;
use crate::team_insights::TeamInsights;

/// One CSV table: its file name, header and rows.
pub struct Table {
    pub name: &'static str,
    pub header: &'static [&'static str],
    pub rows: Vec<Vec<String>>,
}

impl Table {
    pub fn csv(&self) -> String {
        let mut out = self.header.join(",");
        out.push_str("\r\n");
        for r in &self.rows {
            let cells: Vec<String> = r.iter().map(|c| cell(c)).collect();
            out.push_str(&cells.join(","));
            out.push_str("\r\n");
        }
        out
    }
}

fn cell(s: &str) -> String {
    let numeric = crate::num::is_number(s);
    let s = if !numeric && s.starts_with(['=', '+', '-', '@']) {
        format!("'{s}")
    } else {
        s.to_string()
    };
    if s.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

/// A day number (days since 1970-01-01) as YYYY-MM-DD (proleptic Gregorian).
pub fn date(day: i32) -> String {
    // Howard Hinnant's civil_from_days.
    let z = day as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + (m <= 2) as i64;
    format!("{y:04}-{m:02}-{d:02}")
}

fn rate(r: Option<f32>) -> String {
    r.map(|r| crate::num::fixed(f64::from(r), 4))
        .unwrap_or_default()
}

fn pairs(name: &'static str, header: &'static [&'static str], v: &[(String, u32)]) -> Table {
    Table {
        name,
        header,
        rows: v
            .iter()
            .map(|(k, n)| vec![k.clone(), n.to_string()])
            .collect(),
    }
}

fn series(name: &'static str, header: &'static [&'static str], v: &[(i32, String, u32)]) -> Table {
    Table {
        name,
        header,
        rows: v
            .iter()
            .map(|(d, t, n)| vec![d.to_string(), date(*d), t.clone(), n.to_string()])
            .collect(),
    }
}

fn summary(t: &TeamInsights) -> Table {
    let i = &t.insights;
    let rows = [
        ("exports", t.files.to_string()),
        ("duplicates", t.duplicates.to_string()),
        ("records", i.records.to_string()),
        ("conversations", i.conversations.to_string()),
        ("angry", i.angry.to_string()),
        ("repeated", i.repeated.to_string()),
        ("ended_well_rate", rate(Some(i.ended_well_rate))),
        ("exceptions_requested", i.exceptions_requested.to_string()),
        ("exceptions_approved", i.exceptions_approved.to_string()),
    ];
    Table {
        name: "summary.csv",
        header: &["metric", "value"],
        rows: rows
            .iter()
            .map(|(k, v)| vec![k.to_string(), v.clone()])
            .collect(),
    }
}

fn count_tables(i: &Insights) -> Vec<Table> {
    vec![
        series(
            "intents_by_day.csv",
            &["day", "date", "intent", "conversations"],
            &i.intents_by_day,
        ),
        series(
            "products_by_day.csv",
            &["day", "date", "product", "conversations"],
            &i.products_by_day,
        ),
        pairs("cues.csv", &["cue", "count"], &i.cue_totals),
        pairs(
            "triggers.csv",
            &["term", "angry_conversations"],
            &i.upset_triggers,
        ),
        pairs(
            "situations.csv",
            &["situation", "angry_conversations"],
            &i.upset_situations,
        ),
        pairs(
            "repeated.csv",
            &["intent", "repeated_conversations"],
            &i.repeated_hotspots,
        ),
    ]
}

fn outcome_tables(i: &Insights) -> Vec<Table> {
    let spikes = i.spikes.iter().map(|s| {
        vec![
            s.day.to_string(),
            date(s.day),
            s.topic.clone(),
            s.count.to_string(),
            s.baseline.to_string(),
            s.note_en.clone(),
            s.note_zh.clone(),
        ]
    });
    let replies = i.replies.iter().map(|r| {
        let n = [r.shown, r.accepted, r.edited, r.dismissed].map(|n| n.to_string());
        let mut row = vec![r.entry.clone()];
        row.extend(n);
        row.push(rate(r.ended_well_rate));
        row
    });
    let styles = i.styles.iter().map(|s| {
        vec![
            s.style.clone(),
            s.conversations.to_string(),
            rate(Some(s.ended_well_rate)),
            s.accepted.to_string(),
            s.edited.to_string(),
            s.dismissed.to_string(),
        ]
    });
    let exceptions = i.exceptions.iter().map(|e| {
        vec![
            e.kind.clone(),
            e.requested.to_string(),
            e.approved.to_string(),
            e.denied.to_string(),
        ]
    });
    vec![
        Table {
            name: "spikes.csv",
            header: &[
                "day", "date", "topic", "count", "baseline", "note_en", "note_zh",
            ],
            rows: spikes.collect(),
        },
        Table {
            name: "replies.csv",
            header: &[
                "entry",
                "shown",
                "accepted",
                "edited",
                "dismissed",
                "ended_well_rate",
            ],
            rows: replies.collect(),
        },
        Table {
            name: "styles.csv",
            header: &[
                "style",
                "conversations",
                "ended_well_rate",
                "accepted",
                "edited",
                "dismissed",
            ],
            rows: styles.collect(),
        },
        Table {
            name: "exceptions.csv",
            header: &["kind", "requested", "approved", "denied"],
            rows: exceptions.collect(),
        },
    ]
}

fn agents(t: &TeamInsights) -> Table {
    let rows = t.agents.iter().map(|a| {
        let mut row = vec![a.label.clone()];
        row.extend(
            [
                a.conversations,
                a.angry,
                a.ended_well,
                a.accepted,
                a.edited,
                a.dismissed,
                a.exceptions,
            ]
            .map(|n| n.to_string()),
        );
        row
    });
    Table {
        name: "agents.csv",
        header: &[
            "label",
            "conversations",
            "angry",
            "ended_well",
            "accepted",
            "edited",
            "dismissed",
            "exceptions",
        ],
        rows: rows.collect(),
    }
}

/// Every table the team's dashboard has (`agents.csv` only when agents were asked for).
pub fn tables(t: &TeamInsights) -> Vec<Table> {
    let mut all = vec![summary(t)];
    all.extend(count_tables(&t.insights));
    all.extend(outcome_tables(&t.insights));
    if !t.agents.is_empty() {
        all.push(agents(t));
    }
    all
}

/// A static page with every table: what the lead opens, or mails to operations.
pub fn html(t: &TeamInsights) -> String {
    let mut out = String::from(
        "<!doctype html><meta charset=utf-8><title>Duxin team insights</title>\
         <style>body{font:14px system-ui,sans-serif;margin:2em}table{border-collapse:collapse;margin:0 0 2em}\
         td,th{border:1px solid #ccc;padding:2px 8px;text-align:left}th{background:#f4f4f4}</style>\
         <h1>Duxin team insights</h1>",
    );
    for table in tables(t) {
        out.push_str(&format!(
            "<h2>{}</h2><table><tr>",
            escape(table.name.trim_end_matches(".csv"))
        ));
        for h in table.header {
            out.push_str(&format!("<th>{}</th>", escape(h)));
        }
        out.push_str("</tr>");
        for r in &table.rows {
            out.push_str("<tr>");
            for c in r {
                out.push_str(&format!("<td>{}</td>", escape(c)));
            }
            out.push_str("</tr>");
        }
        out.push_str("</table>");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::insights::{ReplyStats, Spike};

    fn team() -> TeamInsights {
        TeamInsights {
            files: 2,
            duplicates: 1,
            insights: Insights {
                conversations: 3,
                products_by_day: vec![(20_425, "=HYPERLINK(\"x\"), 杯".into(), 2)],
                replies: vec![ReplyStats {
                    entry: "zh.a".into(),
                    shown: 4,
                    accepted: 1,
                    ended_well_rate: Some(0.5),
                    ..Default::default()
                }],
                spikes: vec![Spike {
                    topic: "refund".into(),
                    day: 20_425,
                    count: 9,
                    baseline: 1.0,
                    note_zh: "z".into(),
                    note_en: "e".into(),
                }],
                ..Default::default()
            },
            agents: Vec::new(),
        }
    }

    #[test]
    fn days_are_written_as_calendar_dates() {
        assert_eq!(date(0), "1970-01-01");
        assert_eq!(date(20_425), "2025-12-03");
        assert_eq!(date(11_016), "2000-02-29");
    }

    #[test]
    fn a_product_name_is_quoted_and_cannot_run_as_a_formula() {
        let t = tables(&team());
        let p = t
            .iter()
            .find(|t| t.name == "products_by_day.csv")
            .unwrap()
            .csv();
        assert_eq!(p, "day,date,product,conversations\r\n20425,2025-12-03,\"'=HYPERLINK(\"\"x\"\"), 杯\",2\r\n");
    }

    #[test]
    fn each_reply_is_one_row_with_its_counts_and_rate() {
        let t = tables(&team());
        let r = t.iter().find(|t| t.name == "replies.csv").unwrap().csv();
        assert_eq!(
            r.lines().nth(1),
            Some("zh.a,4,1,0,0,0.5000\r").map(|s| s.trim_end_matches('\r'))
        );
    }

    #[test]
    fn agents_get_a_table_only_when_asked_for() {
        assert!(!tables(&team()).iter().any(|t| t.name == "agents.csv"));
        let mut named = team();
        named.agents.push(Default::default());
        assert!(tables(&named).iter().any(|t| t.name == "agents.csv"));
    }

    #[test]
    fn the_page_escapes_what_pages_wrote() {
        let mut t = team();
        t.insights.products_by_day[0].1 = "<script>x</script>".into();
        assert!(!html(&t).contains("<script>x"));
    }
}
