/**
 * The one Jackson mapper, JSON request bodies with validating accessors, and the text rule every text input
 * obeys ({@link dev.tangle.common.json.TextRules}, checked on every parsed body: docs/adr/0061).
 */
package dev.tangle.common.json;
