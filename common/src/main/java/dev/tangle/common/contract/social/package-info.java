/**
 * The social-graph contract owned by api-server: {@link dev.tangle.common.contract.social.SocialContract} (the
 * {@code tangle.svc.social.*} operations) and the payloads of the user-directed social events
 * ({@link dev.tangle.common.contract.social.SocialEventData}).
 */
package dev.tangle.common.contract.social;
