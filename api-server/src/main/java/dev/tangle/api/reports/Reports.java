package dev.tangle.api.reports;

import dev.tangle.common.auth.TokenVerifier;
import dev.tangle.common.http.Feature;
import dev.tangle.common.http.ServiceInfra;
import io.helidon.webserver.http.HttpRouting;

/** Reports by users wired together; operators handle them through the admin feature. */
public record Reports(ReportService service) implements Feature {

    public static Reports start(ServiceInfra infra) {
        return new Reports(new ReportService(infra.db(), new ReportRepository()));
    }

    @Override
    public void routing(HttpRouting.Builder routing, TokenVerifier verifier) {
        routing.register(new ReportHttpService(verifier, service));
    }
}
