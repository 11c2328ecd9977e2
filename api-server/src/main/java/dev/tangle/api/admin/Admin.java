package dev.tangle.api.admin;

import dev.tangle.api.audit.AuditLog;
import dev.tangle.api.chat.message.MessageService;
import dev.tangle.api.community.Community;
import dev.tangle.api.identity.Identity;
import dev.tangle.api.reports.ReportService;
import dev.tangle.common.auth.TokenVerifier;
import dev.tangle.common.http.Feature;
import dev.tangle.common.http.ServiceInfra;
import io.helidon.webserver.http.HttpRouting;

/**
 * The operators' feature wired together: bans, removals, reports and the audit log.
 *
 * @param service bans and removals
 * @param reports the reports operators handle
 * @param audit   what operators did
 */
public record Admin(AdminService service, ReportService reports, AuditLog audit) implements Feature {

    public static Admin start(ServiceInfra infra, AdminConfig config, Identity identity, Community community,
                              MessageService messages, ReportService reports) {
        AuditLog audit = new AuditLog(infra.db());
        AdminService service = new AdminService(infra.db(), infra.outbox(), new AdminRepository(), identity.bans(),
                identity.sessions(), community.posts(), community.comments(), messages, infra.nats().connection(),
                config.operators());
        return new Admin(service, reports, audit);
    }

    @Override
    public void routing(HttpRouting.Builder routing, TokenVerifier verifier) {
        routing.register(new AdminHttpService(verifier, service, reports, audit));
    }
}
