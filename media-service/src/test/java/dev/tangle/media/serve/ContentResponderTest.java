package dev.tangle.media.serve;

import dev.tangle.common.error.ApiException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContentResponderTest {

    @Test
    void parsesOneByteRange() {
        assertThat(ContentResponder.parse("bytes=0-99", 1000)).contains(new ContentResponder.Range(0, 100));
        assertThat(ContentResponder.parse("bytes=900-", 1000)).contains(new ContentResponder.Range(900, 100));
        assertThat(ContentResponder.parse("bytes=-10", 1000)).contains(new ContentResponder.Range(990, 10));
        assertThat(ContentResponder.parse("bytes=990-5000", 1000)).contains(new ContentResponder.Range(990, 10));
    }

    @Test
    void sendsTheWholeObjectForWhatItDoesNotServe() {
        assertThat(ContentResponder.parse("bytes=0-1,5-6", 1000)).isEmpty();
        assertThat(ContentResponder.parse("items=0-1", 1000)).isEmpty();
        assertThat(ContentResponder.parse("bytes=50-10", 1000)).isEmpty();
    }

    @Test
    void aRangeOutsideTheObjectIs416WithItsSize() {
        assertThatThrownBy(() -> ContentResponder.parse("bytes=1000-", 1000)).isInstanceOf(ApiException.class)
                .satisfies(e -> {
                    assertThat(((ApiException) e).status()).isEqualTo(416);
                    assertThat(((ApiException) e).headers()).containsEntry("Content-Range", "bytes */1000");
                });
    }
}
