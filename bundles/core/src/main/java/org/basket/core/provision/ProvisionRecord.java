package org.basket.core.provision;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * What one vm-create or vm-delete has begun, as the journal keeps it: the step it reached and what it made or
 * must remove. Each step is recorded before it acts, so that whatever it may have done is known after a crash.
 */
final class ProvisionRecord {
    enum Operation { CREATE, DELETE }

    /** The steps of a create, in order; a delete records only DELETE's fields. */
    enum Step { DISK, DOMAIN, CONFIG }

    final Operation operation;
    final String name;
    final String host;
    final String endpoint;
    final String pool;
    final String volume;
    Step step = Step.DISK;
    /** The disk's path once allocated; empty before. */
    String diskPath = "";
    /** The etc/ files written (create) or to remove (delete), by file name. */
    final List<String> files = new ArrayList<>();
    /** Delete: the disks to delete after the domain is gone; empty with --keep-disk. */
    final List<String> disks = new ArrayList<>();

    ProvisionRecord(Operation operation, String name, String host, String endpoint, String pool, String volume) {
        this.operation = operation;
        this.name = name;
        this.host = host;
        this.endpoint = endpoint;
        this.pool = pool;
        this.volume = volume;
    }

    Properties write() {
        Properties out = new Properties();
        out.setProperty("operation", operation.name());
        out.setProperty("name", name);
        out.setProperty("host", host);
        out.setProperty("endpoint", endpoint);
        out.setProperty("pool", pool);
        out.setProperty("volume", volume);
        out.setProperty("step", step.name());
        out.setProperty("disk.path", diskPath);
        out.setProperty("files", String.join("\n", files));
        out.setProperty("disks", String.join("\n", disks));
        return out;
    }

    static ProvisionRecord read(Properties in) {
        ProvisionRecord record = new ProvisionRecord(Operation.valueOf(in.getProperty("operation")),
                require(in, "name"), require(in, "host"), in.getProperty("endpoint", ""), in.getProperty("pool", ""),
                in.getProperty("volume", ""));
        record.step = Step.valueOf(in.getProperty("step", Step.DISK.name()));
        record.diskPath = in.getProperty("disk.path", "");
        record.files.addAll(lines(in.getProperty("files", "")));
        record.disks.addAll(lines(in.getProperty("disks", "")));
        return record;
    }

    private static String require(Properties in, String key) {
        String value = in.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("no " + key);
        }
        return value;
    }

    private static List<String> lines(String text) {
        return text.isEmpty() ? List.of() : Arrays.asList(text.split("\n"));
    }
}
