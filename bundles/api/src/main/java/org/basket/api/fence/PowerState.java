package org.basket.api.fence;

public enum PowerState {
    ON,
    OFF,
    UNKNOWN
}
