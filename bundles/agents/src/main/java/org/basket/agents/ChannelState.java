package org.basket.agents;

import java.io.IOException;
import java.net.BindException;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.List;

import org.basket.channel.manager.ChannelListener;
import org.basket.channel.manager.EnrolmentTokens;
import org.basket.channel.manager.ManagerChannel;
import org.basket.channel.manager.ManagerChannelConfig;
import org.basket.channel.pki.CertificateAuthority;
import org.basket.channel.protocol.FrameCodec;

/** The CA and tokens of a state directory and the listener serving them, as one configuration made them. */
record ChannelState(AgentsSettings settings, CertificateAuthority authority, EnrolmentTokens tokens, ManagerChannel channel) {
    static final String MANAGER_NAME = "basket-manager";

    static ChannelState open(AgentsSettings settings, ChannelListener listener, Clock clock)
            throws IOException, GeneralSecurityException {
        CertificateAuthority authority = CertificateAuthority.openOrCreate(settings.stateDirectory().resolve("ca"), clock,
                settings.certificateValidity(), CertificateAuthority.DEFAULT_CA_NAME);
        EnrolmentTokens tokens = new EnrolmentTokens(settings.stateDirectory().resolve("tokens"), clock);
        return new ChannelState(settings, authority, tokens, listen(settings, authority, tokens, listener, clock));
    }

    /** The same CA and tokens when the state directory and the certificates' validity stay, behind a new listener. */
    ChannelState reopen(AgentsSettings next, ChannelListener listener, Clock clock) throws IOException, GeneralSecurityException {
        if (!next.stateDirectory().equals(settings.stateDirectory())
                || !next.certificateValidity().equals(settings.certificateValidity())) {
            return open(next, listener, clock);
        }
        return new ChannelState(next, authority, tokens, listen(next, authority, tokens, listener, clock));
    }

    ChannelState withSettings(AgentsSettings next) {
        return new ChannelState(next, authority, tokens, channel);
    }

    String advertisedAddress() {
        return settings.advertisedAddress(channel.port());
    }

    private static ManagerChannel listen(AgentsSettings settings, CertificateAuthority authority, EnrolmentTokens tokens,
            ChannelListener listener, Clock clock) throws IOException, GeneralSecurityException {
        ManagerChannelConfig config = new ManagerChannelConfig(settings.bindAddress(), settings.port(), MANAGER_NAME,
                List.of(settings.advertisedHost()), settings.handshakeTimeout(), ManagerChannelConfig.DEFAULT_IDLE_TIMEOUT,
                FrameCodec.DEFAULT_MAX_FRAME_BYTES, settings.limits());
        try {
            return ManagerChannel.start(config, authority, tokens, listener, clock);
        } catch (BindException e) {
            throw new BindException("cannot listen for agents on " + settings.bindAddress() + ":" + settings.port() + ": "
                    + e.getMessage());
        }
    }
}
