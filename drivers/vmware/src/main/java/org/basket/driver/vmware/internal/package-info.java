/** The VMware driver: vijava (embedded) against a vCenter or ESXi endpoint. */
package org.basket.driver.vmware.internal;
