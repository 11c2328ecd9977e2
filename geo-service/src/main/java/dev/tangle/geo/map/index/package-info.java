/**
 * The memory-map index (docs/adr/0095): in memory, primitive arrays, per-viewer visibility built into its layout
 * (author layers, group layers, one public grid pyramid with distinct-author counts), grid-cell clusters per zoom.
 * Invariants: a grid cell is one contiguous range of Morton codes at every level; a query never counts an item
 * twice; strangers' public items are counted only in cells with at least {@code k} distinct stranger authors.
 */
package dev.tangle.geo.map.index;
