// Generated from src/shapes.rs by `cargo test` (UPDATE_PROTOCOL=1 rewrites it). Do not edit.
import type { Intent, Lang } from "./protocol";

export type Policy = { return_window_days: number | null, refund_limit: number | null, price_protection_days: number | null, dispatch_hours: number | null, grey_zone_days: number | null, 
/**
 * Who approves exceptions; not set, a supervisor.
 */
approver_zh: string, approver_en: string, free_compensation: number | null, currency: string, };

export type CustomReply = { id: string, lang: Lang, intent: Intent, text: string, };

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

export type GuardSettings = { 
/**
 * Rule ids switched off.
 */
off: Array<string>, 
/**
 * The shop's own words to avoid, each with what to say instead (may be empty).
 */
words: Array<OwnWord>, };

export type GuardDay = { day: number, sent: number, platform: number, tone: number, facts: number, fixes: number, };

export type Write = { 
/**
 * The panel's id and a sequence number: the database keeps a write once.
 */
wid: string, 
/**
 * One of `store.TABLES`.
 */
table: string, 
/**
 * The record, as JSON (made in the core).
 */
json: string, };

export type DbRequest = { "op": "write", writes: Array<Write>, } | { "op": "panel-state" };

export type WriteAnswer = { done: Array<string>, failed?: string, error?: string, };

export type PanelState = { learned: string, style: string, products: string, kb_custom: string, shown: string, guard_days: string, pruned: number, };

export type DbError = { error: string, };

