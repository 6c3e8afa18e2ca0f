// Generated from src/team.rs by `cargo test` (UPDATE_PROTOCOL=1 rewrites it). Do not edit.

export type Lang = "zh" | "en";

export type Intent = "logistics" | "return" | "refund" | "exchange" | "size_fit" | "product_question" | "price" | "invoice" | "payment" | "address_change" | "cancellation" | "complaint" | "warranty" | "human_agent" | "account" | "order_change" | "review" | "greeting" | "thanks" | "other";

export type Point = { 
/**
 * What, as a customer would ask it: "装开水、热茶", "carbonated drinks". Split on 、，,/ into
 * terms that are looked for in the question.
 */
what: string, 
/**
 * Why, in one clause: "316不锈钢内胆，耐高温".
 */
why: string, 
/**
 * More words customers use for it ("多久", "how long").
 */
ask: Array<string>, };

export type Related = { name: string, why: string, 
/**
 * For alternatives: the `what`s of the points it answers (empty: any).
 */
instead_of: Array<string>, };

export type Product = { 
/**
 * As the page shows it (order card, product link).
 */
name: string, 
/**
 * Shorter names customers use: "保温杯", "the bottle".
 */
aliases: Array<string>, suits: Array<Point>, not_suits: Array<Point>, alternatives: Array<Related>, bundles: Array<Related>, };

export type OwnWord = { word: string, fix: string, };

export type Settings = { 
/**
 * Rule ids switched off.
 */
off: Array<string>, 
/**
 * The shop's own words to avoid, each with what to say instead (may be empty).
 */
words: Array<OwnWord>, };

export type TeamPack = { 
/**
 * Always `duxin-team-pack`.
 */
format: string, 
/**
 * The pack schema version ([`VERSION`]).
 */
version: number, 
/**
 * The shop policy (the fields of `data/knowledge/policy.toml`); absent, an import keeps the
 * agent's. Kept as JSON so that a pack compares field by field whatever the build.
 */
policy: Record<string, number | string | null> | null, 
/**
 * The shop's own replies.
 */
replies: Array<{ id: string, lang: Lang, intent: Intent, text: string }>, 
/**
 * Product facts.
 */
products: Array<Product>, 
/**
 * Taught site profiles by host (as `profile:<host>` in chrome.storage.local; checked by
 * `profile-check.js` before they are stored).
 */
sites: Record<string, Record<string, unknown>>, 
/**
 * The draft check: rules switched off and the shop's own words.
 */
guard: Settings, };

export type Changes = { added: Array<string>, changed: Array<string>, removed: Array<string>, };

export type PackDiff = { policy: Changes, replies: Changes, products: Changes, sites: Changes, guard: Changes, };

export type PackKeys = { replies: Array<string>, products: Array<string>, sites: Array<string>, };

export type Exported = { pack: TeamPack, 
/**
 * FNV-1a over the canonical JSON, 16 hex digits.
 */
hash: string, 
/**
 * Its first 8 digits, what Options shows.
 */
short: string, };

export type ImportPlan = { hash: string, short: string, diff: PackDiff, 
/**
 * The agent's state after the import: the pack, plus what is theirs.
 */
result: TeamPack, 
/**
 * What this pack brought (kept for the next import).
 */
keys: PackKeys, };

