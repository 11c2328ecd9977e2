/**
 * geo-service: the composition root ({@link dev.tangle.geo.Main}), its configuration and its features —
 * live location sharing, places and safety ({@link dev.tangle.geo.LiveFeature}: packages {@code share},
 * {@code location}, {@code place}, {@code safety}, {@code support}) and the memory map ({@code map}).
 */
package dev.tangle.geo;
