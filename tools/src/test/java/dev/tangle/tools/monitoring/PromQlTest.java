package dev.tangle.tools.monitoring;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PromQlTest {

    @Test
    void findsMetricNamesButNotFunctionsLabelsOrVariables() {
        assertThat(PromQl.metricNames("histogram_quantile(0.99, sum by (le, route) (rate(tangle_api_http_requests_seconds_bucket"
                                      + "{status=~\"5..\", job=\"api\"}[$__rate_interval])))"))
                .containsExactly("tangle_api_http_requests_seconds_bucket");
        assertThat(PromQl.metricNames("max by (job, instance, pool) (hikaricp_connections_pending) > 0 and on (job, instance, pool) "
                                      + "(hikaricp_connections_active >= hikaricp_connections_max)"))
                .containsExactly("hikaricp_connections_active", "hikaricp_connections_max", "hikaricp_connections_pending");
        assertThat(PromQl.metricNames("tangle:http_error_ratio:rate1h > (14.4 * 0.001) or up{job=~\"a|b\"} == 0"))
                .containsExactly("tangle:http_error_ratio:rate1h", "up");
        assertThat(PromQl.metricNames("sum(x_total offset 5m) / 1e3")).containsExactly("x_total");
    }
}
