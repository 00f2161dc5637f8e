package org.basket.api.model;

/** CPUs and memory: what a host offers or what a resource needs. */
public record Capacity(int cpus, long memoryMb) {
    public static final Capacity NONE = new Capacity(0, 0);

    public Capacity {
        if (cpus < 0 || memoryMb < 0) {
            throw new IllegalArgumentException("capacity must not be negative: " + cpus + " CPUs, " + memoryMb + " MB");
        }
    }

    public Capacity plus(Capacity other) {
        return new Capacity(cpus + other.cpus, memoryMb + other.memoryMb);
    }

    public Capacity minus(Capacity other) {
        return new Capacity(Math.max(0, cpus - other.cpus), Math.max(0, memoryMb - other.memoryMb));
    }

    public boolean fits(Capacity need) {
        return need.cpus <= cpus && need.memoryMb <= memoryMb;
    }

    @Override
    public String toString() {
        return cpus + " CPU / " + memoryMb + " MB";
    }
}
