// Generated from src/profile.rs by `cargo test` (UPDATE_PROTOCOL=1 rewrites it). Do not edit.

export type SenderSelectors = { name?: Array<string>, buyer?: Array<string>, };

export type RoleSelectors = { customer?: Array<string>, agent?: Array<string>, bot?: Array<string>, system?: Array<string>, sender?: SenderSelectors, };

export type OrderSelectors = { id?: Array<string>, product?: Array<string>, amount?: Array<string>, paid_at?: Array<string>, shipped_at?: Array<string>, delivered_at?: Array<string>, };

export type CustomerSelectors = { orders_count?: Array<string>, total_spent?: Array<string>, member_since?: Array<string>, };

export type SiteProfile = { 
/**
 * Lower-case letters, digits, "-" and "_".
 */
id: string, name: string, 
/**
 * Set on profiles the agent taught Duxin (the element picker).
 */
taught?: boolean, 
/**
 * Parts of the address the profile is for ("mms.pinduoduo.com/chat").
 */
urls?: Array<string>, 
/**
 * Selectors that, when they find something, say the page is this console.
 */
detect?: Array<string>, 
/**
 * The open conversation's list.
 */
container: Array<string>, 
/**
 * One message in the list (from the list; `:scope > x` for its children only).
 */
item: Array<string>, 
/**
 * The message's text in an item (`:scope`: the whole item).
 */
text: Array<string>, 
/**
 * The reply box.
 */
composer: Array<string>, time?: Array<string>, customer_name?: Array<string>, 
/**
 * Product and order cards in the list: not messages.
 */
card?: Array<string>, 
/**
 * Words that mark a robot's reply where nothing else does (此消息由机器人自动回复).
 */
bot_text?: Array<string>, role?: RoleSelectors, order?: OrderSelectors, customer?: CustomerSelectors, };

