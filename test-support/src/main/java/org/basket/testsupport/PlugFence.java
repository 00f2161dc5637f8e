package org.basket.testsupport;

import java.time.Duration;
import java.util.Map;

import org.basket.api.fence.FenceDevice;
import org.basket.api.fence.FenceDeviceFactory;
import org.basket.api.fence.FenceException;
import org.basket.api.fence.PowerState;

/**
 * A fence method of a test's simulator: one agent name, exactly the parameter {@code plug}, and the simulator's power
 * switch behind it. What the switch throws becomes a {@link FenceException} naming the device.
 */
public final class PlugFence implements FenceDeviceFactory {
    /** One power call of the simulator for a plug. */
    @FunctionalInterface
    public interface Call<T> {
        T on(String plug) throws Exception;
    }

    private final String agent;
    private final Call<Boolean> isOff;
    private final Call<?> powerOff;
    private final Call<?> powerOn;

    public PlugFence(String agent, Call<Boolean> isOff, Call<?> powerOff, Call<?> powerOn) {
        this.agent = agent;
        this.isOff = isOff;
        this.powerOff = powerOff;
        this.powerOn = powerOn;
    }

    @Override
    public boolean serves(String name) {
        return agent.equals(name);
    }

    @Override
    public void validate(String name, Map<String, String> parameters) throws FenceException {
        if (!parameters.containsKey("plug") || parameters.size() != 1) {
            throw new FenceException(agent + ": needs exactly the parameter 'plug', has " + parameters.keySet());
        }
    }

    @Override
    public FenceDevice create(String name, Map<String, String> parameters, Duration timeout) throws FenceException {
        validate(name, parameters);
        String plug = parameters.get("plug");
        return new FenceDevice() {
            @Override
            public String name() {
                return agent + " " + plug;
            }

            @Override
            public PowerState status() throws FenceException {
                return call(isOff) ? PowerState.OFF : PowerState.ON;
            }

            @Override
            public void powerOff() throws FenceException {
                call(powerOff);
            }

            @Override
            public void powerOn() throws FenceException {
                call(powerOn);
            }

            private <T> T call(Call<T> call) throws FenceException {
                try {
                    return call.on(plug);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new FenceException(name() + ": interrupted");
                } catch (Exception e) {
                    throw new FenceException(name() + ": " + e.getMessage(), e);
                }
            }
        };
    }
}
