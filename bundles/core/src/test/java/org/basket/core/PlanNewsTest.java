package org.basket.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;

import org.basket.api.model.Capacity;
import org.basket.api.model.ClusterConfig;
import org.basket.api.model.Constraint;
import org.basket.api.model.Resource;
import org.basket.api.plan.Action;
import org.basket.api.plan.Transition;
import org.junit.jupiter.api.Test;

/** Which news makes the plan in flight out of date: what it acts on or is tied to, news about everything, not the rest. */
class PlanNewsTest {
    private static final Capacity SMALL = new Capacity(1, 512);
    private static final ClusterConfig CONFIG = ClusterConfig.of(List.of(),
            List.of(Resource.vm("web", SMALL), Resource.vm("db", SMALL), Resource.vm("other", SMALL)),
            List.of(new Constraint.Order("db-before-web", "db", "web", true)));
    private static final Transition RESTART_WEB = new Transition(
            List.of(new Action.Start("web", "h1"), new Action.Migrate("db", "h2", "h3")), List.of(), List.of());
    private final PlanNews news = new PlanNews();

    @Test
    void newsAboutOtherHostsAndResourcesWaitsForTheNextTurn() {
        news.about("domain other crashed on h9", "h9", "other");
        news.about("host h8 lost contact", "h8", "");
        assertNull(news.concerning(RESTART_WEB, CONFIG, Map.of()).get());
    }

    @Test
    void newsAboutAHostOrResourceTheTransitionActsOnOrIsTiedToConcernsIt() {
        assertEquals("host h3 lost contact", concerning("host h3 lost contact", "h3", ""));
        assertEquals("domain web stopped on h7", concerning("domain web stopped on h7", "h7", "web"));
        news.clear();
        Transition startDb = new Transition(List.of(new Action.Start("db", "h1")), List.of(), List.of());
        news.about("domain web started on h5", "h5", "web");
        assertEquals("domain web started on h5", news.concerning(startDb, CONFIG, Map.of()).get(),
                "web is tied to db by a mandatory order");
    }

    @Test
    void newsAboutEverythingConcernsEveryTransition() {
        news.any("the configuration changed");
        assertEquals("the configuration changed", news.concerning(RESTART_WEB, CONFIG, Map.of()).get());
    }

    @Test
    void newsThatAPollOfItsHostBegunAfterItSawIsNoNewsToThePlan() {
        news.about("domain web crashed on h1", "h1", "web");
        long polledAt = news.mark();
        assertNull(news.concerning(RESTART_WEB, CONFIG, Map.of("h1", polledAt)).get());
        news.about("domain web stopped on h1", "h1", "web");
        assertEquals("domain web stopped on h1", news.concerning(RESTART_WEB, CONFIG, Map.of("h1", polledAt)).get());
    }

    @Test
    void aNewTurnStartsWithoutNews() {
        news.any("an operator request");
        news.clear();
        assertNull(news.concerning(RESTART_WEB, CONFIG, Map.of()).get());
    }

    private String concerning(String reason, String host, String resource) {
        news.clear();
        news.about(reason, host, resource);
        return news.concerning(RESTART_WEB, CONFIG, Map.of()).get();
    }
}
