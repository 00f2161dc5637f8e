package org.basket.driver.zvm.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.basket.api.model.HostCondition;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The SSI cluster as one member sees it ({@code GET /host/ssi}: SMAPI SSI_Query's {@code key = value} lines, empty for
 * a z/VM system outside SSI): a host condition {@code ssi} while the cluster is not stable or a member is not joined,
 * since z/VM then may refuse to log that member's guests on elsewhere.
 */
final class SsiState {
    private SsiState() {
    }

    static Optional<HostCondition> condition(JsonNode lines) {
        String name = "";
        String mode = "";
        String member = null;
        List<String> notJoined = new ArrayList<>();
        for (JsonNode line : lines) {
            String[] kv = line.asText().split("=", 2);
            if (kv.length != 2) {
                continue;
            }
            String key = kv[0].trim();
            String value = kv[1].trim();
            switch (key) {
                case "ssi_name" -> name = value;
                case "ssi_mode" -> mode = value;
                case "member_system_id" -> member = value;
                case "member_state" -> {
                    if (member != null && !member.isEmpty() && !value.equalsIgnoreCase("Joined")) {
                        notJoined.add(member + " is " + value);
                    }
                }
                default -> { }
            }
        }
        if (mode.isEmpty() || (mode.equalsIgnoreCase("Stable") && notJoined.isEmpty())) {
            return Optional.empty();
        }
        return Optional.of(new HostCondition("ssi", "SSI cluster " + name + " is in mode " + mode
                + (notJoined.isEmpty() ? "" : "; member " + String.join(", member ", notJoined))
                + ": z/VM may refuse to log that member's guests on elsewhere until it is known down"));
    }
}
