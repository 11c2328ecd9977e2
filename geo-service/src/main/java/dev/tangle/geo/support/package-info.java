/**
 * What every geo feature uses: the fixed approximate grid ({@link dev.tangle.geo.support.GeoGrid}), distances,
 * the api-server client, user pushes and the event/notification helpers, the metrics. Nothing here logs
 * coordinates.
 */
package dev.tangle.geo.support;
