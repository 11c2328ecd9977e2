/**
 * The one error model: {@link dev.tangle.common.error.ApiException} values built by
 * {@link dev.tangle.common.error.Problems} and mapped to problem+json in
 * {@link dev.tangle.common.error.ProblemHandlers}; errors Helidon answers before routing go through
 * {@link dev.tangle.common.error.ProblemDirectHandler}. Handlers never write error bodies themselves.
 */
package dev.tangle.common.error;
