package org.basket.core;

import org.basket.api.fence.FenceDevice;

/** A fence device's failure as one line that names the device once. */
final class FenceDeviceFailure {
    private FenceDeviceFailure() {
    }

    /** {@code device: message}, unless the message already starts with the device's name (the sim's and the agents' do). */
    static String of(FenceDevice device, Exception e) {
        String message = String.valueOf(e.getMessage());
        return message.startsWith(device.name()) ? message : device.name() + ": " + message;
    }
}
