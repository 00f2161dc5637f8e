package org.basket.driver.libvirt.internal;

import org.libvirt.Connect;
import org.libvirt.LibvirtException;
import org.libvirt.Library;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * libvirt's default event loop, which is one per process: it delivers lifecycle events, keepalive
 * probes and connection-close notices. It must run before the first connection opens.
 */
final class EventLoop {
    private static final Logger LOG = LoggerFactory.getLogger(EventLoop.class);
    private static Thread thread;

    private EventLoop() {
    }

    static synchronized void ensureRunning() throws LibvirtException {
        if (thread != null && thread.isAlive()) {
            return;
        }
        // errors come back as exceptions; without a callback libvirt also prints them on stderr
        Connect.setErrorCallback((data, error) -> { });
        Library.initEventLoop();
        thread = new Thread(EventLoop::run, "libvirt-event-loop");
        thread.setDaemon(true);
        thread.start();
    }

    static synchronized void stop() {
        if (thread == null) {
            return;
        }
        try {
            Library.stopEventLoop();
            thread.join(2000);
        } catch (LibvirtException e) {
            LOG.warn("libvirt event loop did not stop: {}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread = null;
    }

    private static void run() {
        try {
            Library.runEventLoop();
        } catch (LibvirtException e) {
            LOG.error("libvirt event loop failed: {}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
