package dev.tangle.tools.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ServerMeterTest {

    @Test
    void liveBytesAreTheHistogramTotalLessTheDeadSpaceFillers() {
        String histogram = """
                12011:
                 num     #instances         #bytes  class name (module)
                -------------------------------------------------------
                   1:         20046       48048248  jdk.internal.vm.StackChunk (java.base@25.0.3)
                   2:        207555       25548928  [B (java.base@25.0.3)
                   3:          5058        4628320  [Ljdk.internal.vm.FillerElement; (java.base@25.0.3)
                   4:             2             48  jdk.internal.vm.FillerElement (java.base@25.0.3)
                   5:         10000         960000  dev.tangle.socket.session.Session
                Total        242661       79185544
                """;
        assertThat(ServerMeter.liveObjectBytes(histogram)).isEqualTo(79185544L - 4628320L - 48L);
    }

    @Test
    void noHistogramIsNoBytes() {
        assertThat(ServerMeter.liveObjectBytes("12011:\ncom.sun.tools.attach.AttachNotSupportedException\n")).isZero();
    }
}
