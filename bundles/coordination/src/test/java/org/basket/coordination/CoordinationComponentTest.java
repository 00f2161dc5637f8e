package org.basket.coordination;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.basket.api.coordination.Coordination;
import org.basket.api.coordination.Role;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/** A refused etc/org.basket.coordination.cfg leaves the coordination in force; the first file decides alone. */
class CoordinationComponentTest {
    private final List<Object> registered = new ArrayList<>();
    private final CoordinationComponent component = new CoordinationComponent();

    @Test
    void aRefusedFileLeavesTheCoordinationInForce() {
        component.activate(context(), Map.of("mode", "embedded", "manager.id", "m1"));
        Coordination inForce = (Coordination) registered.get(0);

        component.modified(Map.of("mode", "zookeper", "manager.id", "m1"));

        assertEquals(List.of(inForce), registered, "nothing unregistered, nothing new");
        assertEquals(Role.Kind.LEADER, inForce.role().kind());

        component.modified(Map.of("mode", "embedded", "manager.id", "m2"));

        assertEquals(1, registered.size());
        assertEquals("m2", ((Coordination) registered.get(0)).managerId(), "an accepted file takes effect");
    }

    @Test
    void withoutGoodSettingsInForceARefusedFileKeepsTheManagerFromActingAndSaysWhy() {
        component.activate(context(), Map.of("mode", "zookeper", "manager.id", "m1"));
        Coordination refused = (Coordination) registered.get(0);
        assertEquals(Role.Doubt.BAD_CONFIGURATION, refused.role().doubt());

        component.modified(Map.of("mode", "embedded", "manager.id", "m1"));

        assertEquals(1, registered.size());
        assertEquals(Role.Kind.LEADER, ((Coordination) registered.get(0)).role().kind());
    }

    private BundleContext context() {
        return (BundleContext) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {BundleContext.class},
                (proxy, method, args) -> {
                    if (!method.getName().equals("registerService")) {
                        throw new UnsupportedOperationException("BundleContext." + method.getName());
                    }
                    Object service = args[1];
                    registered.add(service);
                    return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {ServiceRegistration.class},
                            (registration, call, callArgs) -> {
                                if (call.getName().equals("unregister")) {
                                    registered.remove(service);
                                    return null;
                                }
                                throw new UnsupportedOperationException("ServiceRegistration." + call.getName());
                            });
                });
    }
}
