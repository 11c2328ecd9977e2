/**
 * Ordered start and shutdown of a service's parts.
 */
package dev.tangle.common.lifecycle;
