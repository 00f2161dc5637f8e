package org.basket.api.coordination;

import java.time.Instant;
import java.util.Objects;

/**
 * One manager taking part in the coordination, as it last published itself.
 *
 * @param id      the manager id
 * @param leader  whether it holds the leadership (ELECTED or LEADER)
 * @param kind    the role it last published
 * @param epoch   the epoch of that role (0 if none)
 * @param since   when it entered that role
 * @param session its ZooKeeper session id in hex (empty when embedded)
 */
public record Member(String id, boolean leader, Role.Kind kind, long epoch, Instant since, String session) {
    public Member {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(session, "session");
    }
}
