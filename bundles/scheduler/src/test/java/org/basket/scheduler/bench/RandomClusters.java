package org.basket.scheduler.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

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
import org.basket.scheduler.Plan;
import org.basket.scheduler.Scheduler;

/**
 * Small random clusters that use every feature the scheduler knows (host states, unprobed and unconfigured hosts,
 * drivers, capacity, priorities, disabled and non-migratable resources, guest services, locations, colocations of
 * any score, orders, fail counts, maintenance, resources active twice or not configured), planned one by one; prints
 * one line per cluster: its seed and the plan's hash, or the exception. Run it against two scheduler builds and
 * compare the outputs to show that they plan alike:
 *
 * <pre>
 * java -cp OLD-CLASSES:... org.basket.scheduler.bench.RandomClusters 20000 > old.txt
 * java -cp NEW-CLASSES:... org.basket.scheduler.bench.RandomClusters 20000 > new.txt
 * cmp old.txt new.txt
 * </pre>
 */
public final class RandomClusters {
    private static final HostState[] STATES = HostState.values();

    private RandomClusters() {
    }

    public static void main(String[] args) {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        long firstSeed = args.length > 1 ? Long.parseLong(args[1]) : 1;
        for (long seed = firstSeed; seed < firstSeed + count; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            ClusterConfig config;
            ClusterState state;
            try {
                List<Object> cluster = generate(random);
                config = (ClusterConfig) cluster.get(0);
                state = (ClusterState) cluster.get(1);
            } catch (IllegalArgumentException e) {
                System.out.println(seed + " invalid input");
                continue;
            }
            String outcome;
            try {
                Plan plan = new Scheduler(random.nextInt(4) == 0 ? random.nextInt(-50, 300) : 100).plan(config, state);
                outcome = SchedulerBenchmark.hash(plan);
            } catch (RuntimeException e) {
                outcome = e.getClass().getSimpleName() + ": " + e.getMessage();
            }
            System.out.println(seed + " " + outcome);
        }
    }

    private static List<Object> generate(SplittableRandom random) {
        int hostCount = 1 + random.nextInt(6);
        int vmCount = random.nextInt(12);
        int serviceCount = vmCount == 0 ? 0 : random.nextInt(5);
        List<String> hostNames = new ArrayList<>();
        for (int h = 0; h < hostCount + 2; h++) {
            hostNames.add("node" + (h + 1));
        }
        List<Host> hosts = new ArrayList<>();
        List<HostStatus> hostStatuses = new ArrayList<>();
        for (int h = 0; h < hostCount; h++) {
            String name = hostNames.get(h);
            boolean configured = random.nextInt(10) != 0;
            boolean reported = random.nextInt(10) != 0;
            if (configured) {
                hosts.add(new Host(name, random.nextInt(5) == 0 ? "vmware" : "kvm", name, Map.of()));
            }
            if (reported) {
                HostState hostState = random.nextInt(3) == 0 ? STATES[random.nextInt(STATES.length)] : HostState.ONLINE;
                Capacity capacity = new Capacity(2 + random.nextInt(10), 2048L * (1 + random.nextInt(8)));
                hostStatuses.add(new HostStatus(name, hostState, capacity, "", random.nextInt(8) != 0));
            }
        }
        List<String> names = new ArrayList<>();
        List<Resource> resources = new ArrayList<>();
        for (int v = 0; v < vmCount; v++) {
            String name = "vm" + (v + 1);
            names.add(name);
            resources.add(new Resource(name, ResourceKind.VIRTUAL_MACHINE, name,
                    new Capacity(random.nextInt(4), 1024L * random.nextInt(6)), random.nextInt(5) != 0,
                    random.nextInt(4) == 0 ? random.nextInt(-2, 3) : 0, random.nextInt(12) != 0, "",
                    1 + random.nextInt(3)));
        }
        for (int s = 0; s < serviceCount; s++) {
            String name = "svc" + (s + 1);
            String container = random.nextInt(10) == 0 ? "svc" + (1 + random.nextInt(serviceCount))
                    : "vm" + (1 + random.nextInt(vmCount));
            names.add(name);
            resources.add(new Resource(name, ResourceKind.GUEST_SERVICE, name, Capacity.NONE, false, 0,
                    random.nextInt(12) != 0, container, 3));
        }
        List<String> known = new ArrayList<>(names);
        known.add("ghost");
        List<Constraint> constraints = new ArrayList<>();
        int constraintCount = names.isEmpty() ? 0 : random.nextInt(8);
        for (int c = 0; c < constraintCount; c++) {
            String a = known.get(random.nextInt(known.size()));
            String b = known.get(random.nextInt(known.size()));
            String n = "c" + c;
            switch (random.nextInt(3)) {
                case 0 -> constraints.add(new Constraint.Location(n, a, hostNames.get(random.nextInt(hostNames.size())),
                        score(random)));
                case 1 -> constraints.add(new Constraint.Colocation(n, a, b, score(random)));
                default -> constraints.add(new Constraint.Order(n, a, b, random.nextBoolean()));
            }
        }
        List<ResourceStatus> statuses = new ArrayList<>();
        for (String name : known) {
            if (random.nextInt(3) == 0) {
                continue;
            }
            List<String> active = new ArrayList<>();
            int copies = random.nextInt(10) == 0 ? 2 : random.nextInt(4) == 0 ? 0 : 1;
            for (int i = 0; i < copies; i++) {
                active.add(hostNames.get(random.nextInt(hostNames.size())));
            }
            String failedOn = random.nextInt(6) == 0 ? hostNames.get(random.nextInt(hostNames.size())) : "";
            Map<String, Integer> failCounts = new TreeMap<>();
            if (!failedOn.isEmpty() || random.nextInt(8) == 0) {
                failCounts.put(hostNames.get(random.nextInt(hostNames.size())), 1 + random.nextInt(3));
            }
            statuses.add(new ResourceStatus(name, active, failedOn, failCounts, random.nextInt(15) == 0));
        }
        return List.of(ClusterConfig.of(hosts, resources, constraints), ClusterState.of(hostStatuses, statuses));
    }

    private static int score(SplittableRandom random) {
        return switch (random.nextInt(5)) {
            case 0 -> Score.INFINITY;
            case 1 -> Score.MINUS_INFINITY;
            default -> random.nextInt(-200, 201) * (random.nextInt(20) == 0 ? 10_000 : 1);
        };
    }
}
