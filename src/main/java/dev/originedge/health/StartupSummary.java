package dev.originedge.health;

import java.util.StringJoiner;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.originedge.config.EdgeConfig;
import dev.originedge.origin.Origin;
import dev.originedge.origin.OriginSelector;
import dev.originedge.origin.Origins;
import dev.originedge.pop.PopResolver;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;

/**
 * One INFO line at start-up with the effective configuration, so that an operator sees what this instance
 * does without reading its settings (never a secret: "signed" says whether credentials are set, not which);
 * and a WARN when clients may choose the region in production.
 */
@ApplicationScoped
public class StartupSummary {

    private static final Logger LOG = Logger.getLogger(StartupSummary.class);

    @Inject
    EdgeConfig config;
    @Inject
    Origins origins;
    @Inject
    OriginSelector selector;
    @Inject
    PopResolver pops;

    void log(@Observes StartupEvent ignored) {
        StringJoiner list = new StringJoiner("; ");
        for (Origin o : origins.all().values()) {
            list.add(o.name() + " " + o.provider().configName() + " " + (o.tls() ? "https://" : "http://")
                    + o.hostHeader() + o.pathPrefix() + (o.provider().s3Api() ? " region " + o.region() : "")
                    + " " + o.access().describe() + (o.forwardQuery() ? " query forwarded" : "")
                    + (o.connectHost().equals(o.serverName()) ? ""
                            : " via " + o.connectHost() + ":" + o.connectPort()));
        }
        String pop = pops.deploymentPop();
        LOG.infof("Origin Edge at POP %s (origins in order: %s); %d POPs mapped; selection %s; timeouts: connect "
                + "%d ms, headers %d ms, idle %d ms; failover on %s; event loops %s; origins: %s", pop,
                selector.select(pop).stream().map(Origin::name).toList(), selector.size(),
                config.selection().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
                config.connectTimeout().toMillis(), config.originTimeout().toMillis(), config.idleTimeout().toMillis(),
                new java.util.TreeSet<>(config.failover().statuses()),
                org.eclipse.microprofile.config.ConfigProvider.getConfig()
                        .getOptionalValue("quarkus.vertx.event-loops-pool-size", String.class).orElse("default"),
                list);
        EdgeConfig.ResponseConfig response = config.response();
        LOG.infof("Static site: index document %s; directory redirects %s; fallback document %s; error pages for "
                + "%s; %d cache rules; stripped headers %s, kept %s, added %s",
                config.site().indexDocument().filter(d -> !d.isBlank()).orElse("off"),
                config.site().directoryRedirect() ? "on" : "off",
                config.site().fallbackDocument().filter(d -> !d.isBlank()).orElse("none"),
                new java.util.TreeSet<>(config.errors().keySet()), config.cache().rules().size(),
                response.stripHeaders().orElse(java.util.List.of()), response.keepHeaders().orElse(java.util.List.of()),
                response.addHeaders().keySet());
        EdgeConfig.CacheConfig cache = config.cache();
        if (cache.enabled()) {
            LOG.infof("Edge cache: %d MiB of bodies, objects up to %d KiB; default ttl %d s, negative ttl %d s",
                    cache.maxSize().asLongValue() >> 20, cache.maxObjectSize().asLongValue() >> 10,
                    cache.defaultTtl().toSeconds(), cache.negativeTtl().toSeconds());
        } else {
            LOG.info("Edge cache: off (edge.cache.enabled=false)");
        }
        if (config.pop().queryParamEnabled() && LaunchMode.current() == LaunchMode.NORMAL) {
            LOG.warn("edge.pop.query-param-enabled is true: any client can choose the POP, and so the region, "
                    + "with ?pop=; set it to false in production (the Knative manifest does)");
        }
    }
}
