// Generated from src/team.rs by `cargo test` (UPDATE_PROTOCOL=1 rewrites it). Do not edit.
import type { Intent, Lang } from "./protocol";
import type { GuardSettings as Settings, Product } from "./stored";

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

