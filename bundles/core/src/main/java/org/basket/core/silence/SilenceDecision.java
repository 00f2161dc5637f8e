package org.basket.core.silence;

/** An action with the reason to log or show. */
public record SilenceDecision(SilenceAction action, String reason) {

    static SilenceDecision nothing(String reason) {
        return new SilenceDecision(SilenceAction.NOTHING, reason);
    }
}
