package dev.tangle.api.webhooks;

import java.net.InetAddress;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UrlGuardTest {

    @Test
    void onlyPublicAddressesArePublic() throws Exception {
        for (String ip : new String[] {"127.0.0.1", "10.0.0.1", "172.16.5.4", "192.168.1.1", "169.254.169.254", "0.0.0.0",
                "100.64.0.1", "224.0.0.1", "255.255.255.255", "::1", "fe80::1", "fd12::1", "::ffff:127.0.0.1",
                "::ffff:10.0.0.1"}) {
            assertThat(UrlGuard.isPublic(InetAddress.getByName(ip))).as(ip).isFalse();
        }
        for (String ip : new String[] {"93.184.216.34", "8.8.8.8", "2606:4700::1111", "::ffff:8.8.8.8"}) {
            assertThat(UrlGuard.isPublic(InetAddress.getByName(ip))).as(ip).isTrue();
        }
    }
}
