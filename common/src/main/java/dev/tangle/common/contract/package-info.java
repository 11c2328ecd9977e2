/**
 * Request/reply contracts between services that live in different modules: the {@code Operation} constants and
 * their request and reply records, declared once here so the serving and the calling module share them.
 * {@link dev.tangle.common.contract.GeoContract} is served by geo-service, {@link dev.tangle.common.contract.AudienceContract}
 * by api-server for geo-service.
 */
package dev.tangle.common.contract;
