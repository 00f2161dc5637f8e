package org.basket.coordination;

/** The names of the hosts and VMs of {@link ScaleBenchmark}'s world, the same in every process. */
public final class ScaleNames {
    private ScaleNames() {
    }

    public static String host(int h) {
        return String.format("node%05d", h);
    }

    public static String vm(int h, int v) {
        return String.format("vm%05d-%02d", h, v);
    }
}
