/** The libvirt driver's implementation; private to the bundle. */
package org.basket.driver.libvirt.internal;
