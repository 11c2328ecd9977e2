package dev.tangle.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;

import org.junit.jupiter.api.Test;

class ProcStatsTest {

    @Test
    void findsTheProcessListeningOnAPortAndReadsItsCpuAndMemory() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            assertThat(ProcStats.pidListeningOn(s.getLocalPort())).hasValue(ProcessHandle.current().pid());
        }
        ProcStats.Sample me = ProcStats.sample(ProcessHandle.current().pid());
        assertThat(me.cpuSeconds()).isPositive();
        assertThat(me.rssBytes()).isGreaterThan(10L << 20);
    }
}
