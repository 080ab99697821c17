package dev.originedge.origin;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The origins a request tries, in order: the POP's preference list, the fastest first when
 * {@code edge.selection=fastest}, and ejected origins last (tried only when nothing else is left).
 */
@ApplicationScoped
public class OriginOrder {

    private final OriginSelector selector;
    private final LatencyRanking ranking;
    private final OriginHealth health;

    @Inject
    public OriginOrder(OriginSelector selector, LatencyRanking ranking, OriginHealth health) {
        this.selector = selector;
        this.ranking = ranking;
        this.health = health;
    }

    public List<Origin> attempts(String pop) {
        return health.usableFirst(ranking.order(selector.select(pop)));
    }
}
