// Generated from src/kinds.rs by `cargo test` (UPDATE_PROTOCOL=1 rewrites it). Do not edit.
// @ts-check

/** The cue kinds, in the core's order (`CueKind::ALL`). @type {readonly import("./protocol").CueKind[]} */
export const CUE_KINDS = ["anger", "anxiety", "distrust", "disappointment", "sadness", "confusion", "gratitude", "joy", "threat"];

/** What a customer may want, in the core's order (`Intent::ALL`). @type {readonly import("./protocol").Intent[]} */
export const INTENTS = ["logistics", "return", "refund", "exchange", "size_fit", "product_question", "price", "invoice", "payment", "address_change", "cancellation", "complaint", "warranty", "human_agent", "account", "order_change", "review", "greeting", "thanks", "other"];
