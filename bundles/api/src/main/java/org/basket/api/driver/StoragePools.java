package org.basket.api.driver;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Optional capability: disks as volumes of a host's storage pools (libvirt: a directory or LVM pool; vSphere: a
 * datastore), for VMs that Basket provisions.
 */
@ConsumerType
public interface StoragePools {

    /**
     * Allocates a volume of {@code bytes} in a pool and returns its path.
     *
     * @throws DriverException naming the pool and its free space when it lacks room, or an unknown pool
     */
    String allocate(String host, String pool, String volume, long bytes) throws DriverException;

    /**
     * Deletes a volume of a pool.
     *
     * @return false when the pool has no such volume
     */
    boolean delete(String host, String pool, String volume) throws DriverException;

    /**
     * Deletes the volume at a path, as {@link #allocate} returned it.
     *
     * @return false when no pool of the host has a volume there
     */
    boolean deleteAt(String host, String path) throws DriverException;

    /** The paths of the disks that a defined domain's definition names, in its order. */
    List<String> disks(String host, String domain) throws DriverException;
}
