package dev.originedge.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import dev.originedge.origin.OriginSelector;
import dev.originedge.origin.Origins;
import dev.originedge.pop.PopResolver;

/**
 * Ready once the configuration has been validated: the origins and the POP map were built (the app does not
 * start otherwise). Reports where this instance sends traffic by default, never credentials.
 */
@Readiness
@ApplicationScoped
public class ConfigurationReadiness implements HealthCheck {

    @Inject
    Origins origins;
    @Inject
    OriginSelector selector;
    @Inject
    PopResolver pops;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("configuration")
                .status(!origins.all().isEmpty())
                .withData("pop", pops.deploymentPop())
                .withData("origin", selector.primary(pops.deploymentPop()).name());
        origins.all().forEach((name, origin) -> response.withData("origins." + name, origin.hostHeader()));
        return response.build();
    }
}
