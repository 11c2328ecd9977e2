/**
 * {@code /health/live} and {@code /health/ready} with the checks of a service.
 */
package dev.tangle.common.health;
