package dev.tangle.tools.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ServerMeterTest {

    @Test
    void usedHeapAddsTheGenerationsOfSerialOutputAndIgnoresMetaspace() {
        String serial = """
                12011:
                 DefNew     total 314560K, used 5668K [0x00000000c0000000, 0x00000000d5550000, 0x00000000d5550000)
                  eden space 279616K,   2% used [0x00000000c0000000, 0x00000000c05892a8, 0x00000000d1110000)
                 Tenured    total 699072K, used 200000K [0x00000000d5550000, 0x0000000100000000, 0x0000000100000000)
                 Metaspace       used 43210K, committed 43776K, reserved 1114112K
                """;
        assertThat(ServerMeter.usedHeapBytes(serial)).isEqualTo((5668L + 200000L) * 1024);
    }

    @Test
    void usedHeapReadsG1OutputWithASpaceInTheName() {
        String g1 = """
                 garbage-first heap   total 262144K, used 12345K [0x0000000700000000, 0x0000000800000000)
                  region size 1024K, 3 young (3072K), 0 survivors (0K)
                 Metaspace       used 1000K, committed 1200K, reserved 1114112K
                """;
        assertThat(ServerMeter.usedHeapBytes(g1)).isEqualTo(12345L * 1024);
    }
}
