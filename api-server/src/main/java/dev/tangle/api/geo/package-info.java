/**
 * What api-server answers for geo-service over NATS ({@code dev.tangle.common.contract.AudienceContract}): who a
 * location share may reach, and the direct conversation of an SOS message. Depends on social and chat; nothing
 * depends on it but the composition root.
 */
package dev.tangle.api.geo;
