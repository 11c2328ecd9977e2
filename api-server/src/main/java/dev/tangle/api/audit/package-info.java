/**
 * The audit log: an append-only table of security-relevant actions (logins and failures, refresh-token reuse,
 * logout-all, role changes, kicks, moderator deletions, bans, webhook changes, every admin action) with actor,
 * target, client IP, user agent and time, readable by operators only (docs/adr/0111).
 */
package dev.tangle.api.audit;
