package org.basket.scheduler.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import org.basket.api.model.Capacity;
import org.basket.api.model.ClusterConfig;
import org.basket.api.model.ClusterState;
import org.basket.api.model.Constraint;
import org.basket.api.model.Host;
import org.basket.api.model.HostState;
import org.basket.api.model.HostStatus;
import org.basket.api.model.Resource;
import org.basket.api.model.ResourceKind;
import org.basket.api.model.ResourceStatus;
import org.basket.api.model.Score;

/**
 * A synthetic cluster for benchmarks and side-by-side runs with Pacemaker, the same for the same
 * {@link Spec} (seed included).
 *
 * <ul>
 * <li>Hosts {@code host00001...}: 64 CPU / 256 GB (three in four) or 96 CPU / 512 GB, driver {@code kvm},
 * attributes {@code rack} (20 hosts a rack) and {@code site} ({@code a} or {@code b}).</li>
 * <li>VMs {@code vm000001...}: 1, 2, 4 or 8 CPUs and 2 to 32 GB, priority 0 (most) to 3, nine in ten
 * migratable. About 10 VMs a host use about half of it.</li>
 * <li>Guest services {@code svc000001...}, each in a random VM.</li>
 * <li>Anti-affinity pairs of VMs (one per 20 VMs by default) and mandatory orders between VMs (one per 50,
 * always from a lower to a higher number, so never a loop, and never a migratable VM after one that is not).</li>
 * <li>Observed state: the VMs run on random hosts with room and without their anti-affinity partner, except
 * a few ({@link Spec#stoppedPercent}) that are new and stopped; a service runs in its VM when the VM runs.</li>
 * <li>Optionally one host, chosen by the seed among those that run VMs, is {@link HostState#UNCLEAN} (lost) or
 * {@link HostState#STANDBY} (drained).</li>
 * </ul>
 */
public final class SyntheticCluster {

    /** What happens to one host. */
    public enum Event {
        /** Every host online. */
        NONE,
        /** One host lost: fence it, then recover its VMs elsewhere. */
        UNCLEAN,
        /** One host drained: its VMs migrate away. */
        STANDBY;

        static Event parse(String text) {
            return switch (text.toLowerCase(Locale.ROOT)) {
                case "none", "steady" -> NONE;
                case "unclean", "failure", "fail" -> UNCLEAN;
                case "standby" -> STANDBY;
                default -> throw new IllegalArgumentException("event: none, unclean or standby, not " + text);
            };
        }
    }

    /**
     * The cluster's shape.
     *
     * @param hosts          number of hosts
     * @param vms            number of VMs
     * @param services       number of guest services
     * @param antiAffinities number of anti-affinity pairs of VMs
     * @param orders         number of mandatory orders between VMs
     * @param stoppedPercent VMs that are stopped in the observed state (new VMs to start), percent
     * @param event          what happens to one host
     * @param seed           the random seed: the same spec gives the same cluster
     */
    public record Spec(int hosts, int vms, int services, int antiAffinities, int orders, int stoppedPercent,
                       Event event, long seed) {
        public Spec {
            if (hosts < 1 || vms < 0 || services < 0 || antiAffinities < 0 || orders < 0) {
                throw new IllegalArgumentException("sizes must not be negative, at least one host: " + this);
            }
            if (services > 0 && vms == 0) {
                throw new IllegalArgumentException("guest services need VMs");
            }
        }

        /** The default mix: one anti-affinity pair per 20 VMs, one order per 50 VMs, 2 % of the VMs stopped. */
        public static Spec of(int hosts, int vms, int services, Event event, long seed) {
            return new Spec(hosts, vms, services, vms / 20, vms / 50, 2, event, seed);
        }

        public Spec with(Event value) {
            return new Spec(hosts, vms, services, antiAffinities, orders, stoppedPercent, value, seed);
        }

        public Spec withStoppedPercent(int value) {
            return new Spec(hosts, vms, services, antiAffinities, orders, value, event, seed);
        }

        @Override
        public String toString() {
            return hosts + " hosts x " + vms + " VMs x " + services + " services (" + antiAffinities
                    + " anti-affinity pairs, " + orders + " orders, " + stoppedPercent + " % stopped, event "
                    + event.name().toLowerCase(Locale.ROOT) + ", seed " + seed + ")";
        }
    }

    private static final Capacity SMALL_HOST = new Capacity(64, 256 * 1024);
    private static final Capacity LARGE_HOST = new Capacity(96, 512 * 1024);
    private static final int[] VM_CPUS = {1, 2, 2, 4, 4, 8};
    private static final int[] VM_MEMORY_GB = {2, 4, 8, 8, 16, 32};

    private final Spec spec;
    private final ClusterConfig config;
    private final ClusterState state;
    private final String eventHost;

    private SyntheticCluster(Spec spec, ClusterConfig config, ClusterState state, String eventHost) {
        this.spec = spec;
        this.config = config;
        this.state = state;
        this.eventHost = eventHost;
    }

    public Spec spec() {
        return spec;
    }

    public ClusterConfig config() {
        return config;
    }

    public ClusterState state() {
        return state;
    }

    /** The host that is unclean or in standby, or empty. */
    public String eventHost() {
        return eventHost;
    }

    public static SyntheticCluster generate(Spec spec) {
        SplittableRandom random = new SplittableRandom(spec.seed());
        int hostDigits = Math.max(5, digits(spec.hosts()));
        int vmDigits = Math.max(6, digits(Math.max(spec.vms(), spec.services())));

        String[] hostNames = new String[spec.hosts()];
        Capacity[] hostCapacity = new Capacity[spec.hosts()];
        List<Host> hosts = new ArrayList<>(spec.hosts());
        for (int h = 0; h < spec.hosts(); h++) {
            hostNames[h] = name("host", h + 1, hostDigits);
            hostCapacity[h] = random.nextInt(4) == 0 ? LARGE_HOST : SMALL_HOST;
            hosts.add(new Host(hostNames[h], "kvm", hostNames[h],
                    Map.of("rack", "r" + (h / 20 + 1), "site", h % 2 == 0 ? "a" : "b")));
        }

        List<Resource> resources = new ArrayList<>(spec.vms() + spec.services());
        String[] vmNames = new String[spec.vms()];
        Capacity[] vmDemand = new Capacity[spec.vms()];
        for (int v = 0; v < spec.vms(); v++) {
            vmNames[v] = name("vm", v + 1, vmDigits);
            int size = random.nextInt(VM_CPUS.length);
            vmDemand[v] = new Capacity(VM_CPUS[size], VM_MEMORY_GB[size] * 1024L);
            int p = random.nextInt(100);
            int priority = p < 80 ? 0 : p < 93 ? 1 : p < 98 ? 2 : 3;
            boolean migratable = random.nextInt(10) != 0;
            resources.add(new Resource(vmNames[v], ResourceKind.VIRTUAL_MACHINE, vmNames[v], vmDemand[v], migratable,
                    priority, true, "", 3));
        }
        String[] serviceNames = new String[spec.services()];
        int[] serviceVm = new int[spec.services()];
        for (int s = 0; s < spec.services(); s++) {
            serviceNames[s] = name("svc", s + 1, vmDigits);
            serviceVm[s] = random.nextInt(spec.vms());
            resources.add(new Resource(serviceNames[s], ResourceKind.GUEST_SERVICE, serviceNames[s], Capacity.NONE,
                    false, 0, true, vmNames[serviceVm[s]], 3));
        }

        List<Constraint> constraints = new ArrayList<>();
        List<List<Integer>> apart = new ArrayList<>(spec.vms());
        for (int v = 0; v < spec.vms(); v++) {
            apart.add(new ArrayList<>(1));
        }
        Set<Long> pairs = new HashSet<>();
        for (int i = 0; i < spec.antiAffinities() && spec.vms() > 1; ) {
            int a = random.nextInt(spec.vms());
            int b = random.nextInt(spec.vms());
            if (a == b || !pairs.add((long) Math.min(a, b) * spec.vms() + Math.max(a, b))) {
                continue;
            }
            apart.get(a).add(b);
            apart.get(b).add(a);
            constraints.add(new Constraint.Colocation(vmNames[a] + "-apart-from-" + vmNames[b], vmNames[a],
                    vmNames[b], Score.MINUS_INFINITY));
            i++;
        }
        Set<Long> ordered = new HashSet<>();
        long pairCount = (long) spec.vms() * (spec.vms() - 1) / 2;
        for (int i = 0; i < spec.orders() && ordered.size() < pairCount; ) {
            int a = random.nextInt(spec.vms());
            int b = random.nextInt(spec.vms());
            if (a == b || !ordered.add((long) Math.min(a, b) * spec.vms() + Math.max(a, b))) {
                continue;
            }
            int first = Math.min(a, b);
            int then = Math.max(a, b);
            if (!resources.get(first).migratable() && resources.get(then).migratable()) {
                continue; // a migratable VM may not need one that is not: the validator would reject the order
            }
            constraints.add(new Constraint.Order(vmNames[first] + "-before-" + vmNames[then], vmNames[first],
                    vmNames[then], true));
            i++;
        }

        // observed state: VMs on random hosts with room, anti-affinity respected
        int[] vmHost = new int[spec.vms()];
        Arrays.fill(vmHost, -1);
        int[] freeCpus = new int[spec.hosts()];
        long[] freeMemory = new long[spec.hosts()];
        for (int h = 0; h < spec.hosts(); h++) {
            freeCpus[h] = hostCapacity[h].cpus();
            freeMemory[h] = hostCapacity[h].memoryMb();
        }
        List<ResourceStatus> statuses = new ArrayList<>(spec.vms() + spec.services());
        for (int v = 0; v < spec.vms(); v++) {
            if (random.nextInt(100) < spec.stoppedPercent()) {
                continue;
            }
            for (int attempt = 0; attempt < 20; attempt++) {
                int h = random.nextInt(spec.hosts());
                if (freeCpus[h] >= vmDemand[v].cpus() && freeMemory[h] >= vmDemand[v].memoryMb()
                        && !runsPartner(h, apart.get(v), vmHost)) {
                    vmHost[v] = h;
                    freeCpus[h] -= vmDemand[v].cpus();
                    freeMemory[h] -= vmDemand[v].memoryMb();
                    statuses.add(ResourceStatus.runningOn(vmNames[v], hostNames[h]));
                    break;
                }
            }
        }
        for (int s = 0; s < spec.services(); s++) {
            int h = vmHost[serviceVm[s]];
            if (h >= 0) {
                statuses.add(ResourceStatus.runningOn(serviceNames[s], hostNames[h]));
            }
        }

        String eventHost = "";
        List<HostStatus> hostStatuses = new ArrayList<>(spec.hosts());
        if (spec.event() != Event.NONE && spec.vms() > 0) {
            for (int attempt = 0; attempt < 1000 && eventHost.isEmpty(); attempt++) {
                int h = vmHost[random.nextInt(spec.vms())];
                if (h >= 0) {
                    eventHost = hostNames[h];
                }
            }
        }
        for (int h = 0; h < spec.hosts(); h++) {
            HostState hostState = !hostNames[h].equals(eventHost) ? HostState.ONLINE
                    : spec.event() == Event.UNCLEAN ? HostState.UNCLEAN : HostState.STANDBY;
            hostStatuses.add(new HostStatus(hostNames[h], hostState, hostCapacity[h]));
        }
        return new SyntheticCluster(spec, ClusterConfig.of(hosts, resources, constraints),
                ClusterState.of(hostStatuses, statuses), eventHost);
    }

    private static boolean runsPartner(int host, List<Integer> partners, int[] vmHost) {
        for (int partner : partners) {
            if (vmHost[partner] == host) {
                return true;
            }
        }
        return false;
    }

    private static int digits(int n) {
        return Integer.toString(Math.max(1, n)).length();
    }

    private static String name(String prefix, int number, int digits) {
        StringBuilder s = new StringBuilder(prefix);
        String n = Integer.toString(number);
        s.append("0".repeat(Math.max(0, digits - n.length()))).append(n);
        return s.toString();
    }
}
