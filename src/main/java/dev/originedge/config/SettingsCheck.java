package dev.originedge.config;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.runtime.Startup;
import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * Refuses, at start-up and naming the property, settings that would make the proxy misbehave later: zero or
 * negative timeouts (Vert.x reads 0 as "never"), impossible health or pool sizes, failover statuses that are
 * not error statuses. Origins and POPs are validated where they are resolved.
 */
@Startup
@ApplicationScoped
public class SettingsCheck {

    @Inject
    public SettingsCheck(EdgeConfig config) {
        validate(config);
    }

    public static void validate(EdgeConfig config) {
        positive("edge.connect-timeout", config.connectTimeout());
        positive("edge.origin-timeout", config.originTimeout());
        positive("edge.idle-timeout", config.idleTimeout());
        positive("edge.exchange-timeout", config.exchangeTimeout());
        positive("edge.request-header-timeout", config.requestHeaderTimeout());
        positive("edge.health.ejection-time", config.health().ejectionTime());
        positive("edge.health.max-ejection-time", config.health().maxEjectionTime());
        if (config.health().maxEjectionTime().compareTo(config.health().ejectionTime()) < 0) {
            throw new ConfigurationException("edge.health.max-ejection-time must not be shorter than "
                    + "edge.health.ejection-time");
        }
        atLeast("edge.health.consecutive-failures", config.health().consecutiveFailures(), 1);
        atLeast("edge.pool.max-connections", config.pool().maxConnections(), 1);
        atLeast("edge.pool.max-waiting", config.pool().maxWaiting(), 0);
        double ratio = config.fastest().exploreRatio();
        if (!(ratio >= 0 && ratio < 1)) {
            throw new ConfigurationException("edge.fastest.explore-ratio must be at least 0 and below 1, got " + ratio);
        }
        EdgeConfig.CacheConfig cache = config.cache();
        if (cache.maxSize().asLongValue() <= 0) {
            throw new ConfigurationException("edge.cache.max-size must be positive, got " + cache.maxSize().asLongValue());
        }
        if (cache.maxObjectSize().asLongValue() <= 0 || cache.maxObjectSize().asLongValue() > cache.maxSize().asLongValue()
                || cache.maxObjectSize().asLongValue() > Integer.MAX_VALUE) {
            throw new ConfigurationException("edge.cache.max-object-size must be positive and at most edge.cache.max-size, got "
                    + cache.maxObjectSize().asLongValue());
        }
        notNegative("edge.cache.default-ttl", cache.defaultTtl());
        notNegative("edge.cache.negative-ttl", cache.negativeTtl());
        for (int status : config.failover().statuses()) {
            if (status < 400 || status > 599) {
                throw new ConfigurationException("edge.failover.statuses must list 4xx or 5xx statuses, got " + status);
            }
        }
    }

    private static void positive(String property, Duration value) {
        if (value.isZero() || value.isNegative()) {
            throw new ConfigurationException(property + " must be positive, got " + value);
        }
    }

    private static void notNegative(String property, Duration value) {
        if (value.isNegative()) {
            throw new ConfigurationException(property + " must not be negative, got " + value);
        }
    }

    private static void atLeast(String property, int value, int minimum) {
        if (value < minimum) {
            throw new ConfigurationException(property + " must be at least " + minimum + ", got " + value);
        }
    }
}
