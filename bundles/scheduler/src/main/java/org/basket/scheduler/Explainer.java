package org.basket.scheduler;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.basket.api.cluster.Explanation;
import org.basket.api.model.ClusterConfig;
import org.basket.api.model.ClusterState;
import org.basket.api.model.Constraint;
import org.basket.api.model.HostState;
import org.basket.api.model.Resource;
import org.basket.api.model.ResourceStatus;
import org.basket.api.model.Score;

/**
 * Why a resource runs where it does: each host's score at the resource's turn in the placement, the terms that make
 * it up (host state, capacity, failure threshold, stickiness, location and attribute rules, colocation and
 * anti-affinity with named resources), and the host the scheduler picks. The scores and the pick are the placement's own.
 */
public final class Explainer {
    private final SchedulerOptions options;

    public Explainer() {
        this(Scheduler.DEFAULT_STICKINESS);
    }

    /** @param stickiness the scheduler's, see {@link Scheduler#Scheduler(int)} */
    public Explainer(int stickiness) {
        this(SchedulerOptions.of(stickiness));
    }

    public Explainer(SchedulerOptions options) {
        this.options = options;
    }

    /** @throws IllegalArgumentException if the configuration does not name the resource */
    public Explanation explain(ClusterConfig config, ClusterState state, String resource) {
        return explain(config, state, resource, null);
    }

    /**
     * As planned at {@code now} (null: no fail count expires).
     *
     * @throws IllegalArgumentException if the configuration does not name the resource
     */
    public Explanation explain(ClusterConfig config, ClusterState state, String resource, Instant now) {
        return explain(new PlanInput(config, state, now, options), resource);
    }

    /**
     * As the plan made from {@code input} places it.
     *
     * @throws IllegalArgumentException if the configuration does not name the resource
     */
    public Explanation explain(PlanInput input, String resource) {
        ClusterConfig config = input.config();
        ClusterState state = input.state();
        Instant now = input.now();
        SchedulerOptions options = input.options();
        WhatIf.requireResource(config, resource);
        Resource configured = config.resources().get(resource);
        Plan plan = new Scheduler(options).plan(config, state, now, options);
        String picked = plan.hostOf(resource).orElse("");
        String scoredAs = configured.hasContainer() ? configured.container() : resource;
        List<String> notes = new ArrayList<>();
        if (configured.hasContainer()) {
            notes.add(resource + " is a guest service: it runs where its VM " + scoredAs + " runs; the scores are "
                    + scoredAs + "'s");
        }
        notes.addAll(WhatIf.notesAbout(plan.transition(), resource));
        if (configured.hasContainer() && config.resources().containsKey(scoredAs)) {
            WhatIf.notesAbout(plan.transition(), scoredAs).forEach(n -> notes.add(scoredAs + ": " + n));
        }
        Placement.Scored scored = config.resources().containsKey(scoredAs)
                ? new Placement(config, state, options, now, new ArrayList<>()).explain(scoredAs) : null;
        List<Explanation.HostScore> hosts = new ArrayList<>();
        List<String> placedBefore = List.of();
        if (scored == null) {
            pinned(state, scoredAs, notes);
        } else {
            placedBefore = scored.placedBefore();
            for (Placement.HostScore host : scored.hosts()) {
                hosts.add(new Explanation.HostScore(host.host(), host.score(), host.terms().stream()
                        .map(t -> new Explanation.Term(t.what(), t.score())).toList(), host.resident()));
            }
            pick(scored, picked, notes);
            partnersPlacedLater(config, plan, scoredAs, placedBefore, notes);
        }
        return new Explanation(resource, state.resource(resource).activeOn(), picked, scoredAs, hosts, placedBefore,
                notes);
    }

    /** How the turn picked its host: alone at the top, or among equals by the fewest resources, then by name. */
    private static void pick(Placement.Scored scored, String picked, List<String> notes) {
        if (scored.picked() == null) {
            return; // no host can take it: the scheduler's note says why
        }
        Placement.HostScore best = scored.hosts().stream().filter(h -> h.host().equals(scored.picked())).findFirst()
                .orElseThrow();
        List<String> equals = scored.hosts().stream().filter(h -> h != best && h.score() == best.score())
                .map(Placement.HostScore::host).toList();
        String score = Score.format(best.score());
        if (equals.isEmpty()) {
            notes.add(best.host() + " has the highest score (" + score + ")");
        } else {
            notes.add(best.host() + " ties at " + score + " with " + String.join(", ", equals) + " and has the fewest"
                    + " resources placed before it (" + best.resident() + "), then comes first by name");
        }
        if (picked.isEmpty()) {
            notes.add("its turn picked " + best.host() + ", but it is not placed after all: see the notes above");
        }
    }

    /**
     * Anti-affinity partners placed after the resource's turn do not show in its scores: they keep away from it
     * on their own turn. Says so, and where they went.
     */
    private static void partnersPlacedLater(ClusterConfig config, Plan plan, String resource, List<String> placedBefore,
                                            List<String> notes) {
        for (Constraint.Colocation pair : ConfigValidator.colocationPairs(config)) {
            if (!pair.antiAffinity() || !pair.resource().equals(resource) && !pair.with().equals(resource)) {
                continue;
            }
            String partner = pair.resource().equals(resource) ? pair.with() : pair.resource();
            if (!placedBefore.contains(partner) && !partner.equals(resource)) {
                notes.add(resource + " never shares a host with " + partner + " (" + pair.name() + "): " + partner
                        + " is placed after this turn" + plan.hostOf(partner).map(h -> ", on " + h
                        + ", so " + resource + " can never go there while " + partner + " runs on it").orElse(""));
            }
        }
    }

    /** A resource that is not placed by score: left as it is, or not placed at all. */
    private static void pinned(ClusterState state, String resource, List<String> notes) {
        ResourceStatus status = state.resource(resource);
        for (String host : status.activeOn()) {
            HostState hostState = state.hostState(host);
            if (hostState.isHandsOff()) {
                notes.add(resource + " stays on " + host + ", which is " + hostState.name().toLowerCase(Locale.ROOT)
                        + ": Basket leaves it as it is");
            }
        }
    }
}
