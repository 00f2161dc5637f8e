/** The z/VM driver: the guests of a z/VM SSI cluster's members through each member's z/VM Cloud Connector (Feilong) REST API. */
package org.basket.driver.zvm.internal;
