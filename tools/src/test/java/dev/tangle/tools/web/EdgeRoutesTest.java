package dev.tangle.tools.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.tangle.tools.cli.Service;

class EdgeRoutesTest {

    @Test
    void eachApiPrefixGoesToTheServiceThatOwnsIt() {
        assertThat(EdgeRoutes.serviceFor("/v1/ws?access_token=x")).contains(Service.SOCKET_SERVER);
        assertThat(EdgeRoutes.serviceFor("/v1/ws")).contains(Service.SOCKET_SERVER);
        assertThat(EdgeRoutes.serviceFor("/v1/media/123/content?variant=thumb")).contains(Service.MEDIA_SERVICE);
        assertThat(EdgeRoutes.serviceFor("/v1/uploads")).contains(Service.MEDIA_SERVICE);
        assertThat(EdgeRoutes.serviceFor("/v1/location/live")).contains(Service.GEO_SERVICE);
        assertThat(EdgeRoutes.serviceFor("/v1/places/1/watch")).contains(Service.GEO_SERVICE);
        assertThat(EdgeRoutes.serviceFor("/v1/safety/sos")).contains(Service.GEO_SERVICE);
        assertThat(EdgeRoutes.serviceFor("/v1/map?bbox=1,2,3,4&zoom=3")).contains(Service.GEO_SERVICE);
        assertThat(EdgeRoutes.serviceFor("/v1/auth/login")).contains(Service.API_SERVER);
        assertThat(EdgeRoutes.serviceFor("/v1/conversations/1/messages")).contains(Service.API_SERVER);
        assertThat(EdgeRoutes.serviceFor("/.well-known/jwks.json")).contains(Service.API_SERVER);
    }

    @Test
    void lookAlikePrefixesAndClientPathsAreNotProxied() {
        assertThat(EdgeRoutes.serviceFor("/v1/mediakit")).contains(Service.API_SERVER);
        assertThat(EdgeRoutes.serviceFor("/v1/wsx")).contains(Service.API_SERVER);
        assertThat(EdgeRoutes.serviceFor("/v10/x")).isEmpty();
        assertThat(EdgeRoutes.serviceFor("/")).isEmpty();
        assertThat(EdgeRoutes.serviceFor("/assets/index.js")).isEmpty();
        assertThat(EdgeRoutes.serviceFor("/health/ready")).isEmpty();
    }
}
