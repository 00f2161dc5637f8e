package org.basket.core.config;

/**
 * One parsed configuration file.
 *
 * @param pid    the Config Admin PID
 * @param source the file name (or the PID when it did not come from a file)
 * @param name   the name of what it defines
 * @param value  a Host, Resource, Constraint or DriverConfig
 * @param detail what the model does not carry (a guest service's check), or null
 */
record Definition(String pid, String source, String name, Object value, Object detail) {
    Definition(String pid, String source, String name, Object value) {
        this(pid, source, name, value, null);
    }
}
