package org.basket.driver.libvirt.internal;

import java.util.Optional;
import java.util.regex.Pattern;

import org.basket.api.driver.DriverException;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.Error.ErrorNumber;
import org.libvirt.LibvirtException;

/** Finds a domain by name, or by UUID when the name is one. */
final class Lookup {
    private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?"
            + "[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}");

    @FunctionalInterface
    interface Call {
        Domain get() throws LibvirtException;
    }

    private Lookup() {
    }

    static Optional<Domain> find(HostConnection connection, String domain) throws DriverException {
        Connect connect = connection.require();
        try {
            return Optional.of(connect.domainLookupByName(domain));
        } catch (LibvirtException byName) {
            if (!isNoDomain(byName)) {
                throw connection.failed("looking up domain " + domain, byName);
            }
        }
        if (!UUID.matcher(domain).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(connect.domainLookupByUUIDString(domain));
        } catch (LibvirtException byUuid) {
            if (!isNoDomain(byUuid)) {
                throw connection.failed("looking up domain " + domain, byUuid);
            }
            return Optional.empty();
        }
    }

    static Domain require(HostConnection connection, String domain) throws DriverException {
        return find(connection, domain).orElseThrow(() -> new DriverException("host " + connection.host()
                + ": no domain '" + domain + "' (by name or UUID) at " + connection.uri()));
    }

    static boolean isNoDomain(LibvirtException e) {
        String message = Errors.describe(e);
        return (e.getError() != null && e.getError().getCode() == ErrorNumber.VIR_ERR_NO_DOMAIN)
                || message.startsWith("Domain not found");
    }
}
