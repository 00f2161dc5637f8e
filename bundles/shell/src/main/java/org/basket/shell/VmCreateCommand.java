package org.basket.shell;

import java.util.ArrayList;
import java.util.List;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.basket.api.cluster.ProvisioningException;
import org.basket.api.cluster.VmProvisioning;
import org.basket.api.cluster.VmRequest;
import org.basket.shell.support.HaCommand;

@Service
@Command(scope = "ha", name = "vm-create", description = "Creates a VM from a template (etc/templates/<template>.xml "
        + "and .cfg; only .cfg: a vSphere template, cloned) in one step: the host chosen by the scheduler (or --on), "
        + "a disk allocated in the template's storage pool, the domain defined, the resource configured, and waits "
        + "until Basket runs it. A failed step undoes the steps before it (disk, definition and configuration removed) and says why.")
public class VmCreateCommand extends HaCommand {
    static final String USAGE = "ha:vm-create NAME --template T [--cpus N] [--memory MB] [--disk SIZE] [--network N] "
            + "[--on HOST]";

    @Reference
    VmProvisioning provisioning;

    @Argument(index = 0, name = "name", description = "The new VM's name (also its domain and resource name)",
            required = true)
    String name;

    @Option(name = "--template",
            description = "The template (etc/templates/<template>.xml, or .cfg alone: a vSphere template)")
    String template;

    @Option(name = "--cpus", description = "Virtual CPUs (default: the template's)")
    int cpus;

    @Option(name = "--memory", description = "Memory in MB (default: the template's)")
    long memoryMb;

    @Option(name = "--disk", description = "The disk's size: bytes, or with K, M, G or T (default: the template's)")
    String disk;

    @Option(name = "--network", description = "The network of its interface (default: the template's)")
    String network;

    @Option(name = "--on", description = "The host to create it on (default: the scheduler's choice); the VM then "
            + "prefers that host")
    @Completion(HostCompleter.class)
    String host;

    @Argument(index = 1, name = "options", description = "The options, also when written after the name",
            required = false, multiValued = true)
    @Completion(values = {"--template", "--cpus", "--memory", "--disk", "--network", "--on"},
            value = StringsCompleter.class)
    List<String> trailing;

    @Override
    protected void run() throws ProvisioningException {
        readTrailing();
        if (template == null || template.isBlank()) {
            throw new IllegalArgumentException("no --template: " + USAGE);
        }
        VmRequest request = new VmRequest(name, template, cpus, memoryMb, disk == null ? 0 : size(disk), network,
                host);
        String runsOn = provisioning.create(request, step -> out.println("  " + step));
        out.println("VM " + name + " created; it runs on " + runsOn + ".");
    }

    private void readTrailing() {
        List<String> words = trailing == null ? List.of() : new ArrayList<>(trailing);
        for (int i = 0; i < words.size(); i += 2) {
            String option = words.get(i);
            if (i + 1 >= words.size()) {
                throw new IllegalArgumentException("'" + option + "' without a value: " + USAGE);
            }
            String value = words.get(i + 1);
            switch (option) {
                case "--template" -> template = value;
                case "--cpus" -> cpus = number(option, value);
                case "--memory" -> memoryMb = number(option, value);
                case "--disk" -> disk = value;
                case "--network" -> network = value;
                case "--on" -> host = value;
                default -> throw new IllegalArgumentException("unexpected '" + option + "': " + USAGE);
            }
        }
    }

    private static int number(String option, String value) {
        try {
            int number = Integer.parseInt(value);
            if (number > 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // named below
        }
        throw new IllegalArgumentException(option + " " + value + ": not a positive number");
    }

    private static long size(String text) {
        try {
            return VmRequest.size(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--disk " + e.getMessage());
        }
    }
}
