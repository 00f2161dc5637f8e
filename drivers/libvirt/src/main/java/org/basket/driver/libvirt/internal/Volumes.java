package org.basket.driver.libvirt.internal;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.xml.parsers.DocumentBuilderFactory;

import org.basket.api.driver.DriverException;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;
import org.libvirt.StoragePool;
import org.libvirt.StoragePoolInfo;
import org.libvirt.StorageVol;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** Volumes of a host's storage pools (directory, file system, LVM, ...) through libvirt's storage API. */
final class Volumes {
    private Volumes() {
    }

    static String allocate(HostConnection connection, String pool, String volume, long bytes) throws DriverException {
        String where = "pool '" + pool + "' on host " + connection.host();
        try {
            StoragePool found = pool(connection, pool);
            if (found.isActive() != 1) {
                throw new DriverException(where + " is not active (virsh pool-start " + pool + ")");
            }
            found.refresh(0);
            StoragePoolInfo info = found.getInfo();
            if (info.available < bytes) {
                throw new DriverException(where + " is full: " + mib(info.available) + " MiB free, the disk needs "
                        + mib(bytes) + " MiB");
            }
            String type = poolType(found.getXMLDesc(0));
            String format = type.equals("dir") || type.equals("fs") || type.equals("netfs")
                    ? "<target><format type='raw'/></target>" : "";
            String xml = "<volume><name>" + volume + "</name><capacity unit='bytes'>" + bytes
                    + "</capacity><allocation unit='bytes'>0</allocation>" + format + "</volume>";
            StorageVol made = found.storageVolCreateXML(xml, 0);
            return made.getPath();
        } catch (LibvirtException e) {
            throw connection.failed("allocating volume " + volume + " of " + mib(bytes) + " MiB in pool " + pool, e);
        }
    }

    static boolean delete(HostConnection connection, String pool, String volume) throws DriverException {
        StoragePool found = pool(connection, pool);
        StorageVol vol;
        try {
            found.refresh(0);
            vol = found.storageVolLookupByName(volume);
        } catch (LibvirtException e) {
            if (isNoVolume(e)) {
                return false;
            }
            throw connection.failed("looking up volume " + volume + " in pool " + pool, e);
        }
        return delete(connection, vol, volume);
    }

    static boolean deleteAt(HostConnection connection, String path) throws DriverException {
        StorageVol vol;
        try {
            vol = connection.require().storageVolLookupByPath(path);
        } catch (LibvirtException e) {
            if (isNoVolume(e)) {
                return false;
            }
            throw connection.failed("looking up the volume at " + path, e);
        }
        return delete(connection, vol, path);
    }

    static List<String> disks(HostConnection connection, String domain) throws DriverException {
        Domain found = Lookup.require(connection, domain);
        try {
            return disksOf(found.getXMLDesc(0));
        } catch (LibvirtException e) {
            throw connection.failed("reading the definition of domain " + domain, e);
        }
    }

    /** The source file or device of each {@code <disk>} of a domain definition. */
    static List<String> disksOf(String domainXml) throws DriverException {
        List<String> paths = new ArrayList<>();
        NodeList disks = parse(domainXml).getElementsByTagName("disk");
        for (int i = 0; i < disks.getLength(); i++) {
            NodeList sources = ((Element) disks.item(i)).getElementsByTagName("source");
            if (sources.getLength() > 0) {
                Element source = (Element) sources.item(0);
                String path = !source.getAttribute("file").isEmpty() ? source.getAttribute("file")
                        : source.getAttribute("dev");
                if (!path.isEmpty()) {
                    paths.add(path);
                }
            }
        }
        return paths;
    }

    private static boolean delete(HostConnection connection, StorageVol vol, String what) throws DriverException {
        try {
            vol.delete(0);
            return true;
        } catch (LibvirtException e) {
            throw connection.failed("deleting volume " + what, e);
        }
    }

    private static StoragePool pool(HostConnection connection, String pool) throws DriverException {
        try {
            return connection.require().storagePoolLookupByName(pool);
        } catch (LibvirtException e) {
            if (Errors.describe(e).toLowerCase(Locale.ROOT).contains("storage pool not found")) {
                throw new DriverException("host " + connection.host() + ": no storage pool '" + pool + "'");
            }
            throw connection.failed("looking up storage pool " + pool, e);
        }
    }

    private static boolean isNoVolume(LibvirtException e) {
        return Errors.describe(e).toLowerCase(Locale.ROOT).contains("storage volume not found");
    }

    private static String poolType(String poolXml) throws DriverException {
        return parse(poolXml).getDocumentElement().getAttribute("type");
    }

    private static org.w3c.dom.Document parse(String xml) throws DriverException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
        } catch (Exception e) {
            throw new DriverException("libvirt answered XML that does not parse: " + e.getMessage());
        }
    }

    private static long mib(long bytes) {
        return bytes / (1024 * 1024);
    }
}
