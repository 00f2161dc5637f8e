package org.basket.driver.libvirt.internal;

import org.libvirt.LibvirtException;

/** libvirt's error text, which is clearer than its error codes (libvirt-java 0.5.2 maps newer codes wrongly). */
final class Errors {
    private Errors() {
    }

    static String describe(LibvirtException e) {
        String message = e.getError() != null ? e.getError().getMessage() : e.getMessage();
        return message == null || message.isBlank() ? e.toString() : message.trim();
    }
}
