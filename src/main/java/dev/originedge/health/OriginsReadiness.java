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
 * Readiness is about this instance: it is up (the app does not start with an invalid configuration) and not
 * shutting down (Quarkus' own check, {@code quarkus.shutdown.delay-enabled}, DOWN from the moment SIGTERM
 * arrives). So this check is always UP: origin trouble is shared by every instance, and a check that followed it
 * would take every pod out of the service at once in one outage, leaving nobody to fail over, serve the error
 * pages or see the origins recover. The origins' states are data: the POP, its preferred origin, whether any
 * origin is usable and each origin's state; never a credential, and bucket hosts only with
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
                .up()
                .withData("any-origin-usable", health.anyUsable())
                .withData("pop", pops.deploymentPop())
                .withData("origin", selector.primary(pops.deploymentPop()).name());
        health.states().forEach((name, state) -> response.withData("origins." + name, state));
        if (config.health().showHosts()) {
            origins.all().forEach((name, origin) -> response.withData("hosts." + name, origin.hostHeader()));
        }
        return response.build();
    }
}
