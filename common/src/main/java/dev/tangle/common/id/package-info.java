/**
 * UUIDv7 ids and their parsing.
 */
package dev.tangle.common.id;
