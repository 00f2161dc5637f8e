/** The PowerVM driver: logical partitions through an IBM HMC's REST API. */
package org.basket.driver.powervm.internal;
