package org.basket.shell;

import static org.basket.shell.TestShell.NL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.basket.api.cluster.ProvisioningException;
import org.basket.api.cluster.VmProvisioning;
import org.basket.api.cluster.VmRequest;
import org.basket.shell.support.CommandRunner;
import org.basket.shell.support.HaCommand;
import org.junit.jupiter.api.Test;

/** ha:vm-create and ha:vm-delete: options before or after the name, each step printed as the service tells it. */
class VmCommandsTest {
    private final List<Object> calls = new ArrayList<>();
    private final VmProvisioning provisioning = new VmProvisioning() {
        @Override
        public String create(VmRequest request, Consumer<String> progress) throws ProvisioningException {
            calls.add(request);
            if (request.name().equals("bad")) {
                throw new ProvisioningException("vm-create bad failed defining its domain: refused");
            }
            progress.accept("host node2 (the scheduler's choice)");
            return "node2";
        }

        @Override
        public void delete(String name, boolean keepDisks, Consumer<String> progress) {
            calls.add(name + (keepDisks ? " keep" : ""));
            progress.accept("domain " + name + " undefined on node2");
        }
    };

    @Test
    void createReadsOptionsWrittenAfterTheNameAndPrintsEachStep() throws Exception {
        VmCreateCommand command = new VmCreateCommand();
        command.name = "web3";
        command.trailing = List.of("--template", "small", "--cpus", "2", "--memory", "1024", "--disk", "2G",
                "--network", "lan", "--on", "node2");
        String out = run(command);
        assertEquals(List.of(new VmRequest("web3", "small", 2, 1024, 2L << 30, "lan", "node2")), calls);
        assertEquals("  host node2 (the scheduler's choice)" + NL + "VM web3 created; it runs on node2." + NL, out);
    }

    @Test
    void createWithTheTemplatesDefaults() throws Exception {
        VmCreateCommand command = new VmCreateCommand();
        command.name = "web4";
        command.template = "small";
        run(command);
        assertEquals(List.of(new VmRequest("web4", "small", 0, 0, 0, "", "")), calls);
    }

    @Test
    void badOptionsAreNamedAndNothingIsAsked() {
        VmCreateCommand noTemplate = new VmCreateCommand();
        noTemplate.name = "x";
        assertEquals("no --template: " + VmCreateCommand.USAGE,
                assertThrows(IllegalArgumentException.class, () -> run(noTemplate)).getMessage());
        VmCreateCommand badDisk = new VmCreateCommand();
        badDisk.name = "x";
        badDisk.trailing = List.of("--template", "small", "--disk", "2X");
        assertEquals("--disk '2X' is not a size (bytes, or a number with K, M, G or T)",
                assertThrows(IllegalArgumentException.class, () -> run(badDisk)).getMessage());
        VmCreateCommand badCpus = new VmCreateCommand();
        badCpus.name = "x";
        badCpus.trailing = List.of("--cpus", "-1", "--template", "small");
        assertEquals("--cpus -1: not a positive number",
                assertThrows(IllegalArgumentException.class, () -> run(badCpus)).getMessage());
        assertEquals(List.of(), calls);
    }

    @Test
    void aFailedCreateIsTheServicesMessage() {
        VmCreateCommand command = new VmCreateCommand();
        command.name = "bad";
        command.template = "small";
        assertEquals("vm-create bad failed defining its domain: refused",
                assertThrows(ProvisioningException.class, () -> run(command)).getMessage());
    }

    @Test
    void deleteTakesKeepDiskAfterTheName() throws Exception {
        VmDeleteCommand command = new VmDeleteCommand();
        command.name = "web3";
        command.flags = List.of("--keep-disk");
        String out = run(command);
        assertEquals(List.of("web3 keep"), calls);
        assertEquals("  domain web3 undefined on node2" + NL + "VM web3 deleted; its disks are kept." + NL, out);
    }

    private String run(HaCommand command) throws Exception {
        return CommandRunner.run(command, Map.of("provisioning", provisioning));
    }
}
