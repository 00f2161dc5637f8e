/**
 * The crash-safe local journal of the embedded default: what the manager must not lose across a
 * crash and restart (fail counts, fencing and operation history, standby and maintenance flags, the
 * transition in flight), kept in one H2 MVStore file. Private to the core bundle.
 */
package org.basket.core.journal;
