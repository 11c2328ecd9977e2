/**
 * Read markers, receipts and the hide-receipts setting.
 */
package dev.tangle.api.chat.read;
