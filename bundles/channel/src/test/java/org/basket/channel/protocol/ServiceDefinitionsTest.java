package org.basket.channel.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.basket.api.monitor.ServiceDefinition;
import org.junit.jupiter.api.Test;

class ServiceDefinitionsTest {

    @Test
    void roundTripKeepsOrderParametersAndIntervals() throws Exception {
        List<ServiceDefinition> services = List.of(
                new ServiceDefinition("web", "http", Map.of("url", "http://127.0.0.1:8080/", "body", "a=b c\\d\n#x"),
                        Duration.ofMillis(750)),
                new ServiceDefinition("db", "ocf", Map.of("agent", "heartbeat:Dummy")));
        assertEquals(services, ServiceDefinitions.decode(ServiceDefinitions.encode(services)));
        assertEquals(List.of(), ServiceDefinitions.decode(ServiceDefinitions.encode(List.of())));
    }

    @Test
    void malformedPayloadsNameWhatIsWrong() {
        assertTrue(assertThrows(MalformedFrameException.class, () -> ServiceDefinitions.decode("service.0.name=a\n"))
                .getMessage().contains("service 0 needs a name and a type"));
        assertTrue(assertThrows(MalformedFrameException.class,
                () -> ServiceDefinitions.decode("service.0.name=a\nservice.0.type=tcp\nservice.0.interval-ms=soon\n"))
                .getMessage().contains("check interval of a"));
        assertTrue(assertThrows(MalformedFrameException.class, () -> ServiceDefinitions.decode("color=blue\n"))
                .getMessage().contains("unexpected key 'color'"));
        assertTrue(assertThrows(MalformedFrameException.class,
                () -> ServiceDefinitions.decode("service.0.name=a\nservice.0.type=tcp\nservice.1.name=a\nservice.1.type=tcp\n"))
                .getMessage().contains("twice"));
    }
}
