package dev.originedge.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import dev.originedge.config.EdgeConfig;
import dev.originedge.origin.OriginHealth;
import dev.originedge.origin.OriginSelector;
import dev.originedge.origin.Origins;
import dev.originedge.pop.PopResolver;

/**
 * Ready while at least one origin is usable (not ejected by passive health). The app does not start with an
 * invalid configuration, so a running instance has validated origins. (Shutdown has its own check from
 * Quarkus, {@code quarkus.shutdown.delay-enabled}, DOWN from the moment SIGTERM arrives.)
 * Reports the POP, its preferred origin and each origin's state; never a credential, and bucket hosts only with
 * {@code edge.health.show-hosts=true} (for a health endpoint the public cannot reach).
 */
@Readiness
@ApplicationScoped
public class OriginsReadiness implements HealthCheck {

    @Inject
    OriginHealth health;
    @Inject
    OriginSelector selector;
    @Inject
    PopResolver pops;
    @Inject
    Origins origins;
    @Inject
    EdgeConfig config;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("origins")
                .status(health.anyUsable())
                .withData("pop", pops.deploymentPop())
                .withData("origin", selector.primary(pops.deploymentPop()).name());
        health.states().forEach((name, state) -> response.withData("origins." + name, state));
        if (config.health().showHosts()) {
            origins.all().forEach((name, origin) -> response.withData("hosts." + name, origin.hostHeader()));
        }
        return response.build();
    }
}
