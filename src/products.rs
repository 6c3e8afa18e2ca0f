//! Product facts the shop writes down once: who a product suits and who it does not, what to
//! offer instead, what goes well with it. A product question is then answered for this customer's
//! situation ("能装碳酸饮料吗" → not advised, why, and what to take instead) rather than with a
//! pasted specification.

use serde::{Deserialize, Serialize};

use crate::conversation::{Conversation, Role};
use crate::error::{Error, Result};
use crate::json_lite::{FromJson, Json};
use crate::kinds::Lang;
use crate::text::Folded;

/// One use the product is good for, or not.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Point {
    /// What, as a customer would ask it: "装开水、热茶", "carbonated drinks". Split on 、，,/ into
    /// terms that are looked for in the question.
    pub what: String,
    /// Why, in one clause: "316不锈钢内胆，耐高温".
    #[serde(default)]
    pub why: String,
    /// More words customers use for it ("多久", "how long").
    #[serde(default)]
    pub ask: Vec<String>,
}

/// Another product to offer instead, or alongside.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Related {
    pub name: String,
    #[serde(default)]
    pub why: String,
    /// For alternatives: the `what`s of the points it answers (empty: any).
    #[serde(default)]
    pub instead_of: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Product {
    /// As the page shows it (order card, product link).
    pub name: String,
    /// Shorter names customers use: "保温杯", "the bottle".
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub suits: Vec<Point>,
    #[serde(default)]
    pub not_suits: Vec<Point>,
    #[serde(default)]
    pub alternatives: Vec<Related>,
    #[serde(default)]
    pub bundles: Vec<Related>,
}

// The options page's list as the derive reads it (the panel's wasm carries no serde reader).
impl FromJson for Point {
    fn from_json(j: &Json) -> std::result::Result<Self, String> {
        Ok(Point {
            what: j.field("what")?,
            why: j.field_or("why", String::new)?,
            ask: j.field_or("ask", Vec::new)?,
        })
    }
}

impl FromJson for Related {
    fn from_json(j: &Json) -> std::result::Result<Self, String> {
        Ok(Related {
            name: j.field("name")?,
            why: j.field_or("why", String::new)?,
            instead_of: j.field_or("instead_of", Vec::new)?,
        })
    }
}

impl FromJson for Product {
    fn from_json(j: &Json) -> std::result::Result<Self, String> {
        Ok(Product {
            name: j.field("name")?,
            aliases: j.field_or("aliases", Vec::new)?,
            suits: j.field_or("suits", Vec::new)?,
            not_suits: j.field_or("not_suits", Vec::new)?,
            alternatives: j.field_or("alternatives", Vec::new)?,
            bundles: j.field_or("bundles", Vec::new)?,
        })
    }
}

#[derive(Deserialize)]
struct File {
    #[serde(default)]
    product: Vec<Product>,
}

fn check(list: Vec<Product>, file: &str) -> Result<Vec<Product>> {
    for (i, p) in list.iter().enumerate() {
        if p.name.trim().is_empty() {
            return Err(Error::Knowledge {
                file: file.into(),
                message: format!("product #{}: name is empty", i + 1),
            });
        }
        if let Some(pt) = p
            .suits
            .iter()
            .chain(&p.not_suits)
            .find(|pt| pt.what.trim().is_empty())
        {
            return Err(Error::Knowledge {
                file: file.into(),
                message: format!("{}: a point has no \"what\" ({:?})", p.name, pt.why),
            });
        }
    }
    Ok(list)
}

/// `[[product]]` tables from a knowledge directory's `products.toml`.
pub fn from_toml(file: &str, text: &str) -> Result<Vec<Product>> {
    let f: File = crate::data::parse(file, text).map_err(|message| Error::Knowledge {
        file: file.into(),
        message,
    })?;
    check(f.product, file)
}

/// The list the options page keeps (JSON); empty text is no products.
pub fn from_json(json: &str) -> Result<Vec<Product>> {
    if json.trim().is_empty() {
        return Ok(Vec::new());
    }
    let list: Vec<Product> = crate::json_lite::read(json).map_err(|message| Error::Knowledge {
        file: "products".into(),
        message,
    })?;
    check(list, "products")
}

fn fold(s: &str) -> String {
    Folded::new(s).text
}

/// The product this conversation is about: the order's product when the page shows one, else one
/// the customer named in their last messages.
pub fn find<'a>(products: &'a [Product], conv: &Conversation) -> Option<&'a Product> {
    let names = |p: &'a Product| {
        std::iter::once(p.name.as_str())
            .chain(p.aliases.iter().map(String::as_str))
            .map(fold)
            .filter(|n| n.chars().count() >= 2)
    };
    if let Some(on_page) = conv
        .order
        .as_ref()
        .and_then(|o| o.product.as_deref())
        .map(fold)
    {
        if let Some(p) = products
            .iter()
            .find(|p| names(p).any(|n| on_page.contains(&n) || n.contains(&on_page)))
        {
            return Some(p);
        }
    }
    let recent: Vec<String> = conv
        .messages
        .iter()
        .rev()
        .filter(|m| m.role == Role::Customer)
        .take(3)
        .map(|m| fold(&m.text))
        .collect();
    products
        .iter()
        .find(|p| names(p).any(|n| recent.iter().any(|t| t.contains(&n))))
}

/// Whether the question asks about this point.
fn asks(pt: &Point, q: &str) -> bool {
    pt.what
        .split(['、', '，', ',', '/', '；', ';'])
        .chain(pt.ask.iter().map(String::as_str))
        .map(|t| fold(t.trim()))
        .filter(|t| t.chars().count() >= 2)
        .any(|t| q.contains(&t))
}

/// What the product facts say to this question; None when they say nothing.
pub fn answer(p: &Product, question: &str, lang: Lang) -> Option<(String, Vec<String>)> {
    let q = fold(question);
    let yes: Vec<&Point> = p.suits.iter().filter(|pt| asks(pt, &q)).collect();
    let no: Vec<&Point> = p.not_suits.iter().filter(|pt| asks(pt, &q)).collect();
    let matched: Vec<String> = yes.iter().chain(&no).map(|pt| pt.what.clone()).collect();
    let zh = lang == Lang::Zh;
    let mut parts: Vec<String> = yes.iter().map(|pt| suits(p, pt, zh)).collect();
    for pt in &no {
        parts.push(not_meant(p, pt, zh));
        parts.extend(alternative(p, pt, zh));
    }
    if yes.is_empty() && no.is_empty() {
        parts.extend(overview(p, zh));
    }
    if no.is_empty() && !parts.is_empty() {
        parts.extend(p.bundles.first().map(|b| bundle(b, zh)));
    }
    (!parts.is_empty()).then(|| (parts.join(if zh { "" } else { " " }), matched))
}

/// A reason after its point, with its separator; nothing when there is no reason.
fn clause(why: &str, sep: &str) -> String {
    if why.trim().is_empty() {
        String::new()
    } else {
        format!("{sep}{}", why.trim())
    }
}

/// A reason in brackets after a name ("（不锈钢）", " (steel)"); nothing when there is none.
fn bracketed(why: &str, zh: bool) -> String {
    match (why.trim(), zh) {
        ("", _) => String::new(),
        (w, true) => format!("（{w}）"),
        (w, false) => format!(" ({w})"),
    }
}

/// "Yes": the product suits what was asked, with why.
fn suits(p: &Product, pt: &Point, zh: bool) -> String {
    if zh {
        format!("这款{}可以{}的{}。", p.name, pt.what, clause(&pt.why, "，"))
    } else {
        format!(
            "Yes, the {} is fine for {}{}.",
            p.name,
            pt.what,
            clause(&pt.why, ": ")
        )
    }
}

/// "No": the product is not meant for what was asked, with why.
fn not_meant(p: &Product, pt: &Point, zh: bool) -> String {
    if zh {
        format!("这款{}不建议{}{}。", p.name, pt.what, clause(&pt.why, "："))
    } else {
        format!(
            "The {} is not meant for {}{}.",
            p.name,
            pt.what,
            clause(&pt.why, ": ")
        )
    }
}

/// After a "no", the related product for that use (or for any), so the answer offers a way on.
fn alternative(p: &Product, pt: &Point, zh: bool) -> Option<String> {
    let alt = p.alternatives.iter().find(|a| {
        a.instead_of.is_empty() || a.instead_of.iter().any(|w| w.trim() == pt.what.trim())
    })?;
    let why = bracketed(&alt.why, zh);
    Some(if zh {
        format!("如果需要{}，可以看看{}{why}。", pt.what, alt.name)
    } else {
        format!("For {}, have a look at the {}{why}.", pt.what, alt.name)
    })
}

/// Nothing asked matches a point: say who it is for, so the customer can judge.
fn overview(p: &Product, zh: bool) -> Option<String> {
    let list = |v: &[Point]| {
        v.iter()
            .map(|pt| pt.what.as_str())
            .collect::<Vec<_>>()
            .join(if zh { "、" } else { ", " })
    };
    let (name, yes, no) = (&p.name, list(&p.suits), list(&p.not_suits));
    match (p.suits.is_empty(), p.not_suits.is_empty(), zh) {
        (true, true, _) => None,
        (false, true, true) => Some(format!("这款{name}适合{yes}。")),
        (false, true, false) => Some(format!("The {name} suits {yes}.")),
        (true, false, true) => Some(format!("这款{name}不建议{no}。")),
        (true, false, false) => Some(format!("The {name} is not meant for {no}.")),
        (false, false, true) => Some(format!("这款{name}适合{yes}；不建议{no}。")),
        (false, false, false) => Some(format!("The {name} suits {yes}; it is not meant for {no}.")),
    }
}

/// What goes well with it, after an answer that is not a "no".
fn bundle(b: &Related, zh: bool) -> String {
    let why = bracketed(&b.why, zh);
    if zh {
        format!("搭配{}一起用更方便{why}。", b.name)
    } else {
        format!("It goes well with the {}{why}.", b.name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::conversation::{Message, Order};

    fn cup() -> Product {
        from_toml(
            "products.toml",
            include_str!("../tests/fixtures/knowledge/products.toml"),
        )
        .unwrap()
        .remove(0)
    }

    #[test]
    fn answers_what_was_asked_with_the_reason_and_an_alternative() {
        let p = cup();
        let (a, m) = answer(&p, "保温杯可以装碳酸饮料吗？", Lang::Zh).unwrap();
        assert!(
            a.contains("不建议装碳酸饮料") && a.contains("顶开杯盖") && a.contains("可以看看"),
            "{a}"
        );
        assert_eq!(m, vec!["装碳酸饮料".to_string()]);
        let (b, _) = answer(&p, "你好，这个保温杯能直接装开水吗？", Lang::Zh).unwrap();
        assert!(
            b.contains("可以装开水") && b.contains("耐高温") && b.contains("搭配"),
            "{b}"
        );
        // Nothing specific: who it is for.
        let (c, m) = answer(&p, "这个杯子怎么样", Lang::Zh).unwrap();
        assert!(
            c.contains("适合") && c.contains("不建议") && m.is_empty(),
            "{c}"
        );
    }

    #[test]
    fn an_alternative_without_a_reason_is_offered_without_empty_brackets() {
        let mut p = cup();
        p.alternatives[0].why.clear();
        let (zh, _) = answer(&p, "能装可乐吗", Lang::Zh).unwrap();
        assert!(zh.ends_with("可以看看玻璃冷水杯 600ml。"), "{zh}");
        let (en, _) = answer(&p, "能装可乐吗", Lang::En).unwrap();
        assert!(en.ends_with("have a look at the 玻璃冷水杯 600ml."), "{en}");
    }

    #[test]
    fn the_product_is_found_on_the_page_or_in_the_question() {
        let list = vec![cup()];
        let mut conv = Conversation::from_turns(&[(Role::Customer, "能放洗碗机吗".into())]);
        assert!(find(&list, &conv).is_none());
        conv.order = Some(Order {
            product: Some("316不锈钢保温杯 500ml 白色".into()),
            ..Default::default()
        });
        assert_eq!(
            find(&list, &conv).map(|p| p.name.as_str()),
            Some("316不锈钢保温杯 500ml")
        );
        let by_name = Conversation {
            messages: vec![Message {
                role: Role::Customer,
                text: "你们的保温杯能放洗碗机吗".into(),
                time: None,
                id: None,
            }],
            ..Default::default()
        };
        assert!(find(&list, &by_name).is_some());
    }

    #[test]
    fn bad_product_files_say_what_is_wrong() {
        let e = from_json(r#"[{"name":" ","suits":[]}]"#)
            .unwrap_err()
            .to_string();
        assert!(e.contains("name is empty"), "{e}");
        let e = from_toml(
            "p.toml",
            "[[product]]\nname = \"x\"\n[[product.suits]]\nwhy = \"y\"\n",
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("p.toml"), "{e}");
        assert!(from_json("").unwrap().is_empty());
    }

    #[test]
    fn the_panel_reads_the_options_pages_products_as_serde_reads_them() {
        let all = from_toml(
            "products.toml",
            include_str!("../tests/fixtures/knowledge/products.toml"),
        )
        .unwrap();
        let stored = serde_json::to_string(&all).unwrap();
        let read = crate::json_lite::assert_reads_as_serde::<Vec<Product>>(&[
            &stored,
            r#"[{"name":"杯子"}]"#,
            r#"[{"name":"杯子","suits":[{"what":"开水"}],"bundles":[{"name":"杯套"}],"x":1}]"#,
            r#"[{"name":"杯子","suits":[{"why":"耐高温"}]}]"#,
            r#"[{"name":"杯子","aliases":"杯"}]"#,
            r#"[{"name":"杯子","alternatives":[{"name":"壶","instead_of":[1]}]}]"#,
            r#"{"name":"杯子"}"#,
            "[",
        ]);
        assert_eq!(read, 3);
        assert_eq!(from_json(&stored).unwrap(), all);
    }
}
