/**
 * Places (circles owned by a user or a group), watches ("tell me about these users at this place") and the
 * arrived/left tracker: a JTS quadtree over every place's envelope finds the candidates of an update, hysteresis
 * (enter at r, leave beyond r + margin) and an optional dwell time stop GPS jitter from flapping, and every
 * transition is a compare-and-set on {@code place_presence}, so it is announced once whatever instance saw it.
 * Approximate watchers are compared with the grid cell, never the exact point.
 */
package dev.tangle.geo.place;
