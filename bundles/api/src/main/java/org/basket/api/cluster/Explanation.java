package org.basket.api.cluster;

import java.util.List;
import java.util.Objects;

/**
 * Why a resource runs where it does, in the scheduler's own terms: each host's score at the resource's turn in
 * the assignment (higher priority first, then running resources, then by name), the terms that make it up, and the
 * host the scheduler picks.
 *
 * @param resource     the resource
 * @param runsOn       the hosts it is observed active on, sorted; empty when it does not run
 * @param picked       the host the scheduler places it on, or empty when it places it nowhere
 * @param scoredAs     the resource whose scores these are: the resource itself, or for a guest service its VM
 * @param hosts        every configured host's score, by host name; empty when the resource is not placed by score
 *                     (disabled, in maintenance, left on a host Basket must not touch)
 * @param placedBefore the resources placed before its turn, in that order: only their hosts count in its colocations
 * @param notes        the scheduler's notes about it and how the pick was made (ties, later drops)
 */
public record Explanation(String resource, List<String> runsOn, String picked, String scoredAs, List<HostScore> hosts,
                          List<String> placedBefore, List<String> notes) {

    /**
     * One host's score for the resource.
     *
     * @param host     the host
     * @param score    the sum of the terms, saturating at +/-INFINITY; -INFINITY means the host cannot take it
     * @param terms    what makes up the score, in the scheduler's order
     * @param resident how many resources were placed on the host before: of equal scores, the fewest wins
     */
    public record HostScore(String host, int score, List<Term> terms, int resident) {
        public HostScore {
            Objects.requireNonNull(host, "host");
            terms = List.copyOf(terms);
        }
    }

    /**
     * One term of a score.
     *
     * @param what  for a human: "stickiness: runs here", "location db-on-node1", "anti-affinity apart: runs app2", ...
     * @param score what it adds (+/-INFINITY saturate; -INFINITY wins)
     */
    public record Term(String what, int score) {
        public Term {
            Objects.requireNonNull(what, "what");
        }
    }

    public Explanation {
        Objects.requireNonNull(resource, "resource");
        runsOn = List.copyOf(runsOn);
        picked = picked == null ? "" : picked;
        scoredAs = scoredAs == null ? resource : scoredAs;
        hosts = List.copyOf(hosts);
        placedBefore = List.copyOf(placedBefore);
        notes = List.copyOf(notes);
    }
}
