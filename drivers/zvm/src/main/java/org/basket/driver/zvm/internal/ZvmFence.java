package org.basket.driver.zvm.internal;

import java.util.List;

import org.basket.api.driver.DriverException;
import org.basket.api.fence.FenceDevice;
import org.basket.api.fence.FenceException;
import org.basket.api.fence.PowerState;

/**
 * Fencing of one member through its Cloud Connector: every guest logged on to it forced off ({@code stop}), each
 * confirmed off by the member. It works only while the connector answers: Feilong cannot deactivate a member (its LPAR),
 * so a lost member (the usual failure) needs a fence level of its own: {@code fence_ibmz} (the LPAR deactivated through
 * the HMC's Web Services API). Its power state is the guests': on while one runs, unknown while the connector is silent.
 */
final class ZvmFence implements FenceDevice {
    private final String host;
    private final Connector connector;
    private final ZvmEndpoint endpoint;

    ZvmFence(String host, Connector connector, ZvmEndpoint endpoint) {
        this.host = host;
        this.connector = connector;
        this.endpoint = endpoint;
    }

    @Override
    public String name() {
        return "z/VM Cloud Connector fence of " + host + " (member " + connector.system() + ")";
    }

    @Override
    public PowerState status() {
        try {
            return endpoint.guestsOn(connector).isEmpty() ? PowerState.OFF : PowerState.ON;
        } catch (DriverException e) {
            return PowerState.UNKNOWN;
        }
    }

    @Override
    public void powerOff() throws FenceException {
        List<String> on;
        try {
            on = endpoint.guestsOn(connector);
        } catch (DriverException e) {
            throw new FenceException(connector.where() + ": cannot fence host " + host + " through its Cloud Connector: "
                    + e.getMessage() + " (Feilong cannot deactivate a member: give it a fence level of its own, fence_ibmz"
                    + " on its LPAR; see docs/zvm.md)", e);
        }
        for (String guest : on) {
            try {
                endpoint.forceOff(connector, guest, guest);
            } catch (DriverException e) {
                throw new FenceException(e.getMessage(), e);
            }
        }
        if (status() != PowerState.OFF) {
            throw new FenceException(connector.where() + ": host " + host + " still runs a guest after its guests were forced off");
        }
    }

    /** Nothing to power on: the engine starts the guests where it places them. */
    @Override
    public void powerOn() {
    }
}
