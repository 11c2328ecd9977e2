package dev.tangle.geo.support;

import io.helidon.webserver.http.HttpRouting;

/** One feature of geo-service started by {@code Main}: it registers its routes; its resources stop with the service. */
public interface GeoFeature {

    void routing(HttpRouting.Builder routing);
}
