package org.basket.driver.sim.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.basket.api.monitor.AgentException;
import org.basket.api.monitor.CheckResult;
import org.basket.api.monitor.GuestAgents;
import org.basket.api.monitor.ServiceDefinition;
import org.basket.driver.sim.SimulatedGuests;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The simulated datacenter's SIMULATED in-guest agents, as the manager's gateway to its VMs' services:
 * those of the datacenter in this JVM only, so it serves no VM while the sim endpoints use a world process.
 */
@Component(service = GuestAgents.class)
public class SimGuestAgents implements GuestAgents {

    @Reference
    SimulatorControl simulator;

    private SimulatedGuests guests() {
        return simulator.datacenter().guests();
    }

    @Override
    public boolean serves(String vm) {
        try {
            return simulator.world() == simulator.datacenter() && guests().serves(vm);
        } catch (IllegalStateException e) {
            return false;
        }
    }

    @Override
    public Optional<Map<String, CheckResult>> services(String vm) {
        return guests().services(vm);
    }

    @Override
    public void define(String vm, List<ServiceDefinition> services) throws AgentException {
        guests().define(vm, services);
    }

    @Override
    public void start(String vm, String service) throws AgentException {
        guests().start(vm, service);
    }

    @Override
    public void stop(String vm, String service) throws AgentException {
        guests().stop(vm, service);
    }

    @Override
    public void listen(Runnable changed) {
        guests().listen(changed);
    }
}
