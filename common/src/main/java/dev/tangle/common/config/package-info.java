/**
 * Typed configuration. Every key has a default and a one-line doc on the record that reads it; environment
 * variables ({@code TANGLE_*}) override {@code application.yaml}; bad values fail start-up naming the key.
 */
package dev.tangle.common.config;
