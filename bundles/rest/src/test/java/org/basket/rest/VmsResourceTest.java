package org.basket.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.basket.api.cluster.ProvisioningException;
import org.basket.api.cluster.VmProvisioning;
import org.basket.api.cluster.VmRequest;
import org.junit.jupiter.api.Test;

/** POST /vms/{vm} and /vms/{vm}/delete: parameters checked before the service is asked, its steps in the answer. */
class VmsResourceTest {
    private final List<Object> calls = new ArrayList<>();
    private final VmsResource vms = new VmsResource(new VmProvisioning() {
        @Override
        public String create(VmRequest request, Consumer<String> progress) throws ProvisioningException {
            calls.add(request);
            if (request.template().equals("broken")) {
                throw new ProvisioningException("vm-create web3 failed defining its domain: refused; everything done "
                        + "before was undone");
            }
            progress.accept("host node2 (the scheduler's choice)");
            return "node2";
        }

        @Override
        public void delete(String name, boolean keepDisks, Consumer<String> progress) {
            calls.add(name + " " + keepDisks);
            progress.accept("domain " + name + " undefined on node2");
        }
    });

    @Test
    void createAnswersWithTheHostAndTheSteps() throws Exception {
        Map<String, Object> answer = vms.create("web3", "small", "2", "2048", "20G", "lan", "node2");
        assertEquals(List.of(new VmRequest("web3", "small", 2, 2048, 20L << 30, "lan", "node2")), calls);
        assertEquals(Map.of("vm", "web3", "host", "node2", "steps", List.of("host node2 (the scheduler's choice)")),
                answer);
    }

    @Test
    void badParametersAreProblemsAndNothingIsAsked() {
        Problem noTemplate = assertThrows(Problem.class, () -> vms.create("web3", null, null, null, null, null, null));
        assertEquals(400, Problems.problem(noTemplate).body("/").get("status"));
        Problem disk = assertThrows(Problem.class, () -> vms.create("web3", "small", null, null, "2X", null, null));
        assertEquals("'2X' is not a size (bytes, or a number with K, M, G or T)", disk.getMessage());
        assertThrows(Problem.class, () -> vms.create("web3", "small", "0", null, null, null, null));
        assertThrows(Problem.class, () -> vms.create("../x", "small", null, null, null, null, null));
        assertEquals(List.of(), calls);
    }

    @Test
    void aFailedStepIsA502ProblemWithTheServicesWords() {
        ProvisioningException failed = assertThrows(ProvisioningException.class,
                () -> vms.create("web3", "broken", null, null, null, null, null));
        Problem problem = Problems.problem(failed);
        assertEquals(502, problem.body("/").get("status"));
        assertEquals(failed.getMessage(), problem.getMessage());
    }

    @Test
    void deleteTakesKeepDisk() throws Exception {
        assertEquals(Map.of("vm", "web3", "deleted", true, "diskKept", true, "steps",
                List.of("domain web3 undefined on node2")), vms.delete("web3", "true"));
        assertEquals(List.of("web3 true"), calls);
    }
}
